// daihoi — the little script every page loads (after htmx).
(function () {
  "use strict";

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // "/" jumps to the page's own search box, or to the header's, unless one is typing.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(document.activeElement)) return;
    var box = document.querySelector("[data-search]") || document.querySelector("[data-search-shortcut]");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // Escape in a search box clears it (and the live search then shows everything again).
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Escape" || !el.matches || !el.matches("input[type=search]") || !el.value) return;
    el.value = "";
    el.dispatchEvent(new Event("keyup", { bubbles: true }));
  });

  // A form with data-confirm asks before it is sent: deleting is one click away otherwise.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
})();
