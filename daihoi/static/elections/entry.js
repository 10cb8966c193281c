// The keyboard entry screen. While the operator types, it draws the ballot as the
// paper looks and judges it the way the server will (QĐ 190-QĐ/TW 2024, Điều 15);
// Enter sends the line. The server parses and judges again, and only its verdict
// is stored: this preview exists so the typist can compare screen and paper at a glance.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("entry-config").textContent);
  var form = document.getElementById("entry-form");
  var input = document.getElementById("entry-line");
  var verdictBox = document.getElementById("entry-verdict");
  var messageBox = document.getElementById("entry-message");
  var paperBox = document.getElementById("entry-paper");
  var statusBox = document.getElementById("entry-status");
  var nextSeq = document.getElementById("next-seq");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var texts = config.texts;
  var n = config.names.length;
  var DIGITS = { "1": "agree", "2": "disagree", "3": "both", "0": "none" };
  var SEPARATORS = /[\s,;.+]+/;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // ---- the grammar (mirrors forms.parse_entry_line and judging._positions) ----

  function parse(text) {
    var line = text.trim().toLowerCase();
    if (line === "-") return { undo: true };
    if (Object.prototype.hasOwnProperty.call(config.invalidKeys, line)) {
      return { content: { invalid: config.invalidKeys[line] } };
    }
    return config.form === "struck" ? parseStruck(line) : parseMarks(line);
  }

  function parseStruck(line) {
    var struck = [];
    var tokens = line.split(SEPARATORS).filter(Boolean);
    for (var i = 0; i < tokens.length; i++) {
      var span = /^(\d+)-(\d+)$/.exec(tokens[i]);
      if (span) {
        var low = parseInt(span[1], 10), high = parseInt(span[2], 10);
        if (low > high) return { error: fill(texts.badRange, { t: tokens[i] }) };
        for (var p = low; p <= high && p <= n + 1; p++) struck.push(p);
      } else if (/^\d+$/.test(tokens[i])) {
        struck.push(parseInt(tokens[i], 10));
      } else {
        return { error: fill(texts.notNumber, { t: tokens[i] }) };
      }
    }
    var seen = {};
    for (var j = 0; j < struck.length; j++) {
      if (struck[j] < 1 || struck[j] > n) return { error: fill(texts.outOfRange, { p: struck[j], n: n }) };
      if (seen[struck[j]]) return { error: fill(texts.repeated, { p: struck[j] }) };
      seen[struck[j]] = true;
    }
    return { content: { struck: struck } };
  }

  function parseMarks(line) {
    var digits = line.split(SEPARATORS).join("");
    var marks = {};
    if (!digits) {
      for (var p = 1; p <= n; p++) marks[p] = "agree";
      return { content: { marks: marks } };
    }
    var wrong = digits.replace(/[0-3]/g, "");
    if (wrong) return { error: fill(texts.badMark, { t: wrong }) };
    for (var i = 0; i < digits.length && i < n; i++) marks[i + 1] = DIGITS[digits[i]];
    if (digits.length !== n) {
      return { content: { marks: marks }, error: fill(texts.wrongLength, { n: n, k: digits.length }), partial: digits.length < n };
    }
    return { content: { marks: marks } };
  }

  // ---- the verdict (mirrors daihoi.rules.ballots) ----

  function judge(content) {
    if (content.invalid) return content.invalid;
    if (content.struck) {
      var kept = n - content.struck.length;
      if (kept === 0) return "all_struck";
      if (kept > config.seats) return "too_many";
      return null;
    }
    var agreed = 0;
    for (var p = 1; p <= n; p++) if (content.marks[p] === "agree") agreed++;
    if (n === 1) {
      var only = content.marks[1] || "none";
      if (only === "both" || only === "none") return "single_not_marked_once";
      return null;
    }
    return agreed === 0 ? "elects_nobody" : null;
  }

  // ---- drawing ----

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function drawPaper(content) {
    var paper = el("div", "paper");
    var struck = {};
    (content && content.struck || []).forEach(function (p) { struck[p] = true; });
    var marks = content && content.marks || {};
    if (content && content.invalid) {
      paper.className += " invalid";
      paper.appendChild(el("div", "paper-stamp", fill(texts.invalid, { r: config.labels[content.invalid] })));
    }
    var table = el("table", "paper-" + config.form);
    if (config.form === "marks") {
      var head = el("tr");
      head.appendChild(el("th"));
      head.appendChild(el("th"));
      head.appendChild(el("th", "", texts.agree));
      head.appendChild(el("th", "", texts.disagree));
      table.appendChild(head);
    }
    config.names.forEach(function (name, index) {
      var position = index + 1;
      var row = el("tr");
      row.appendChild(el("td", "pos", String(position)));
      var cell = el("td", "name");
      cell.appendChild(el(struck[position] ? "s" : "span", "", name));
      row.appendChild(cell);
      if (config.form === "marks") {
        var mark = marks[position] || "none";
        row.appendChild(el("td", "box", mark === "agree" || mark === "both" ? "✕" : ""));
        row.appendChild(el("td", "box", mark === "disagree" || mark === "both" ? "✕" : ""));
      }
      table.appendChild(row);
    });
    paper.appendChild(table);
    paperBox.replaceChildren(paper);
  }

  function preview() {
    var parsed = parse(input.value);
    verdictBox.className = "verdict";
    if (parsed.undo) {
      verdictBox.textContent = texts.undo;
      verdictBox.className += " neutral";
      return;
    }
    drawPaper(parsed.content);
    if (parsed.error) {
      verdictBox.textContent = parsed.partial ? fill(texts.rowsLeft, { k: n - Object.keys(parsed.content.marks).length }) : fill(texts.typing, { m: parsed.error });
      verdictBox.className += parsed.partial ? " neutral" : " error";
      return;
    }
    var reason = judge(parsed.content);
    var verdict = reason ? fill(texts.invalid, { r: config.labels[reason] }) : texts.valid;
    if (!input.value.trim()) {
      // Nothing typed yet: say quietly what a bare Enter would save, without alarming colours.
      verdictBox.textContent = fill(texts.empty, { v: verdict });
      verdictBox.className += " neutral";
      return;
    }
    verdictBox.textContent = verdict;
    verdictBox.className += reason ? " bad" : " ok";
  }

  function say(ok, text) {
    messageBox.textContent = text;
    messageBox.className = "entry-message " + (ok ? "ok" : "error");
  }

  // ---- saving, strictly in the order typed ----

  var queue = [];
  var busy = false;

  function sendNext() {
    if (busy || !queue.length) return;
    busy = true;
    var line = queue.shift();
    var body = new FormData();
    body.append("line", line);
    fetch(config.saveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token },
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        statusBox.innerHTML = data.html;
        nextSeq.textContent = String(data.total + 1);
        document.querySelectorAll(".finalise-total").forEach(function (node) { node.textContent = String(data.total); });
        say(data.ok, data.message);
        if (!data.ok) fail(line, "");
      })
      .catch(function () { fail(line, texts.network); })
      .then(function () {
        busy = false;
        sendNext();
      });
  }

  // A refused line comes back to the input; lines typed after it are not sent,
  // so the ballots never get out of order.
  function fail(line, text) {
    var dropped = queue.length;
    queue = [];
    if (text) say(false, text);
    if (dropped) say(false, messageBox.textContent + " " + fill(texts.dropped, { k: dropped }));
    if (!input.value) {
      input.value = line;
      preview();
    }
    input.focus();
    input.select();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var line = input.value;
    var parsed = parse(line);
    if (parsed.error) {
      say(false, fill(texts.typing, { m: parsed.error }));
      input.select();
      return;
    }
    queue.push(line);
    input.value = "";
    preview();
    input.focus();
    sendNext();
  });

  input.addEventListener("input", preview);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      input.value = "";
      preview();
    }
  });

  preview();
  input.focus();
})();
