"""The second line of defence: every body and sapo goes through nh3 before it can be published.

nh3 (Rust's ammonia, parsing as browsers do with html5ever) is handed html_policy's allow-list,
so nothing the review missed reaches a page. Its output is a re-serialisation (`&ndash;` comes
back as `–`, entities in mailto: links decoded), so when it reads the same as the original,
token for token, the original bytes are kept: the site stays byte for byte what Markdown wrote.
Only when nh3 removed something is its output published, and anything it removed that could run
code is reported too (an error in a strict build), in case the review did not see it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3

from sitekit import problems
from sitekit.problems import Problem, display_path
from sitekit.source_lines import line_of

from . import sanitise_store
from .html_policy import (
    ATTRIBUTE_VALUES,
    ATTRIBUTES,
    IFRAME,
    TAGS,
    URL_SCHEMES,
    Finding,
    attribute_findings,
    scan,
)
from .raw_html import problem_for
from .settings import editorial_settings, iframe_hosts

# Removed together with what they hold: their content is code, a plugin's fallback or markup
# meant for another parser, never text for the reader.
_CONTENT_DROPPED = frozenset({"script", "style", "template", "noscript", "object", "embed",
                              "applet", "noembed", "noframes"})

# A frame whose src nh3 took away (another host) would show an empty box: drop it whole. nh3's
# output is well formed and a frame holds only text, so the first </iframe> closes it.
_EMPTY_FRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)


@lru_cache(maxsize=8)
def cleaner(hosts: frozenset[str]) -> nh3.Cleaner:
    """An nh3 cleaner for html_policy's allow-list; <iframe> only when hosts are listed."""
    tags = set(TAGS) | ({IFRAME} if hosts else set())

    def keep(tag: str, name: str, value: str) -> str | None:
        # srcset, cite and iframe hosts are beyond ammonia's URL checks; the policy knows them.
        return None if attribute_findings(tag, name, value, 0, hosts) else value

    return nh3.Cleaner(
        tags=tags,
        clean_content_tags=set(_CONTENT_DROPPED) | (set() if hosts else {IFRAME}),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()
                    if tag == "*" or tag in tags},
        tag_attribute_values={tag: {name: set(values) for name, values in by_name.items()}
                              for tag, by_name in ATTRIBUTE_VALUES.items()},
        attribute_filter=keep,
        link_rel=None,  # links keep the rel an editor wrote; ammonia would add its own
        url_schemes=set(URL_SCHEMES),
    )


# What sanitise made of each text in this build and the one before: nh3's output, or None when
# the original stands, with the text's sanitise_store digest. A pure function of (hosts, text),
# kept so that a preview's rebuild (`invoke serve`, one process) does not clean 1000 unchanged
# bodies again; two builds' worth only, so a long-running server holds no text it no longer
# shows. A new process learns from sanitise_store which texts an earlier build kept whole.
_Memo = dict[tuple[frozenset[str], str], tuple[str | None, str]]
_this_build: _Memo = {}
_last_build: _Memo = {}


def new_build(settings: dict | None = None) -> None:
    """Forget the texts of the build before last (called as each build starts)."""
    global _this_build, _last_build
    _this_build, _last_build = {}, _this_build
    if settings is not None:
        sanitise_store.start(settings)


def sanitise(html: str, hosts: frozenset[str]) -> str:
    """`html` as published: the original when nh3 keeps all of it, else nh3's output."""
    key = (hosts, html)
    known = _this_build.get(key) or _last_build.get(key)
    if known is None:
        digest = sanitise_store.digest(html, hosts)
        whole = sanitise_store.kept_whole(digest)
        known = (None if whole else _sanitised(html, hosts), digest)
    _this_build[key] = known
    cleaned, digest = known
    if cleaned is None:
        sanitise_store.note_whole(digest)
        return html
    return cleaned


def _sanitised(html: str, hosts: frozenset[str]) -> str | None:
    cleaned = cleaner(hosts).clean(html)
    if cleaned == html or _tokens(cleaned) == _tokens(html):
        return None
    return _EMPTY_FRAME.sub("", cleaned) if hosts else cleaned


def sanitise_content(instance) -> None:
    """Sanitise an article's or page's body and sapo (content_object_init)."""
    body = getattr(instance, "_content", None)
    if not isinstance(body, str):  # static files are Content objects too
        return
    settings = instance.settings
    hosts = iframe_hosts(settings)
    instance._content = _published(instance, body, hosts)
    summary = instance.metadata.get("summary")
    if isinstance(summary, str):
        instance.metadata["summary"] = instance._summary = _published(instance, summary, hosts)


def _published(instance, html: str, hosts: frozenset[str]) -> str:
    cleaned = sanitise(html, hosts)
    if cleaned is not html:
        _report_missed(instance, [f for f in scan(html, hosts) if f.severe])
    return cleaned


def _report_missed(instance, findings: list[Finding]) -> None:
    """Report what could run code, unless the review already named it in that file."""
    settings = instance.settings
    shown = display_path(instance.source_path, settings["PATH"])
    severity = "error" if editorial_settings(settings)["strict"] else "warning"
    known = {(p.path, p.message) for p in problems.found()}
    for finding in findings:
        problem = problem_for(finding, shown, None, severity)
        if (shown, problem.message) in known:
            continue
        known.add((shown, problem.message))
        line = line_of(instance.source_path, _needle(finding), ignore_case=True)
        problems.report(Problem(problem.path, problem.message, problem.fix, line,
                                problem.severity))


def _needle(finding: Finding) -> str:
    if finding.kind in ("script", "active"):
        return f"<{finding.tag}"
    if finding.kind == "url":
        return f"{finding.value}:"
    return finding.value or finding.name or f"<{finding.tag}"


class _Tokens(HTMLParser):
    """An HTML text as a parser sees it: tags with decoded attributes, decoded text, comments."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("<", tag, tuple((name, value or "") for name, value in attrs)))

    def handle_startendtag(self, tag, attrs):  # `<br/>` is `<br>` to a browser, `<div/>` too
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("/", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))

    def handle_comment(self, data):
        self.tokens.append(("!--", data))

    def handle_decl(self, decl):
        self.tokens.append(("!", decl))

    def unknown_decl(self, data):
        self.tokens.append(("![", data))

    def handle_pi(self, data):
        self.tokens.append(("?", data))


def _tokens(html: str) -> list[tuple]:
    """The tokens html.parser reads in an HTML text.

    Why comparing them is safe: nh3's output is well formed, so html.parser reads it as a
    browser does; the original is kept only if html.parser reads it as the very same tokens,
    comments and declarations included, so nothing nh3 removed can hide in it.
    """
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens
