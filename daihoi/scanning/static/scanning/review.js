// The review screen: one uncertain row (or flagged ballot) at a time, one key per decision.
// The decision is sent in the background and the next item shows at once; its picture was
// fetched while the person looked at the previous one. The server checks every decision.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("review-config").textContent);
  var items = config.items;
  var texts = config.texts;
  var token = document.querySelector("#review-form input[name=csrfmiddlewaretoken]").value;
  var $ = function (id) { return document.getElementById(id); };
  var index = 0;
  var reasonMode = false;
  var open = items.filter(function (i) { return !i.decided; }).length;  // still to decide
  var REASONS = { g: "written_in", d: "signed_or_marked", "đ": "signed_or_marked", k: "not_issued" };
  var BOXES = { "1": "agree", "2": "disagree", "3": "both", "0": "none" };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function preload(from) {
    for (var i = from; i < Math.min(items.length, from + 4); i++) {
      new Image().src = items[i].crop;
    }
  }

  function say(text, kind) {
    var box = $("review-message");
    if (!box) return;
    box.textContent = text;
    box.className = "entry-message " + (kind || "");
  }

  function left() {
    $("review-left").textContent = fill(texts.left, { n: open });
  }

  function show(i) {
    reasonMode = false;
    while (i < items.length && items[i].moot) i++;
    index = i;
    if (i >= items.length) return finished();
    var item = items[i];
    var whole = item.position === 0;
    $("item-title").textContent = whole ? fill(texts.whole, item) : fill(texts.row, item);
    $("item-machine").textContent = whole ? "" : fill(texts.machine, {
      label: item.machineLabel,
      confidence: item.confidence === null ? "?" : Math.round(item.confidence * 100) + "%"
    });
    $("item-why").textContent = item.reason ? fill(texts.why, item) : "";
    $("item-flags").textContent = item.flags.join(" · ");
    $("item-crop").src = item.crop;
    $("item-crop").className = whole ? "whole" : "";
    $("item-page").src = item.pageImage;
    $("item-page-link").href = item.pageUrl;
    $("item-file").textContent = item.file;
    document.body.classList.toggle("whole-item", whole);
    $("review-main").dataset.page = item.number;
    $("review-main").dataset.position = item.position;
    if (item.decided) say(fill(texts.saved, { label: label(item.decided) }), "ok");
    preload(i + 1);
  }

  function finished() {
    var main = $("review-main");
    ["item-title", "item-machine", "item-why", "item-flags", "item-crop"].forEach(function (id) {
      var el = $(id);
      if (el) el.hidden = true;
    });
    $("review-done").hidden = false;
    $("back-to-scan").focus();
    main.classList.add("done");
  }

  function label(value) {
    if (value.indexOf("invalid:") === 0) return config.reasons[value.slice(8)] || value;
    return config.labels[value] || value;
  }

  function decide(value) {
    var item = items[index];
    var position = item.position;
    if (value.indexOf("invalid:") === 0) position = 0;  // the whole ballot, whatever the item
    var body = new FormData();
    body.append("position", position);
    body.append("decided", value);
    var wasOpen = !item.decided;
    item.decided = value;
    if (wasOpen) open -= 1;
    if (position === 0 && value !== "ok") {
      // An invalid ballot needs no row decided: drop this page's other items.
      items.forEach(function (other) { if (other.page === item.page && other !== item) other.moot = true; });
    }
    left();
    say(fill(texts.saved, { label: label(value) }), "ok");
    fetch(item.decideUrl, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": token, "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!data.ok) throw new Error(data.message);
      });
    }).catch(function (error) {
      item.decided = "";
      open += 1;
      left();
      say(fill(texts.failed, { message: error.message || texts.network }), "error");
      $("review-done").hidden = true;
      show(items.indexOf(item));
    });
    show(index + 1);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (index >= items.length) return;  // done: Enter follows the focused link
    var key = event.key.toLowerCase();
    var item = items[index];
    var handled = true;
    if (reasonMode) {
      if (REASONS[key]) decide("invalid:" + REASONS[key]);
      else if (key === "escape") { reasonMode = false; say(""); }
      else handled = false;
    } else if (key === "i") {
      reasonMode = true;
      say(texts.reason, "");
    } else if (key === "arrowleft" || key === "backspace") {
      var back = index - 1;
      while (back >= 0 && items[back].moot) back--;
      if (back >= 0) show(back);
    } else if (key === "arrowright") {
      show(index + 1);
    } else if (item.position === 0) {
      if (key === "enter") decide("ok");
      else handled = false;
    } else if (config.form === "struck") {
      if (key === "g") decide("struck");
      else if (key === "k" || key === "enter") decide("kept");
      else handled = false;
    } else if (BOXES[key]) {
      decide(BOXES[key]);
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  });

  if (items.length) {
    left();
    show(0);
    $("review-main").focus();
  }
})();
