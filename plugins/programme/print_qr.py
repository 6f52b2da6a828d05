"""The printed programme's QR code: the online page's address, for a reader holding the paper.

Only an absolute address helps from paper, so a build without SITEURL (`invoke serve`, a local
build) prints no code rather than one that leads nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

from sitekit.urls import absolute


@dataclass(frozen=True)
class PrintedLink:
    """The address written on the sheet and its QR code as inline SVG."""

    url: str
    svg: Markup


def code(url: str) -> segno.QRCode:
    """The QR code of `url` (level M: survives a smudge or a fold; never a Micro QR).

    Drawn with the standard quiet zone of 4 modules, so a phone finds it beside the text.
    """
    return segno.make(url, error="m", micro=False, boost_error=False)


def printed_link(siteurl: str, page_url: str) -> PrintedLink | None:
    """The QR code and address of a page online; None without an absolute SITEURL."""
    url = absolute(siteurl, page_url)
    if not url.startswith(("http://", "https://")):
        return None
    svg = code(url).svg_inline(scale=4, border=4, svgclass="programme-qr-code", lineclass=None,
                               omitsize=True, title=url)
    return PrintedLink(url=url, svg=Markup(svg))
