// The "Cấp ủy chỉ định" section: after each write the page comes back to
// #appointed-person, the person box (Chromium focuses a focusable fragment target
// itself; this does it for the others), so the next name is typed at once. Enter
// adds it, also from the post list: name, Tab, a letter, Enter.
// Forms marked data-confirm ask before they submit.
(function () {
  "use strict";
  if (window.location.hash === "#appointed-person") {
    var box = document.getElementById("appointed-person");
    if (box) box.focus();
  }
  document.querySelectorAll("form.appointed-add select").forEach(function (select) {
    select.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      select.form.requestSubmit();
    });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
})();
