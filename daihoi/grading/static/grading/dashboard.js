// Progress of the year's review by level: decided against still open (Chart.js, vendored).
(function () {
  "use strict";
  var node = document.getElementById("grading-chart");
  var canvas = document.getElementById("chart-grading");
  if (!node || !canvas || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.levels,
      datasets: [
        { label: "Đã quyết định", data: data.done, backgroundColor: "#2e7d4f" },
        { label: "Chưa xong", data: data.open, backgroundColor: "#c9ced6" }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
})();
