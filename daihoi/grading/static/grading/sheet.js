// The grading sheet, keyboard first: 1–4 grade the focused row and move on, ↑/↓ move,
// L jumps to the reason, X ticks "meets the excellent standard", Ctrl+Enter saves.
(function () {
  "use strict";
  var table = document.getElementById("sheet-table");
  var form = document.getElementById("sheet");
  if (!table || !form) return;
  var GRADES = { "1": "excellent", "2": "good", "3": "completed", "4": "not_completed" };

  // Rows hidden by the search or the pages (sheet_pages.js) are skipped.
  function rows() { return Array.prototype.slice.call(table.querySelectorAll("tr.member-row")).filter(function (r) { return !r.hidden; }); }
  function typing(el) { return el && (el.tagName === "SELECT" || (el.tagName === "INPUT" && el.type !== "radio" && el.type !== "checkbox") || el.tagName === "TEXTAREA"); }
  function rowOf(el) { return el && el.closest ? el.closest("tr.member-row") : null; }
  function focusRow(row) {
    if (!row) return;
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }
  function move(row, step) {
    var all = rows();
    var i = all.indexOf(row) + step;
    var pages = window.gradingSheetPages;
    if (pages && i >= all.length && pages.next()) { focusRow(rows()[0]); return; }
    if (pages && i < 0 && pages.previous()) { all = rows(); focusRow(all[all.length - 1]); return; }
    focusRow(all[Math.min(Math.max(i, 0), all.length - 1)]);
  }
  function changed(input) { input.dispatchEvent(new Event("change", { bubbles: true })); }

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
      return;
    }
    var row = rowOf(document.activeElement);
    if (!row || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(document.activeElement)) {
      if (event.key === "Escape" || event.key === "Enter") { event.preventDefault(); focusRow(row); }
      return;
    }
    var id = row.getAttribute("data-member");
    if (GRADES[event.key]) {
      event.preventDefault();
      var radio = form.querySelector('input[name="g-' + id + '"][value="' + GRADES[event.key] + '"]');
      if (radio) { radio.checked = true; changed(radio); }
      move(row, 1);
    } else if (event.key === "ArrowDown" || event.key === "j") {
      event.preventDefault(); move(row, 1);
    } else if (event.key === "ArrowUp" || event.key === "k") {
      event.preventDefault(); move(row, -1);
    } else if (event.key === "l" || event.key === "L") {
      event.preventDefault(); row.querySelector("input.reason").focus();
    } else if (event.key === "x" || event.key === "X") {
      event.preventDefault();
      var box = form.querySelector('input[name="c-' + id + '-excellent_basis"]');
      if (box) { box.checked = !box.checked; changed(box); }
    }
  });

  var first = rows()[0];
  if (first && !document.querySelector(".messages .error")) first.focus();
})();
