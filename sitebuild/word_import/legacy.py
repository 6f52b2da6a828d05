"""Runs typed in TCVN3 (.VnTime…) or VNI (VNI-Times…) fonts, turned into Unicode in the document.

Word shows such text correctly only with the legacy font installed; the characters stored are
Latin-1 symbols (`Hµ TÜnh`). The font is what tells us, run by run, so the conversion happens
here, on the document itself, before mammoth reads it: every later step sees Unicode.
A run's font comes from the run, else its character style, else its paragraph's style (each
with the styles it is based on), else the document's defaults, as Word resolves it.
"""

from collections import Counter

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml.etree import _Element

from sitekit.legacy_vietnamese import capitals_font, encoding_of_font, to_unicode

# Letters beyond ASCII (where TCVN3 and VNI put Vietnamese) are drawn with the hAnsi font.
_FONT_ATTRIBUTES = (qn("w:hAnsi"), qn("w:ascii"))


def convert_runs(document: Document) -> Counter:
    """Convert every legacy-font run of the body in place; count the runs per encoding."""
    styles = document.styles.element
    converted: Counter = Counter()
    for run in document.element.body.iter(qn("w:r")):
        font = _font_of(run, styles) or ""
        encoding = encoding_of_font(font)
        if not encoding:
            continue
        texts = run.findall(qn("w:t"))
        capitals = capitals_font(font)
        for text in texts:
            if text.text:
                converted_text = to_unicode(text.text, encoding)
                text.text = converted_text.upper() if capitals else converted_text
        converted[encoding] += bool(texts)
    return converted


def _font_of(run: _Element, styles: _Element) -> str | None:
    rpr = run.find(qn("w:rPr"))
    if font := _rfonts(rpr):
        return font
    if rpr is not None and (rstyle := rpr.find(qn("w:rStyle"))) is not None:
        if font := _style_font(styles, rstyle.get(qn("w:val"))):
            return font
    paragraph = next(run.iterancestors(qn("w:p")), None)
    pstyle_id = None
    if paragraph is not None:
        ppr = paragraph.find(qn("w:pPr"))
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        pstyle_id = pstyle.get(qn("w:val")) if pstyle is not None else None
    if pstyle_id is None:
        default = styles.default_for(WD_STYLE_TYPE.PARAGRAPH)
        pstyle_id = default.styleId if default is not None else None
    if font := _style_font(styles, pstyle_id):
        return font
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    return _rfonts(rpr_default.find(qn("w:rPr")) if rpr_default is not None else None)


def _style_font(styles: _Element, style_id: str | None) -> str | None:
    seen: set[str] = set()
    while style_id and style_id not in seen:  # a loop of basedOn must not hang the import
        seen.add(style_id)
        style = styles.get_by_id(style_id)
        if style is None:
            return None
        if font := _rfonts(style.find(qn("w:rPr"))):
            return font
        based_on = style.find(qn("w:basedOn"))
        style_id = based_on.get(qn("w:val")) if based_on is not None else None
    return None


def _rfonts(rpr: _Element | None) -> str | None:
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return None
    return next((value for name in _FONT_ATTRIBUTES if (value := fonts.get(name))), None)
