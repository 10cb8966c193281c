// The check-in desk: a typed number (Enter) or a QR card read by the camera where the browser
// has BarcodeDetector; the typed number always works. Each request carries a nonce, so a retry
// after a dropped connection is not counted twice.
(function () {
  "use strict";
  var form = document.getElementById("scan-form");
  if (!form) return;
  var input = document.getElementById("scan-code");
  var result = document.getElementById("scan-result");
  var log = document.getElementById("scan-log");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function nonce() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  function refreshPanel() {
    if (window.htmx) htmx.ajax("GET", form.dataset.panel, { target: "#quorum-panel", swap: "outerHTML" });
  }

  function show(data) {
    var kind = data.outcome === "checked_in" ? "ok" : (data.outcome === "already" ? "warn" : "bad");
    result.className = "scan-result " + kind;
    var who = data.delegate ? " — " + String(data.delegate.number).padStart(3, "0") + " " + data.delegate.name + " (" + data.delegate.delegation + ")" : "";
    result.textContent = data.message + who;
    var item = document.createElement("li");
    item.textContent = result.textContent;
    log.insertBefore(item, log.firstChild);
    while (log.children.length > 8) log.removeChild(log.lastChild);
  }

  // Each Enter sends at once (the box is cleared first, so a second Enter sends nothing);
  // scans may overlap: the server counts each card once, whatever the order.
  function send(code) {
    if (!code.trim()) return;
    input.value = "";
    var body = new URLSearchParams({ code: code, nonce: nonce() });
    fetch(form.dataset.url, { method: "POST", body: body, headers: { "X-CSRFToken": token }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { show(data); refreshPanel(); })
      .catch(function () { result.className = "scan-result bad"; result.textContent = "Mất kết nối: thử lại."; })
      .finally(function () { input.focus(); });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); send(input.value); });

  // The camera, only where the browser can read QR codes itself (no library downloaded).
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var button = document.getElementById("camera-button");
  var video = document.getElementById("scanner");
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new BarcodeDetector({ formats: ["qr_code"] });
    var last = "";
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      button.hidden = true;
      video.play();
      setInterval(function () {
        detector.detect(video).then(function (codes) {
          if (!codes.length || codes[0].rawValue === last) return;
          last = codes[0].rawValue;
          send(last);
          setTimeout(function () { last = ""; }, 3000);
        }).catch(function () {});
      }, 300);
    }).catch(function () { result.className = "scan-result bad"; result.textContent = "Không mở được camera: gõ số thẻ."; });
  });
})();
