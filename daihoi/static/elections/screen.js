// The hall's screen: polls the election's small JSON every 2 s and redraws.
// Before the committee publishes, the JSON carries no result at all, so nothing
// can leak onto the projector by mistake.
(function () {
  "use strict";

  var url = document.body.getAttribute("data-url");
  var texts = JSON.parse(document.getElementById("screen-text").textContent);

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function byId(id) { return document.getElementById(id); }

  function rows(list, target) {
    target.replaceChildren();
    list.forEach(function (person) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = person.name;
      var votes = document.createElement("span");
      votes.className = "votes";
      votes.textContent = person.votes + " " + texts.votes + " · " + person.pct;
      item.appendChild(name);
      item.appendChild(votes);
      target.appendChild(item);
    });
  }

  function draw(data) {
    byId("screen-batches").textContent = data.reconciled + "/" + data.total;
    byId("screen-ballots").textContent = String(data.ballots_counted);
    var result = byId("screen-result");
    byId("screen-waiting").hidden = data.published;
    byId("screen-progress").classList.toggle("small", data.published);
    if (!data.published) {
      result.hidden = true;
      return;
    }
    var r = data.result;
    byId("screen-facts").textContent =
      fill(texts.elected, { n: r.elected.length, seats: r.seats }) + " · " + fill(texts.facts, r);
    var list = byId("screen-elected");
    list.classList.toggle("two", r.elected.length > 8 && r.elected.length <= 20);
    list.classList.toggle("three", r.elected.length > 20);
    rows(r.elected, list);
    if (!r.elected.length) {
      var none = document.createElement("li");
      none.textContent = texts.none;
      byId("screen-elected").appendChild(none);
    }
    byId("screen-alternates-wrap").hidden = !r.alternates.length;
    rows(r.alternates, byId("screen-alternates"));
    var notes = [];
    if (r.tied.length) notes.push(texts.tied + " " + r.tied.join(", "));
    if (r.seats_unfilled) notes.push(fill(texts.unfilled, { n: r.seats_unfilled }));
    byId("screen-note").textContent = notes.join(" ");
    result.hidden = false;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        byId("screen-offline").hidden = true;
        draw(data);
      })
      .catch(function () { byId("screen-offline").hidden = false; })
      .then(function () { window.setTimeout(poll, 2000); });
  }

  poll();
})();
