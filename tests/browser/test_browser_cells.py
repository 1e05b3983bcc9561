"""Table cells of the static dossier that are read as words: an entity's name
beside a long list of document labels, and a Sources date, wrap between words
and are never cut inside one, on a desktop and on a phone.

The page is the sample corpus's dossier; the first entity row is given a long
name and a long Documents cell (the shape that squeezed the name column), so
the check does not depend on which names the sample happens to hold."""

from __future__ import annotations

import pytest

from tools import browser as chromium

WIDTHS = (chromium.PHONE["width"], chromium.DESKTOP["width"])
WORDY = "#entities td:first-child strong, #sources td time"

CROWD_ROW = """() => {
  const row = document.querySelector('#entities tbody tr');
  row.querySelector('td strong').textContent = 'Interprofessional Association of Poultry Farmers';
  const docs = row.cells[row.cells.length - 1];
  docs.textContent = Array(14).fill(
    'Rivertown Gazette · 13 Mar 2025 · Council delays the bridge vote again after engineers (3)'
  ).join('; ');
  return row.querySelectorAll('td').length;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_names_and_dates_wrap_between_words(open_page, dossier_url, width):
    page = open_page(dossier_url, width=width).page
    assert page.evaluate(CROWD_ROW) >= 4
    assert page.locator("#sources td time").count() > 0
    broken = page.evaluate(chromium.BROKEN_WORDS_JS, WORDY)
    assert not broken, f"cut inside a word at {width} px: {broken}"


def test_the_cell_check_can_fail(open_page, tmp_path):
    """The check itself: a name in a cell squeezed by a long neighbour is reported."""
    page = tmp_path / "squeezed.html"
    page.write_text(
        "<!doctype html><style>td{overflow-wrap:anywhere}</style><table id=entities"
        " style='width:30em'><tr><td><strong>Interprofessional Association</strong></td>"
        "<td>" + "long words here " * 80 + "</td></tr></table>",
        encoding="utf-8",
    )
    watched = open_page(page.as_uri(), width=1400)
    broken = watched.page.evaluate(chromium.BROKEN_WORDS_JS, WORDY)
    assert broken and broken[0].startswith("strong")


EXTRA_CELLS = "section.generic td"

CROWD_EXTRA = """() => {
  const tables = document.querySelectorAll('section.generic table');
  for (const table of tables) {
    const row = table.querySelector('tbody tr');
    if (!row) continue;
    for (const td of row.cells) {
      if (!td.classList.contains('id')) td.textContent = 'PRESENT_REF mentioned 38.89511';
    }
    row.cells[0].querySelector('a, span') && (row.cells[0].firstElementChild.textContent =
      'Rivertown Gazette · 13 Mar 2025 · Council delays the bridge vote again after engineers');
  }
  return tables.length;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_extra_section_values_are_never_cut_inside_a_word(open_page, dossier_url, width):
    """Places, quantities and timexes tables (many short columns) stay readable:
    values such as "mentioned" or "38.89511" are whole on one line."""
    page = open_page(dossier_url, width=width).page
    assert page.evaluate(CROWD_EXTRA) >= 1
    broken = page.evaluate(chromium.BROKEN_WORDS_JS, EXTRA_CELLS)
    assert not broken, f"cut inside a word at {width} px: {broken}"
