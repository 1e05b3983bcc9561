"""The extractor contract: every per-document extractor is one registered function.

In the spirit of spaCy's registered components, an extractor declares what
the pipeline needs to know about it, next to its code::

    @extractor("quotes", version="7", output="quotes", section="quotes",
               schema="quotes.schema.json")
    def extract_quotes(parsed: ParsedDocument) -> list[Quote]: ...

- ``name`` — how errors, ``needs`` and the pipeline version call it;
- ``version`` — bump it when its output changes: the pipeline version is
  derived from every registered extractor's version, so stored analyses are
  redone when any of them changes;
- ``output`` — where its result lands in the ``DocumentAnalysis``: the name of
  a record list (``"quotes"``; its record type is registered in
  ``storyline.model`` with ``@output_record``) or ``"integrity.<key>"`` for a
  per-document integrity finding (a JSON-ready dict);
- ``view`` — which parse it reads: ``"repaired"`` (the default: for a
  machine-spun document the parse of its repaired text, offsets mapped back
  by ``ParsedDocument.original_span``) or ``"original"`` (the text as written);
- ``needs`` — other extractors whose results it reads from
  ``parsed.results[name]``; they run first;
- ``section`` — the dossier's top-level list its records are flattened into
  (each record gets its document id; a record ``id`` becomes
  ``"<doc id>:<id>"``); ``None`` keeps them inside the analysis only;
- ``schema`` — a JSON Schema fragment describing one item of ``section``: a
  file name beside the module, or the fragment itself as a dict (see
  ``storyline.report.schema``).

Registration happens when the module is imported; ``default_registry()``
imports every module of ``storyline.extract`` once, so adding an extractor is:
one module with the decorator, its record type in ``storyline.model``, its
schema fragment — and its tests. ``docs/architecture.md`` walks through it.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any

from storyline.model import OUTPUT_RECORDS, DocumentAnalysis, ParsedDocument

Extractor = Callable[[ParsedDocument], Any]

INTEGRITY_PREFIX = "integrity."
VIEWS = ("repaired", "original")


@dataclass(frozen=True)
class ExtractorSpec:
    """What the pipeline and the dossier builder know about one extractor."""

    name: str
    func: Extractor
    version: str
    output: str
    view: str = "repaired"
    needs: tuple[str, ...] = ()
    section: str | None = None
    schema: str | dict[str, Any] | None = None

    @property
    def integrity_key(self) -> str | None:
        """``"spun"`` for ``output="integrity.spun"``; None for a record list."""
        if self.output.startswith(INTEGRITY_PREFIX):
            return self.output.removeprefix(INTEGRITY_PREFIX)
        return None

    @property
    def module(self) -> str:
        """The module that defines it (where its schema fragment lives)."""
        return self.func.__module__

    def check(self) -> None:
        """Raise ``ValueError`` when the declaration cannot work (a bug, found at import)."""
        if self.view not in VIEWS:
            raise ValueError(f"extractor {self.name!r}: view must be one of {VIEWS}")
        if self.integrity_key is None:
            if self.output in {f.name for f in fields(DocumentAnalysis)}:
                raise ValueError(f"extractor {self.name!r}: {self.output!r} is a core field")
            if self.output not in OUTPUT_RECORDS:
                raise ValueError(
                    f"extractor {self.name!r}: output {self.output!r} has no record type; "
                    "register one in storyline.model with @output_record"
                )
        elif self.section is not None:
            raise ValueError(f"extractor {self.name!r}: integrity findings have no section")


class Registry:
    """Named extractors (run in dependency, then name order) and their derived version."""

    def __init__(self, specs: dict[str, ExtractorSpec] | None = None) -> None:
        self._specs: dict[str, ExtractorSpec] = dict(specs or {})

    def add(self, spec: ExtractorSpec) -> ExtractorSpec:
        spec.check()
        prev = self._specs.get(spec.name)
        if prev is not None and prev.func is not spec.func:
            raise ValueError(f"two extractors are named {spec.name!r}")
        taken = {s.output for s in self._specs.values() if s.name != spec.name}
        if spec.output in taken:
            raise ValueError(f"extractor {spec.name!r}: output {spec.output!r} is already taken")
        self._specs[spec.name] = spec
        return spec

    def extractor(self, name: str, **declared: Any) -> Callable[[Extractor], Extractor]:
        """Decorator: register the function under ``name`` (see ``ExtractorSpec``)."""

        def register(func: Extractor) -> Extractor:
            self.add(ExtractorSpec(name=name, func=func, **declared))
            return func

        return register

    def copy(self) -> Registry:
        """An independent registry with the same extractors (for a custom pipeline)."""
        return Registry(self._specs)

    def without(self, *names: str) -> Registry:
        """A copy without the named extractors."""
        return Registry({k: v for k, v in self._specs.items() if k not in names})

    def replace(self, name: str, **changes: Any) -> Registry:
        """A copy in which one extractor's declaration is changed (e.g. another ``func``)."""
        reg = self.copy()
        reg._specs[name] = replace(self._specs[name], **changes)
        return reg

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __getitem__(self, name: str) -> ExtractorSpec:
        return self._specs[name]

    def __iter__(self) -> Iterator[ExtractorSpec]:
        return iter(self.ordered())

    def __len__(self) -> int:
        return len(self._specs)

    def ordered(self) -> list[ExtractorSpec]:
        """Extractors in run order: each after what it ``needs``, else in name order."""
        done: dict[str, ExtractorSpec] = {}

        def visit(spec: ExtractorSpec, path: tuple[str, ...]) -> None:
            if spec.name in done:
                return
            for dep in spec.needs:
                if dep in path:
                    raise ValueError(f"extractors need each other: {' -> '.join(path + (dep,))}")
                if dep not in self._specs:
                    raise ValueError(f"extractor {spec.name!r} needs {dep!r}, not registered")
                visit(self._specs[dep], path + (dep,))
            done[spec.name] = spec

        for name in sorted(self._specs):
            visit(self._specs[name], (name,))
        return list(done.values())

    def sections(self) -> list[ExtractorSpec]:
        """Extractors whose records become a top-level list of the dossier."""
        return [s for s in self.ordered() if s.section]

    def version(self, core: str) -> str:
        """``<core>.<hash>``: changes when any extractor is added, removed or re-versioned."""
        key = ";".join(f"{s.name}={s.version}" for s in sorted(self._specs.values(), key=_name))
        return f"{core}.{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _name(spec: ExtractorSpec) -> str:
    return spec.name


#: Where the decorator registers: ``default_registry()`` fills it.
REGISTRY = Registry()
extractor = REGISTRY.extractor


@cache
def default_registry() -> Registry:
    """Every extractor of ``storyline.extract`` (each module imported once)."""
    package = importlib.import_module("storyline.extract")
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name != __name__:
            importlib.import_module(info.name)
    return REGISTRY
