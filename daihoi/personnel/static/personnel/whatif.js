// The what-if simulator: recompute the committee's structure in the browser on every tick.
// The figures follow rules/structure.committee_figures; the server embeds each person's
// age at the reference month, so both compute from the same facts.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("whatif-data").textContent);
  var list = document.getElementById("whatif-list");
  var body = document.getElementById("whatif-figures");
  var seatCount = document.getElementById("seat-count");
  var ageLine = document.getElementById("whatif-age");
  var POSTS = { secretary: "Bí thư", deputy_secretary: "Phó Bí thư", standing: "UV BTV", committee: "UV BCH" };

  data.people.forEach(function (p, i) {
    var li = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.value = p.id;
    box.checked = i < data.seats;
    box.setAttribute("data-person", p.id);
    var name = document.createElement("span");
    name.textContent = p.name;
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = [p.female ? "nữ" : "nam", p.age + " tuổi", p.minority ? "DTTS" : "",
      p.reelected ? "tái cử" : "lần đầu", POSTS[p.post]].filter(Boolean).join(" · ");
    label.append(box, name, meta);
    li.appendChild(label);
    list.appendChild(li);
  });

  function pct(n, size) { return size ? (n * 100) / size : null; }
  function fmt(x) { return x === null ? "—" : x.toFixed(1).replace(".", ",") + "%"; }

  function render() {
    var chosen = data.people.filter(function (p) {
      return list.querySelector('input[data-person="' + p.id + '"]').checked;
    });
    var size = chosen.length;
    var count = function (f) { return chosen.filter(f).length; };
    var rows = [
      ["women", "Nữ", count(function (p) { return p.female; }), data.targets.women],
      ["youth", "Cán bộ trẻ (dưới " + data.youthAge + " tuổi)", count(function (p) { return p.age < data.youthAge; }), data.targets.youth],
      ["minority", "Dân tộc thiểu số", count(function (p) { return p.minority; }), data.targets.minority],
      ["renewal", "Tham gia lần đầu (đổi mới)", count(function (p) { return !p.reelected; }), data.targets.renewal],
      ["standing_women", "Nữ trong ban thường vụ", count(function (p) { return p.female && p.standing; }), null],
    ];
    body.textContent = "";
    rows.forEach(function (r) {
      var key = r[0], label = r[1], n = r[2], target = r[3];
      var share = pct(n, size);
      var tr = document.createElement("tr");
      var ok = target === null || share === null ? "" : share + 1e-9 >= target ? "Đạt" : "Chưa đạt";
      [label, String(n), fmt(share), target === null ? "—" : "≥ " + target + "%", ok].forEach(function (text, i) {
        var td = document.createElement("td");
        td.textContent = text;
        if (i > 0 && i < 4) td.className = "num";
        if (i === 4) td.className = ok === "Đạt" ? "ok" : "short";
        tr.appendChild(td);
      });
      tr.setAttribute("data-row", key);
      body.appendChild(tr);
    });
    seatCount.textContent = "Chọn " + size + " / " + data.seats + " người";
    seatCount.className = "seat-count" + (size > data.seats ? " over" : size < data.seats ? " under" : "");
    var ages = chosen.map(function (p) { return p.age; });
    var avg = ages.length ? ages.reduce(function (a, b) { return a + b; }, 0) / ages.length : null;
    ageLine.textContent = "Tuổi bình quân: " + (avg === null ? "—" : avg.toFixed(1).replace(".", ","));
  }

  list.addEventListener("change", render);
  document.querySelectorAll("[data-pick]").forEach(function (button) {
    button.addEventListener("click", function () {
      var mode = button.getAttribute("data-pick");
      list.querySelectorAll("input").forEach(function (box, i) {
        box.checked = mode === "all" || (mode === "first" && i < data.seats);
      });
      render();
    });
  });
  render();
})();
