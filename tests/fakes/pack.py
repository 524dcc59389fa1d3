"""A minimal valid knowledge pack written to disk, for tests that change one thing in it."""

from __future__ import annotations

from pathlib import Path

from bot.core.loader import load_pack, validate_pack
from bot.core.models import KnowledgeBase

# Line numbers matter: tests assert `path:line:col: message`. Keep these texts stable.
SOURCES = """\
sources:
  - id: mfa-2013
    publisher: Example Ministry of Foreign Affairs
    title: Relations between the two countries
    url: https://example.org/relations
    published: "2013"
    published_estimate: true
    language: en
"""

VISITS = """\
facts:
  - id: erdogan-visit-2012
    topic: visits
    answer:
      en: Prime Minister Erdoğan visited Kazakhstan on 22-24 May 2012.
      tr: Başbakan Erdoğan 22-24 Mayıs 2012'de Kazakistan'ı ziyaret etti.
      ru: Премьер-министр Эрдоган посетил Казахстан 22-24 мая 2012 года.
      kk: Премьер-министр Ердоған 2012 жылғы 22-24 мамырда Қазақстанға барды.
    date: "2012-05-22/2012-05-24"
    sources: [mfa-2013]
    people: [erdogan]
  - id: key-partner
    topic: visits
    answer:
      en: Turkey calls Kazakhstan one of its key partners in Central Asia.
      tr: Türkiye, Kazakistan'ı Orta Asya'daki kilit ortaklarından biri sayıyor.
      ru: Турция называет Казахстан одним из ключевых партнёров в Центральной Азии.
      kk: Түркия Қазақстанды Орталық Азиядағы негізгі серіктестерінің бірі деп санайды.
    as_of: "2013"
    sources: [mfa-2013]
"""

COMMON = """\
aliases:
  turkey: [turkey, türkiye]
people:
  erdogan: [erdogan, erdoğan]
ordinals:
  1: [first, birinci]
smalltalk:
  greeting: [hello, merhaba]
stopwords: [when, the]
home_places: [ankara, astana]
"""

INTENTS = """\
intents:
  - id: erdogan-visit
    facts: [erdogan-visit-2012]
    default: latest
    keywords:
      - [visit, ziyaret]
      - [$turkey]
"""

BASE = {
    "knowledge/sources.yaml": SOURCES,
    "knowledge/visits.yaml": VISITS,
    "intents/common.yaml": COMMON,
    "intents/visits.yaml": INTENTS,
}


class Pack:
    """A pack folder (knowledge/ and intents/) under `root` that tests edit in place."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.knowledge = root / "knowledge"
        self.intents = root / "intents"

    @classmethod
    def create(cls, root: Path) -> Pack:
        """Write the minimal valid pack."""
        pack = cls(root)
        for relative, text in BASE.items():
            pack.write(relative, text)
        return pack

    def write(self, relative: str, text: str) -> None:
        """Create or replace a file, e.g. `knowledge/trade.yaml`."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read(self, relative: str) -> str:
        """A file's text."""
        return (self.root / relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a file."""
        text = self.read(relative)
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {relative}"
        self.write(relative, text.replace(old, new))

    def errors(self) -> list[str]:
        """Every problem the loader reports, as `path:line:col: message` lines."""
        kb, errors = validate_pack(self.knowledge, self.intents)
        assert (kb is None) == bool(errors)
        return [str(error) for error in errors]

    def load(self) -> KnowledgeBase:
        """The knowledge base (raises PackError when invalid)."""
        return load_pack(self.knowledge, self.intents)

    def cli_args(self, command: str) -> list[str]:
        """Arguments for `bot.cli.main` running `command` on this pack."""
        return [command, "--knowledge", str(self.knowledge), "--intents", str(self.intents)]
