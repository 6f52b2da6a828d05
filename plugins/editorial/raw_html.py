"""Raw HTML in articles and pages: what `invoke check` and the build refuse, at file:line.

The body is read as Markdown reads it: fenced and indented code blocks, code spans and
autolinks are text, so they are blanked out (line breaks kept, so line numbers stay right);
what is left is parsed as HTML (html_policy.scan). Links written in Markdown syntax and
`{: attribute lists }` are checked too, since Markdown turns them into attributes.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from sitekit.problems import Problem, Severity

from .html_policy import (
    DANGEROUS_SCHEMES,
    SRCSET_ATTRIBUTES,
    URL_ATTRIBUTES,
    URL_SCHEMES,
    Finding,
    scan,
    url_scheme,
)
from .settings import editorial_settings, iframe_hosts
from .sources import Source

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
# Markdown's own autolink patterns: `<scheme://…>` becomes a link, `<name@host>` a mailto: one.
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>|<[^<> !]+@[^@<> ]+>")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<url>[^\s)>]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?(?P<url>[^\s>]+)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[ ]*(?P<attrs>[^}\n ][^}\n]*)[ ]*\}")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_SETTING = "EDITORIAL['iframe_hosts']"
_SEE_README = ("viết bằng Markdown, hoặc dùng một thẻ trong danh sách ở README "
               "(mục “HTML được phép dùng trong bài”)")


def raw_html_problems(source: Source, settings: dict) -> list[Problem]:
    """Raw HTML that would run code or load another site, and what the sanitiser would drop."""
    hosts = iframe_hosts(settings)
    severity: Severity = "error" if editorial_settings(settings)["strict"] else "warning"
    problems = []
    body = source.body_lines()
    if body:
        text = "\n".join(line for _, line in body)
        for finding in markdown_findings(text, hosts, blocks=True):
            problems.append(problem_for(finding, source.shown, body[0][0] + finding.line - 1,
                                        severity))
    if summary := source.value("summary"):  # Pelican renders the sapo as Markdown too
        for finding in markdown_findings(summary, hosts, blocks=False):
            problems.append(problem_for(finding, source.shown, source.line_of("summary"),
                                        severity))
    return problems


def markdown_findings(text: str, hosts: frozenset[str], blocks: bool) -> list[Finding]:
    """Findings of a Markdown text, lines counted in it; `blocks`: it may hold code blocks."""
    if blocks:
        text = _blank(FencedBlockPreprocessor.FENCED_BLOCK_RE, text)
        text = _blank_indented_code(text)
    text = _blank(_CODE_SPAN, text)
    found: list[Finding] = []
    for pattern in (_AUTOLINK, _MARKDOWN_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            if match["url"]:
                scheme = url_scheme(html.unescape(match["url"]))
                found += _url_finding("a", "href", scheme, _line(text, match.start()))
    found += scan(_blank(_AUTOLINK, text), hosts)
    for match in _ATTR_LIST.finditer(text):
        attrs, _ = get_attrs_and_remainder(match["attrs"])
        for name, value in attrs:
            name, line = name.lower(), _line(text, match.start())
            if name.startswith("on"):
                found.append(Finding("handler", "", line, name))
            elif name in URL_ATTRIBUTES | SRCSET_ATTRIBUTES and (value or "").strip():
                found += _url_finding("", name, url_scheme(html.unescape(value)), line)
    return sorted(found, key=lambda finding: finding.line)


def _url_finding(tag: str, name: str, scheme: str, line: int) -> list[Finding]:
    if scheme in DANGEROUS_SCHEMES:
        return [Finding("url", tag, line, name, scheme)]
    if scheme and scheme not in URL_SCHEMES:
        return [Finding("scheme", tag, line, name, scheme)]
    return []


def problem_for(finding: Finding, shown: str, line: int | None,
                severity: Severity) -> Problem:
    """The editor's sentence for a finding; refused ones take the build's severity."""
    message, fix = describe(finding)
    return Problem(shown, message, fix, line, severity if finding.severe else "warning")


def describe(finding: Finding) -> tuple[str, str]:
    """What is wrong and what to do, in Vietnamese; the same words from review and sanitiser."""
    tag, name, value = finding.tag, finding.name, finding.value
    match finding.kind:
        case "script":
            return ("thẻ <script> sẽ chạy mã trên máy người đọc, nên không được đăng",
                    "xoá thẻ <script>…</script>; muốn cho người đọc xem đoạn mã, đặt nó trong "
                    "khối ``` … ``` hoặc trong dấu `…`")
        case "active":
            return (f"thẻ <{tag}> nạp mã, khung hay biểu mẫu từ nơi khác hoặc đổi cả trang, "
                    "nên không được đăng",
                    f"xoá thẻ <{tag}>; muốn dẫn người đọc tới trang khác, dùng liên kết "
                    "[chữ](https://…)")
        case "handler":
            return (f"thuộc tính {name}= sẽ chạy mã JavaScript trên máy người đọc",
                    f"xoá {name}=… khỏi thẻ; liên kết và ảnh viết bằng Markdown không cần nó")
        case "url" if value == "data":
            return ("địa chỉ data: nhúng nguyên một tệp, có thể là trang HTML chạy mã, vào bài",
                    "đặt tệp vào content/images/ rồi dẫn tới /images/…, hoặc dẫn tới https://…")
        case "url":
            return (f"địa chỉ {value}: chạy mã thay vì mở một trang",
                    "dẫn tới địa chỉ https://… hoặc một trang của trang tin (/…)")
        case "iframe" if value:
            return (f"khung nhúng <iframe> từ máy chủ “{value}” chưa có trong danh sách được "
                    f"phép {_SETTING}",
                    f"nếu tin máy chủ này, thêm \"{value}\" vào {_SETTING} trong pelicanconf.py; "
                    "nếu không, thay khung nhúng bằng một liên kết")
        case "iframe":
            return ("khung nhúng <iframe> không có địa chỉ src=\"https://…\" của một máy chủ "
                    f"trong {_SETTING}",
                    f"ghi src=\"https://…\" của một máy chủ đã có trong {_SETTING} "
                    "(pelicanconf.py), hoặc bỏ khung nhúng")
        case "srcdoc":
            return ("khung nhúng <iframe srcdoc=…> chứa nguyên một trang HTML ngay trong bài",
                    f"bỏ srcdoc; chỉ nhúng src=\"https://…\" từ máy chủ có trong {_SETTING}")
        case "scheme":
            return (f"địa chỉ {value}: không được phép, khi đăng liên kết sẽ bị bỏ",
                    "dùng địa chỉ https://, http://, mailto: hoặc tel:")
        case "tag":
            return (f"thẻ <{tag}> không có trong danh sách HTML được phép, khi đăng sẽ bị bỏ "
                    "(chữ bên trong vẫn giữ)", _SEE_README)
        case _:
            return (f"thuộc tính {name}= của thẻ <{tag}> không được phép, khi đăng sẽ bị bỏ",
                    _SEE_README)


def _blank(pattern: re.Pattern, text: str) -> str:
    return pattern.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), text)


def _blank_indented_code(text: str) -> str:
    """Blank indented code blocks: indented lines after a blank line that follows a paragraph.

    After a list item or raw HTML, indented lines are not code: they stay and are checked.
    """
    lines = text.split("\n")
    previous, in_code = "", False  # the last non-blank line before the current blank run
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        after_blank = index > 0 and not lines[index - 1].strip()
        if _INDENTED.match(line) and (in_code or (after_blank and _paragraph(previous))):
            lines[index], in_code = " " * len(line), True
            continue
        in_code, previous = False, line
    return "\n".join(lines)


def _paragraph(line: str) -> bool:
    stripped = line.lstrip()
    return not (_INDENTED.match(line) or _LIST_ITEM.match(line) or stripped.startswith("<"))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
