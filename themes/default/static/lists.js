// Sorting and filtering of long lists, from disk (file://) as from a server.
// Every table.sortable gets sort buttons in its header and a filter box; a
// cluster's timeline (ol.timeline: one item per year holding the
// year's conferences) gets the filter box. Without scripts the lists are
// whole and in their order. The words come from this script's data-*.
(function () {
  "use strict";
  var me = document.currentScript;
  var words = function (name, fallback) {
    return (me && me.getAttribute("data-" + name)) || fallback;
  };
  // Lower case without tones or diacritics: "Lạng Sơn" → "lang son".
  var fold = function (s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  };
  var serial = 0;

  // A filter box before `before`; `apply(words)` shows what matches and
  // returns [shown, total].
  function filterBox(before, apply) {
    serial += 1;
    var box = document.createElement("div");
    box.className = "list-filter";
    var id = "list-filter-" + serial;
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = words("filter", "Filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = words("placeholder", "");
    input.autocomplete = "off";
    var status = document.createElement("span");
    status.className = "list-count";
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    before.parentNode.insertBefore(box, before);
    input.addEventListener("input", function () {
      var query = fold(input.value).split(/\s+/).filter(Boolean);
      var n = apply(query);
      status.textContent = query.length
        ? words("count", "{shown}/{total}").replace("{shown}", n[0]).replace("{total}", n[1])
        : "";
    });
  }

  function matches(text, query) {
    for (var i = 0; i < query.length; i++) {
      if (text.indexOf(query[i]) < 0) return false;
    }
    return true;
  }

  // The key a cell sorts by: a date, a number, or folded text. Unknown
  // numbers ("—") sort last either way.
  function key(cell) {
    if (!cell) return { missing: true };
    var time = cell.querySelector("time[datetime]");
    if (time) return { v: time.getAttribute("datetime") };
    var text = cell.textContent.trim();
    if (cell.classList.contains("num") || /^\d[\d.\s]*$/.test(text)) {
      var digits = text.replace(/[^\d]/g, "");
      if (!digits) return { missing: true };
      return { v: parseInt(digits, 10) };
    }
    return { v: fold(text) };
  }

  function compare(a, b) {
    if (a.missing || b.missing) return a.missing === b.missing ? 0 : (a.missing ? 1 : -1);
    if (typeof a.v === "number" && typeof b.v === "number") return a.v - b.v;
    return String(a.v).localeCompare(String(b.v), "vi");
  }

  function setUpTable(table) {
    var bodies = Array.prototype.slice.call(table.tBodies);
    if (!bodies.length || !table.tHead) return;
    var rows = [];
    bodies.forEach(function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        if (!row.classList.contains("group")) {
          rows.push({ row: row, body: body, text: fold(row.textContent) });
        }
      });
    });
    if (rows.length < 2) return;
    var original = rows.slice();
    table.classList.add("js-sort");
    var heads = table.tHead.rows[0].cells;
    var sorted = null;
    var grouped = function (on) {
      bodies.forEach(function (body) {
        var g = body.querySelector("tr.group");
        if (g) g.hidden = !on;
      });
    };
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = words("sort", "");
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = sorted && sorted.col === col && !sorted.descending;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sorted = { col: col, descending: descending };
        var keyed = original.map(function (r, i) {
          return { r: r, k: key(r.row.cells[col]), i: i };
        });
        keyed.sort(function (a, b) {
          var c = compare(a.k, b.k);
          if (descending && !a.k.missing && !b.k.missing) c = -c;
          return c || a.i - b.i;
        });
        // One body while sorted; the year headings come back with the
        // order of the page.
        grouped(false);
        keyed.forEach(function (x) { bodies[0].appendChild(x.r.row); });
      });
    });
    filterBox(table.parentNode.classList.contains("table-wrap") ? table.parentNode : table, function (query) {
      var shown = 0;
      rows.forEach(function (r) {
        r.row.hidden = !matches(r.text, query);
        if (!r.row.hidden) shown += 1;
      });
      if (!sorted) {
        bodies.forEach(function (body) {
          var g = body.querySelector("tr.group");
          if (g) g.hidden = !body.querySelector("tr:not(.group):not([hidden])");
        });
      }
      return [shown, rows.length];
    });
  }

  function setUpList(list) {
    var groups = Array.prototype.slice.call(list.children);
    var items = [];
    groups.forEach(function (g) {
      Array.prototype.forEach.call(g.querySelectorAll("li"), function (li) {
        items.push({ li: li, group: g, text: fold(li.textContent) });
      });
    });
    if (items.length < 2) return;
    filterBox(list, function (query) {
      var shown = 0;
      items.forEach(function (x) {
        x.li.hidden = !matches(x.text, query);
        if (!x.li.hidden) shown += 1;
      });
      groups.forEach(function (g) {
        g.hidden = !g.querySelector("li:not([hidden])");
      });
      return [shown, items.length];
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setUpTable);
  Array.prototype.forEach.call(document.querySelectorAll("ol.timeline"), setUpList);
})();
