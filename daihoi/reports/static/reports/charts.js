// Draws the dashboard's charts from the JSON the page embeds (Chart.js, vendored; no CDN).
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var source = document.getElementById("chart-data");
  var data = source ? JSON.parse(source.textContent) : null;
  var colours = { held: "#1e6b35", in_session: "#1747a6", prepared: "#5b8def", planned: "#b5bbc4", postponed: "#b00020" };
  // The words come from the page (dashboard.html), translated with the rest of it.
  var words = document.getElementById("chart-labels");
  words = words ? JSON.parse(words.textContent) : {};
  var labels = {};
  ["held", "in_session", "prepared", "planned", "postponed"].forEach(function (key) { labels[key] = words[key] || key; });
  var weeks = document.getElementById("chart-weeks");
  if (weeks && data) {
    new Chart(weeks, {
      type: "bar",
      data: { labels: data.weeks, datasets: [{ label: words.week || "", data: data.held, backgroundColor: colours.held }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
  var levels = document.getElementById("chart-levels");
  if (levels && data) {
    var sets = Object.keys(labels).map(function (key) {
      return { label: labels[key], data: data.by_status[key], backgroundColor: colours[key] };
    });
    new Chart(levels, {
      type: "bar",
      data: { labels: data.levels, datasets: sets },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false, scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } }
    });
  }
  // Doughnuts draw no legend of their own: Chart.js cannot wrap a legend label, so a long
  // one ("Không có bằng chuyên môn") was cut at the canvas edge. The table under each chart
  // is the legend instead: each row gets its slice's colour and wraps like any text.
  var palette = ["#36a2eb", "#ff6384", "#ff9f40", "#ffcd56", "#4bc0c0", "#9966ff", "#c9cbcf", "#1e6b35", "#b00020", "#5b8def"];
  document.querySelectorAll("canvas[data-pie]").forEach(function (canvas) {
    var pie = JSON.parse(canvas.getAttribute("data-pie"));
    var fills = pie.values.map(function (_v, i) { return palette[i % palette.length]; });
    new Chart(canvas, {
      type: "doughnut",
      data: { labels: pie.labels, datasets: [{ data: pie.values, backgroundColor: fills }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
    });
    var card = canvas.closest(".card");
    var rows = card ? card.querySelectorAll("table tbody tr") : [];
    Array.prototype.forEach.call(rows, function (row, i) {
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = fills[i % fills.length];
      swatch.setAttribute("aria-hidden", "true");
      row.cells[0].insertBefore(swatch, row.cells[0].firstChild);
    });
  });
})();
