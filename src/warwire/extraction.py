"""The working state of one article while the stages run: each stage reads what earlier ones found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Article, Check, Claim, DateExpr, Entity, Event, Place, Quantity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Extraction:
    """One article, its parsed Doc, and the records the stages have produced so far.

    Stages run in this order and each may read the fields filled before it:
    places -> dates -> quantities -> entities -> quotes -> claims -> events -> checks.
    """

    article: Article
    doc: Doc
    places: list[Place] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> str | None:
        return self.article.published
