// Draws the dashboard's charts from the JSON the page embeds (Chart.js, vendored; no CDN).
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var source = document.getElementById("chart-data");
  var data = source ? JSON.parse(source.textContent) : null;
  var colours = { held: "#1e6b35", in_session: "#1747a6", prepared: "#5b8def", planned: "#b5bbc4", postponed: "#b00020" };
  var labels = { held: "Đã tổ chức", in_session: "Đang diễn ra", prepared: "Đã chuẩn bị", planned: "Dự kiến", postponed: "Hoãn" };
  var weeks = document.getElementById("chart-weeks");
  if (weeks && data) {
    new Chart(weeks, {
      type: "bar",
      data: { labels: data.weeks, datasets: [{ label: "Đại hội đã tổ chức trong tuần", data: data.held, backgroundColor: colours.held }] },
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
  document.querySelectorAll("canvas[data-pie]").forEach(function (canvas) {
    var pie = JSON.parse(canvas.getAttribute("data-pie"));
    new Chart(canvas, {
      type: "doughnut",
      data: { labels: pie.labels, datasets: [{ data: pie.values }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 12 } } } } }
    });
  });
})();
