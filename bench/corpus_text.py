"""Vietnamese-looking text for generated corpora: real frequent words, then made-up syllables.

The vocabulary is the word list in vi_words.txt (ranked, most frequent first) followed by
well-formed syllables made up from an onset, a rhyme and a tone mark placed on the vowel
Vietnamese spelling puts it on, all NFC. Words are drawn with Zipf weights by rank, so a text has
the few very common words and the long tail of rare ones that a search index or a cache meets on a
real news site.
"""

import itertools
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

WORD_LIST = Path(__file__).with_name("vi_words.txt")
VOCABULARY_SIZE = 4000  # distinct words, real and made up: a long tail, as news has
# Zipf–Mandelbrot, 1 / (rank + 3): the commonest word is ~3.5 % of the text (plain Zipf: ~11 %).
ZIPF_OFFSET = 3

ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
          "qu", "r", "s", "t", "th", "tr", "v", "x")
# Spelling before i, e, ê (y): c → k, g → gh, ng → ngh.
FRONT_ONSETS = {"c": "k", "g": "gh", "ng": "ngh"}
GLIDES = ("oa", "oă", "oe", "uâ", "uy", "uê")  # o/u read as w: hoa, tuân, thuy
RHYMES = (
    "a ai ao au ay am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âm ân âng âu ây âp ât âc "
    "e eo em en ep et ec ê êu êm ên ênh êp êt êch i ia iu im in inh ip it ich iêm iên iêng iêu "
    "iêp iêt iêc o oi om on ong op ot oc oa oai oay oan oang oanh oat oac oăn oăng oăt oe oen "
    "oet ô ôi ôm ôn ông ôp ôt ôc ơ ơi ơm ơn ơp ơt u ua ui um un ung up ut uc uân uât uy uyên "
    "uyêt uynh uyt uê uôi uôm uôn uông uôt uôc ư ưa ưi ưu ưng ưt ưc ươi ươu ươm ươn ương ươp "
    "ươt ươc"
).split()
VOWELS = "aăâeêioôơuưy"
STOPS = ("p", "t", "c", "ch")  # a syllable ending in a stop takes only the sắc or nặng tone
LEVEL, GRAVE, ACUTE, TILDE, HOOK, DOT = "", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONES = (LEVEL, GRAVE, ACUTE, TILDE, HOOK, DOT)


def tone_position(rhyme: str) -> int:
    """Index of the vowel of a rhyme that carries the tone mark (the traditional rule: hòa, thủy).

    A vowel with its own diacritic wins (the last one: ươ → ơ, iê → ê); then ư; then the only
    vowel; before a final consonant the last vowel (oàn); in three vowels the middle one (oái);
    in two open vowels the first (ài, hòa).
    """
    nucleus = [i for i, letter in enumerate(rhyme) if letter in VOWELS]
    marked = [i for i in nucleus if rhyme[i] in "ăâêôơ"]
    if marked:
        return marked[-1]
    if "ư" in rhyme:
        return rhyme.index("ư")
    if len(nucleus) == 1 or rhyme[-1] not in VOWELS:
        return nucleus[-1]
    return nucleus[1] if len(nucleus) == 3 else nucleus[0]


def onset_for(onset: str, rhyme: str) -> str | None:
    """The onset as spelled before this rhyme, or None when the pair is not Vietnamese."""
    glide = rhyme[:2] in GLIDES
    if onset == "qu" and (glide or rhyme[0] in "ouôư"):
        return None  # qu already holds the glide: quá, quân, quê, quy
    if (onset in ("c", "gi") and glide) or (onset == "g" and rhyme[0] == "u" and glide):
        return None  # the glide after c is written qu; gi and g take none here
    if rhyme[0] in "ieêy":
        return None if onset == "gi" else FRONT_ONSETS.get(onset, onset)
    return onset


def syllable(onset: str, rhyme: str, tone: str) -> str | None:
    """One NFC syllable, or None when onset, rhyme and tone cannot go together."""
    spelled = onset_for(onset, rhyme)
    if spelled is None or (rhyme.endswith(STOPS) and tone not in (ACUTE, DOT)):
        return None
    at = tone_position(rhyme) + 1
    return unicodedata.normalize("NFC", spelled + rhyme[:at] + tone + rhyme[at:])


def real_words() -> list[str]:
    """The ranked word list, NFC, without comments or blank lines."""
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    return [unicodedata.normalize("NFC", line.strip()) for line in lines
            if line.strip() and not line.startswith("#")]


def made_up_words(rng: random.Random, known: set[str]) -> Iterator[str]:
    """An endless stream of well-formed syllables, each new (not in `known`, not repeated)."""
    while True:
        word = syllable(rng.choice(ONSETS), rng.choice(RHYMES), rng.choice(TONES))
        if word and word not in known:
            known.add(word)
            yield word


@dataclass
class Writer:
    """Draws words, sentences and paragraphs from a ranked vocabulary with Zipf weights."""

    rng: random.Random
    words: list[str]
    cumulative: list[float]

    @classmethod
    def seeded(cls, seed: int, size: int = VOCABULARY_SIZE) -> "Writer":
        """The vocabulary and the draws both follow from `seed`."""
        rng = random.Random(f"{seed}-text")
        words = real_words()
        words += itertools.islice(made_up_words(rng, set(words)), max(0, size - len(words)))
        weights = (1 / (rank + ZIPF_OFFSET) for rank in range(len(words)))
        return cls(rng, words, list(itertools.accumulate(weights)))

    def phrase(self, low: int, high: int) -> str:
        """From low to high syllables, an occasional comma, a capital first letter, no full stop.

        Counted in syllables, not words (a word may have several), as Vietnamese is read.
        """
        wanted = self.rng.randint(low, high)
        words = []
        for word in self.rng.choices(self.words, cum_weights=self.cumulative, k=wanted):
            words.append(word)
            wanted -= word.count(" ") + 1
            if wanted <= 0:
                break
        for i in range(1, len(words) - 1):
            if self.rng.random() < 0.06:
                words[i] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def sentence(self, low: int = 8, high: int = 22) -> str:
        """A phrase ending with a full stop."""
        return self.phrase(low, high) + "."

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        """From low to high sentences."""
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))
