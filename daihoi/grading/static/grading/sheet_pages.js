// The grading sheet of a large cell (114 members): search by name (accents optional),
// show only rows still ungraded or with something to look at, and pages of 25 or 50.
// Rows are only hidden, never removed: the sheet is saved and checked as one form,
// because the unit's HTXS quota counts every member (grading/checks.py).
(function () {
  "use strict";
  var tools = document.getElementById("sheet-tools");
  var table = document.getElementById("sheet-table");
  if (!tools || !table) return;
  var search = document.getElementById("sheet-search");
  var filter = document.getElementById("sheet-filter");
  var size = document.getElementById("sheet-size");
  var label = document.getElementById("sheet-page");
  var count = document.getElementById("sheet-count");
  var page = 1;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function allRows() { return Array.prototype.slice.call(table.querySelectorAll("tr.member-row")); }
  function graded(row) {
    var picked = row.querySelector('input[type="radio"]:checked');
    if (picked) return picked.value !== "";
    return row.querySelector(".grade-cell").textContent.trim() !== "";
  }
  function needsLook(row) { return row.querySelector(".row-check .finding") !== null; }
  function matches(row, words) {
    var name = row.getAttribute("data-name") || "";
    if (!words.every(function (w) { return name.indexOf(w) >= 0; })) return false;
    if (filter.value === "ungraded") return !graded(row);
    if (filter.value === "findings") return needsLook(row);
    return true;
  }
  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function render() {
    var words = fold(search.value).split(" ").filter(Boolean);
    var rows = allRows();
    var wanted = rows.filter(function (row) { return matches(row, words); });
    var per = parseInt(size.value, 10) || wanted.length || 1;
    var pages = Math.max(1, Math.ceil(wanted.length / per));
    page = Math.min(Math.max(page, 1), pages);
    var first = (page - 1) * per;
    var shown = wanted.slice(first, first + per);
    rows.forEach(function (row) { row.hidden = shown.indexOf(row) < 0; });
    label.textContent = format(count.getAttribute("data-page-template"), { page: page, pages: pages });
    count.textContent = format(count.getAttribute("data-template"), { shown: wanted.length, total: rows.length });
    document.getElementById("sheet-prev").disabled = page <= 1;
    document.getElementById("sheet-next").disabled = page >= pages;
    return pages;
  }
  function go(step) { page += step; render(); }

  search.addEventListener("input", function () { page = 1; render(); });
  filter.addEventListener("change", function () { page = 1; render(); });
  size.addEventListener("change", function () { page = 1; render(); });
  document.getElementById("sheet-prev").addEventListener("click", function () { go(-1); });
  document.getElementById("sheet-next").addEventListener("click", function () { go(1); });
  // Enter in the search box must not submit the sheet: it moves to the first row found.
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var row = allRows().filter(function (r) { return !r.hidden; })[0];
    if (row) row.focus();
  });
  // sheet.js asks for the next page when the keyboard runs past the last visible row.
  window.gradingSheetPages = {
    next: function () { var before = page; go(1); return page !== before; },
    previous: function () { var before = page; go(-1); return page !== before; }
  };
  render();
})();
