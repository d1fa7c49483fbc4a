"""Sorting activity: place each item in a category; feedback per item. No ipywidgets import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SortItem:
    text: str
    category: str
    feedback: str
    breaks: tuple[str, ...] = ()  # hard rules this item breaks (rules.yaml); never in a safe category


@dataclass(frozen=True)
class Sort:
    name: str
    title: str
    instructions: str
    categories: tuple[tuple[str, str], ...]  # (id, label)
    items: tuple[SortItem, ...]
    sources: tuple[str, ...]
    path: Path | None = None

    def label(self, category: str) -> str:
        return dict(self.categories)[category]


@dataclass
class SortAttempt:
    """Where the learner placed each item (by item index), and whether each is right."""

    sort: Sort
    placed: dict[int, str] = field(default_factory=dict)

    def place(self, item: int, category: str) -> None:
        if not 0 <= item < len(self.sort.items):
            raise IndexError(f"sort '{self.sort.name}' has {len(self.sort.items)} items")
        if category not in dict(self.sort.categories):
            raise ValueError(f"'{category}' is not a category of sort '{self.sort.name}'")
        self.placed[item] = category

    def unplace(self, item: int) -> None:
        """Take ``item`` out of its category (the learner chose none again)."""
        self.placed.pop(item, None)

    @property
    def complete(self) -> bool:
        return len(self.placed) == len(self.sort.items)

    def is_right(self, item: int) -> bool:
        return self.placed.get(item) == self.sort.items[item].category

    @property
    def score(self) -> int:
        return sum(self.is_right(i) for i in range(len(self.sort.items)))
