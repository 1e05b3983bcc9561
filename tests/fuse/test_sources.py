from storyline.fuse.sources import independent_groups, independent_sources, lineage_of
from storyline.model import CopyLink, Lineage

LINEAGES = [
    Lineage(
        "l1",
        "a",
        ["a", "b", "c"],
        [CopyLink("b", "a", "exact", 1.0), CopyLink("c", "a", "spun", 0.9)],
    ),
    Lineage("l2", "x", ["x", "y"], [CopyLink("y", "x", "excerpt", 1.0)]),
]


def test_lineage_of_maps_every_member():
    index = lineage_of(LINEAGES)
    assert index["c"].id == "l1" and index["y"].id == "l2"
    assert "z" not in index


def test_independent_sources_counts_lineages_and_singletons():
    assert independent_sources(["a", "b", "c"], LINEAGES) == 1
    assert independent_sources(["b", "y", "z"], LINEAGES) == 3
    assert independent_sources(["b", "b", "c", "q", "q"], LINEAGES) == 2
    assert independent_sources([], LINEAGES) == 0
    assert independent_sources(["a", "b"], []) == 2
    assert independent_sources(iter(["a", "x"]), LINEAGES) == 2
    assert independent_sources(["q"], LINEAGES) == 1  # lineages of other documents


def test_every_count_of_the_dossier_uses_this_function():
    # The builder and the quote group records count here; the renderers only read.
    import storyline.report.build.dossier as dossier
    import storyline.report.build.quotes as quotes

    assert dossier.independent_sources is independent_sources
    assert quotes.independent_sources is independent_sources


def test_independent_groups_put_the_original_first():
    groups = independent_groups(["c", "z", "a", "y"], LINEAGES)
    assert groups == [["a", "c"], ["z"], ["y"]]
