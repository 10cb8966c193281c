// The hall's screen: polls the election's small JSON every 2 s and redraws.
// Before the committee publishes, the JSON carries no result at all, so nothing
// can leak onto the projector by mistake. A long result (a committee of 55) is cut
// into pages that fit the screen, each name on one line, turning every 8 s with a
// visible "Trang 2/3"; ←/→ (or a clicker's PageUp/PageDown) turn them by hand.
(function () {
  "use strict";

  var url = document.body.getAttribute("data-url");
  var texts = JSON.parse(document.getElementById("screen-text").textContent);
  var TURN_MS = 8000;
  var state = { key: "", items: [], page: 0, pages: 1, perPage: 0, timer: null };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function byId(id) { return document.getElementById(id); }

  function itemsOf(r) {
    var items = r.elected.map(function (p, i) { return { n: i + 1, p: p }; });
    if (r.alternates.length) {
      items.push({ heading: byId("screen-alternates-title").textContent });
      r.alternates.forEach(function (p, i) { items.push({ n: i + 1, p: p, alternate: true }); });
    }
    return items;
  }

  function row(item) {
    var li = document.createElement("li");
    if (item.heading) {
      li.className = "heading";
      li.textContent = item.heading;
      return li;
    }
    if (item.alternate) li.className = "alternate";
    var rank = document.createElement("span");
    rank.className = "rank";
    rank.textContent = item.n + ".";
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = item.p.name;
    name.title = item.p.name;
    var votes = document.createElement("span");
    votes.className = "votes";
    votes.textContent = item.p.votes + " " + texts.votes + " · " + item.p.pct;
    li.appendChild(rank);
    li.appendChild(name);
    li.appendChild(votes);
    return li;
  }

  function longest() {
    var best = state.items[0];
    state.items.forEach(function (item) {
      if (item.p && (!best.p || item.p.name.length > best.p.name.length)) best = item;
    });
    return best;
  }

  function measure(list) {
    // The type shrinks until the longest name fits on one line, then as many rows as the
    // room under the list's top allows make a page.
    var cols = state.items.length > 10 ? 2 : 1;
    list.style.setProperty("--cols", cols);
    list.style.removeProperty("--fs");
    list.classList.toggle("two", cols === 2);
    list.replaceChildren(row(longest() || { heading: "—" }));
    var name = list.firstChild.querySelector(".name");
    var size = parseFloat(window.getComputedStyle(list.firstChild).fontSize);
    while (name && name.scrollWidth > name.clientWidth && size > 14) {
      size = size * 0.94;
      list.style.setProperty("--fs", size + "px");
    }
    var top = list.getBoundingClientRect().top;
    var rowHeight = list.firstChild.getBoundingClientRect().height || 1;
    var reserve = byId("screen-pager").offsetHeight + byId("screen-note").offsetHeight + 24;
    var rows = Math.max(1, Math.floor((window.innerHeight - top - reserve) / rowHeight));
    list.style.setProperty("--rows", rows);
    state.perPage = rows * cols;
    state.pages = Math.max(1, Math.ceil(state.items.length / state.perPage));
    state.page = Math.min(state.page, state.pages - 1);
  }

  function show(page) {
    var list = byId("screen-elected");
    state.page = (page + state.pages) % state.pages;
    var start = state.page * state.perPage;
    list.replaceChildren.apply(list, state.items.slice(start, start + state.perPage).map(row));
    var pager = byId("screen-pager");
    pager.style.visibility = state.pages < 2 ? "hidden" : "visible";
    pager.textContent = fill(texts.page, { page: state.page + 1, pages: state.pages });
    document.body.setAttribute("data-page", String(state.page + 1));
    document.body.setAttribute("data-pages", String(state.pages));
  }

  function restartTimer() {
    window.clearInterval(state.timer);
    state.timer = state.pages > 1 ? window.setInterval(function () { show(state.page + 1); }, TURN_MS) : null;
  }

  function layout() {
    measure(byId("screen-elected"));
    show(state.page);
    restartTimer();
  }

  function draw(data) {
    byId("screen-batches").textContent = data.reconciled + "/" + data.total;
    byId("screen-ballots").textContent = String(data.ballots_counted);
    var result = byId("screen-result");
    document.body.classList.toggle("published", data.published);
    byId("screen-waiting").hidden = data.published;
    byId("screen-progress").classList.toggle("small", data.published);
    if (!data.published) {
      result.hidden = true;
      state.key = "";
      return;
    }
    var r = data.result;
    byId("screen-facts").textContent =
      fill(texts.elected, { n: r.elected.length, seats: r.seats }) + " · " + fill(texts.facts, r);
    var notes = [];
    if (!r.elected.length) notes.push(texts.none);
    if (r.tied.length) notes.push(texts.tied + " " + r.tied.join(", "));
    if (r.seats_unfilled) notes.push(fill(texts.unfilled, { n: r.seats_unfilled }));
    byId("screen-note").textContent = notes.join(" ");
    result.hidden = false;
    var key = JSON.stringify([r.elected, r.alternates]);
    if (key !== state.key) {  // redraw the pages only when the result itself changed
      state.key = key;
      state.items = itemsOf(r);
      state.page = 0;
      layout();
    }
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

  document.addEventListener("keydown", function (e) {
    if (!state.items.length) return;
    if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") { show(state.page + 1); }
    else if (e.key === "ArrowLeft" || e.key === "PageUp") { show(state.page - 1); }
    else { return; }
    e.preventDefault();
    restartTimer();
  });
  window.addEventListener("resize", function () { if (state.items.length) layout(); });

  poll();
})();
