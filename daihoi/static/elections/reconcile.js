// The leader's keyboard on the reconciliation page: 1/2/3 picks the entry that read the
// current ballot right and moves to the next; ↑/↓ or J/K move between ballots; Ctrl+Enter
// sends the decisions. The current ballot is framed; the choice stays a plain radio button.
(function () {
  "use strict";
  var form = document.getElementById("reconcile-form");
  if (!form) return;
  var sets = Array.prototype.slice.call(form.querySelectorAll("fieldset.difference"));
  if (!sets.length || form.querySelector("input[type=radio]:disabled")) return;
  var current = 0;

  function focus(i) {
    current = Math.max(0, Math.min(i, sets.length - 1));
    sets.forEach(function (s, k) { s.classList.toggle("current", k === current); });
    sets[current].focus({ preventScroll: true });
    sets[current].scrollIntoView({ block: "nearest" });
  }
  function typing(el) { return el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) && el.type !== "radio"; }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); return; }
    if (typing(document.activeElement) || e.ctrlKey || e.metaKey || e.altKey) return;
    var digit = /^[1-9]$/.test(e.key) ? parseInt(e.key, 10) : 0;
    if (digit) {
      var radios = sets[current].querySelectorAll("input[type=radio]");
      if (radios[digit - 1]) {
        radios[digit - 1].checked = true;
        radios[digit - 1].dispatchEvent(new Event("change", { bubbles: true }));
        sets[current].classList.add("decided");
        if (current < sets.length - 1) { focus(current + 1); } else { document.getElementById("id_reason").focus(); }
      }
      e.preventDefault();
    } else if (e.key === "ArrowDown" || e.key === "j") { focus(current + 1); e.preventDefault(); }
    else if (e.key === "ArrowUp" || e.key === "k") { focus(current - 1); e.preventDefault(); }
  });
  sets.forEach(function (s, i) { s.addEventListener("click", function () { focus(i); }); });
  focus(0);
})();
