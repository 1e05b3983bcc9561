"""The page's one inline script, allowed by its hash in the Content-Security-Policy.

The page reads fully with scripts off (every table, every folded article,
the CSS-only repaired-text toggle); the script only adds comfort: a filter box
over long tables, sorting by a click on a column head, opening the folded
article a link points into, and unfolding everything before printing. It
builds its elements with ``textContent`` and reads no article text as markup,
so untrusted text cannot become code. The CSP names the script by its
SHA-256, computed from these exact bytes at render time: any other script,
inline or loaded, is refused by the browser.
"""

from __future__ import annotations

import base64
import hashlib

from markupsafe import Markup

FILTER_MIN_ROWS = 8  # shorter tables get no filter box

SCRIPT = """
(function () {
  "use strict";
  function openTo(el) {
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
  }
  function openHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el) { openTo(el); el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openHash);
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href^='#']");
    if (a && a.getAttribute("href") === location.hash) { openHash(); }
  });
  if (location.hash) { openHash(); }
  function cellText(row, i) {
    var c = row.cells[i];
    if (!c) { return ""; }
    var t = c.querySelector("time[datetime]");  /* "19 Mar 2022" sorts by its ISO value */
    return t ? t.getAttribute("datetime") : c.textContent.trim();
  }
  function sortBy(table, i, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    rows.sort(function (a, b) {
      var x = cellText(a, i), y = cellText(b, i);
      var nx = parseFloat(x), ny = parseFloat(y);
      if (!isNaN(nx) && !isNaN(ny) && nx !== ny) { return (nx - ny) * dir; }
      return x.localeCompare(y) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.filterable"), function (table) {
    if (!table.tBodies[0] || !table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.tabIndex = 0;
      th.className = "sort";
      th.title = "sort by this column";
      th.addEventListener("click", function () { sortBy(table, i, th); });
      th.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sortBy(table, i, th); }
      });
    });
    var rows = table.tBodies[0].rows;
    if (rows.length < %(min_rows)d) { return; }
    var box = document.createElement("input");
    box.type = "search";
    box.className = "filter";
    box.placeholder = "Filter these " + rows.length + " rows";
    box.setAttribute("aria-label", "filter the table below");
    var count = document.createElement("span");
    count.className = "note";
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase(), shown = 0;
      Array.prototype.forEach.call(rows, function (r) {
        var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        r.hidden = !hit;
        if (hit) { shown += 1; }
      });
      count.textContent = q ? " " + shown + " shown" : "";
    });
    table.parentNode.insertBefore(box, table);
    table.parentNode.insertBefore(count, table);
  });
  var folded = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      folded.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
})();
""".replace("%(min_rows)d", str(FILTER_MIN_ROWS))


def script_markup() -> Markup:
    """The script as it goes between ``<script>`` and ``</script>`` (not escaped: it is ours)."""
    return Markup(SCRIPT)


def script_hash() -> str:
    """The CSP source allowing exactly this script: ``sha256-<base64 digest>``."""
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def strip_own_script(page: str) -> str:
    """``page`` without this module's script (exactly its bytes), so a check for
    injected ``<script>`` finds any other one."""
    return page.replace(f"<script>{SCRIPT}</script>", "")
