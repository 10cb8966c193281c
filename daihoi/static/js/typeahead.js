/* Type-ahead pickers (daihoi/typeahead.py): the text box asks the lookup URL as the
   user types; ↑/↓ move, Enter picks, Escape closes; the hidden input holds the id.
   Clearing the text clears the choice, so a half-typed name is never submitted. */
(function () {
  "use strict";

  function setup(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var input = box.querySelector("[data-typeahead-input]");
    var hidden = box.querySelector("[data-typeahead-value]");
    var list = box.querySelector(".typeahead-list");
    var url = box.dataset.typeaheadUrl;
    var extra = box.dataset.typeaheadParams || "";
    var items = [], active = -1, timer = null, seq = 0, chosenLabel = input.value;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (o, k) { o.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      }
    }
    function choose(i) {
      var item = items[i];
      if (!item) return;
      hidden.value = item.id;
      input.value = chosenLabel = item.label;
      close();
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function render(results) {
      items = results;
      list.innerHTML = "";
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = input.id + "-opt-" + i;
        li.setAttribute("role", "option");
        var main = document.createElement("span");
        main.textContent = item.label;
        li.appendChild(main);
        if (item.detail) {
          var small = document.createElement("small");
          small.textContent = item.detail;
          li.appendChild(small);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "typeahead-empty";
        none.textContent = box.dataset.emptyText || "Không tìm thấy";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(results.length ? 0 : -1);
    }
    function search() {
      var q = input.value.trim();
      if (!q) { close(); return; }
      var mine = ++seq;
      fetch(url + "?q=" + encodeURIComponent(q) + (extra ? "&" + extra : ""), {
        headers: { "Accept": "application/json" }, credentials: "same-origin"
      }).then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (mine === seq) render(data.results || []); })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      if (input.value !== chosenLabel) hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        if (list.hidden) { search(); } else { highlight(Math.min(active + 1, items.length - 1)); }
        e.preventDefault();
      } else if (e.key === "ArrowUp") {
        highlight(Math.max(active - 1, 0)); e.preventDefault();
      } else if (e.key === "Enter" && !list.hidden && active >= 0) {
        choose(active); e.preventDefault();
      } else if (e.key === "Escape" && !list.hidden) {
        close(); e.preventDefault();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function scan(root) {
    (root || document).querySelectorAll(".typeahead[data-typeahead-url]").forEach(setup);
  }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:afterSwap", function (e) { scan(e.target); });
})();
