"""A small workspace analysed once per test module: three short reports written
for these tests (one with hostile markup in its text), stored dossier included."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import analyzed_workspace

TEXTS = {
    "harbor-1.txt": (
        "Floodwall holds in Port Veyra\n\n"
        "PORT VEYRA, March 3, 2023 - The floodwall around Port Veyra held overnight, "
        'Mayor Ilse Kovar said on Friday. "The wall did its job," Kovar told reporters. '
        "At least 1,200 people were evacuated from the lower town.\n"
    ),
    "harbor-2.txt": (
        "Port Veyra residents return home\n\n"
        "PORT VEYRA, March 5, 2023 - Residents began returning to the lower town of Port "
        "Veyra on Sunday. Mayor Ilse Kovar said the floodwall would be inspected next week. "
        '"We expect the inspection to finish by March 20," Kovar said.\n'
    ),
    "hostile.txt": (
        "<script>alert('title')</script> Harbor notes\n\n"
        "PORT VEYRA, March 6, 2023 - A reader wrote <script>alert(1)</script> and "
        '<img src=x onerror=alert(2)> and <a href="javascript:alert(3)">click</a> and '
        "<svg onload=alert(4)><circle r=1></circle></svg> in a comment. "
        "Mayor Ilse Kovar said the harbor was calm.\n"
    ),
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace file after ``analyze`` of ``TEXTS`` (its dossier stored)."""
    return analyzed_workspace(tmp_path_factory.mktemp("web"), TEXTS)


@pytest.fixture(scope="module")
def client(workspace: Path):
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    with TestClient(create_app(workspace)) as c:
        yield c
