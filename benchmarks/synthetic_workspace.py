"""A workspace of N synthetic documents, made cheaply from a few analysed ones.

Analysing 100,000 real articles takes hours on a 2-core machine; measuring
what ``storyline report`` costs at that size needs only a workspace of that
size. ``make_workspace`` fills one with variants of already analysed
documents (a source workspace, e.g. the corpora analysed once): variant ``k``
is ``benchmarks.fusion.variant`` of source ``k mod S``: a new id, dates
shifted per round, named-entity words renamed per story period and a quarter
of the longer content words renamed per variant, every word keeping its
length so every offset stays valid and every record's ``text`` is re-cut
from the variant's text. Each variant is stored as a document (its text as
its raw bytes) and its analysis, as ``storyline ingest`` stores them, so
``storyline report --workspace W`` runs on it unchanged.

Other benchmarks import ``make_workspace``; from the command line::

    python benchmarks/synthetic_workspace.py --docs 10000 --out /tmp/w10k.db \\
        [--sources /tmp/sources.db]

Without ``--sources`` the sample corpus and, when present, the real corpora of
``../shared/corpus`` are analysed first into ``<out>.sources.db``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT / "src", ROOT):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from benchmarks.fusion import source_analyses, variant  # noqa: E402

#: Analyses stored per transaction.
BATCH = 500


def _raw(a: Any) -> Any:
    from storyline.model import RawDocument

    md = a.metadata
    return RawDocument(
        id=a.doc_id,
        source=f"synthetic/{a.doc_id}.txt",
        text=a.text,
        raw=a.text.encode("utf-8"),
        format=a.format,
        title=md.value("title"),
        url=md.url,
        outlet=md.value("outlet"),
        published=md.value("published"),
        dct=a.dct,
        language=md.value("language"),
        external_id=a.external_id,
    )


def make_workspace(
    out: Path,
    n: int,
    sources: list[dict[str, Any]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Store ``n`` variants of ``sources`` (analyses as dicts) in the workspace ``out``.

    Returns how many documents were stored. Variant ids are deterministic, so
    running it twice on one workspace stores nothing new the second time.
    """
    from storyline.model import DocumentAnalysis
    from storyline.store import Workspace
    from storyline.store.packed import pack_for_store

    done = 0
    with Workspace(out) as ws:
        batch = []
        for k in range(n):
            a = DocumentAnalysis.from_dict(variant(sources[k % len(sources)], k, len(sources)))
            ws.add_document(_raw(a))
            batch.append(pack_for_store(a))
            if len(batch) >= BATCH or k == n - 1:
                done += ws.put_packed(batch)
                batch = []
                if progress is not None:
                    progress(k + 1)
    return done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True, help="the workspace to fill")
    ap.add_argument("--sources", type=Path, help="a workspace of analysed source documents")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.sources is not None:
        from storyline.store import Workspace

        with Workspace(args.sources) as ws:
            sources = [a.to_dict() for a in ws.analyses()]
    else:
        sources = source_analyses(args.out.with_suffix(".sources.db"))

    def progress(k: int) -> None:
        print(f"{k} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    n = make_workspace(args.out, args.docs, sources, progress)
    print(f"{n} documents stored in {args.out} from {len(sources)} sources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
