"""Offline checks of a generated project, one module per artefact kind."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, shown as one line."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}: {self.where}" if self.where else self.file
        return f"{place}: {self.message}"
