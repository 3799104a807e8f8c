/* baocao search: runs from file:// with no request. The index is a script
   (tim-kiem/search-index.js) that sets window.BAOCAO_SEARCH. Matching folds case,
   tones and diacritics (đ → d); a hit with the exact diacritics ranks higher.
   Text is inserted with textContent only, so no write-up can inject markup. */
(function () {
  "use strict";
  var data = window.BAOCAO_SEARCH;
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var text = document.getElementById("search-text");
  if (!data || !input || !list || !status || !text) { return; }

  /* One folded character per UTF-16 unit, so positions map back to the original. */
  function fold(s) {
    var out = "";
    var nfc = s.normalize("NFC");
    for (var i = 0; i < nfc.length; i++) {
      var c = nfc[i];
      if (c === "đ" || c === "Đ") { out += "d"; continue; }
      var base = c.normalize("NFD")[0].toLowerCase();
      out += /[a-z0-9]/.test(base) ? base : " ";
    }
    return out;
  }
  /* The same letters as fold(), faster, but not position for position: for
     matching the whole index; fold() is kept for highlighting. */
  function fastFold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/[^a-z0-9]/g, " ");
  }
  function lower(s) { return s.normalize("NFC").toLowerCase(); }
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  var FIELDS = [
    { name: "title", weight: 10 },
    { name: "units", weight: 8 },
    { name: "honours", weight: 7 },
    { name: "cluster", weight: 6 },
    { name: "meta", weight: 5 },
    { name: "snippet", weight: 2 }
  ];
  var docs = null;
  function prepare() {
    if (docs) { return docs; }
    docs = data.docs.map(function (d) {
      var cluster = d[4] >= 0 ? data.clusters[d[4]] : null;
      var units = d[5].map(function (u) { return data.units[u]; }).join(" · ");
      var fields = {
        title: d[1],
        units: units,
        honours: d[7] === "honour" ? "" : d[9] || "",
        cluster: cluster ? cluster[0] : "",
        meta: d[6] + " " + (data.kinds[d[7]] || "") + " " + d[3],
        snippet: d[8]
      };
      var folded = {};
      var lowered = {};
      FIELDS.forEach(function (f) {
        folded[f.name] = " " + fastFold(fields[f.name]);
        lowered[f.name] = lower(fields[f.name]);
      });
      return { raw: d, cluster: cluster, fields: fields, folded: folded, lowered: lowered };
    });
    return docs;
  }

  function search(query) {
    var words = query.trim().split(/\s+/).filter(Boolean);
    var terms = words.map(function (w) {
      var f = fold(w).trim();
      return { folded: f, exact: lower(w), hasMarks: f !== w.toLowerCase(), re: new RegExp(" " + escapeRe(f)) };
    }).filter(function (t) { return t.folded.length > 0; });
    if (!terms.length) { return []; }
    var hits = [];
    prepare().forEach(function (doc) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        var best = 0;
        FIELDS.forEach(function (f) {
          if (t.re.test(doc.folded[f.name])) {
            var s = f.weight;
            if (t.hasMarks && doc.lowered[f.name].indexOf(t.exact) >= 0) { s += 3; }
            if (s > best) { best = s; }
          }
        });
        if (!best) { return; }
        score += best;
      }
      hits.push({ doc: doc, score: score });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || (a.doc.raw[2] < b.doc.raw[2] ? 1 : a.doc.raw[2] > b.doc.raw[2] ? -1 : 0);
    });
    return { hits: hits, terms: terms };
  }

  /* Appends `s` to `el`, wrapping the matches of the terms in <mark>. */
  function highlight(el, s, terms) {
    var folded = " " + fold(s);
    var marks = [];
    terms.forEach(function (t) {
      var re = new RegExp(" " + escapeRe(t.folded), "g");
      var m;
      while ((m = re.exec(folded)) !== null) {
        marks.push([m.index, m.index + t.folded.length]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    marks.forEach(function (r) {
      if (r[0] < at) { return; }
      el.appendChild(document.createTextNode(s.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = s.slice(r[0], r[1]);
      el.appendChild(mark);
      at = r[1];
    });
    el.appendChild(document.createTextNode(s.slice(at)));
  }

  var LIMIT = 100;
  function show(query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!query.trim()) {
      status.textContent = text.dataset.hint;
      return;
    }
    var result = search(query);
    var hits = result.hits || [];
    status.textContent = hits.length ? text.dataset.count.replace("{n}", String(hits.length)) : text.dataset.none;
    hits.slice(0, LIMIT).forEach(function (h) {
      var d = h.doc.raw;
      var li = document.createElement("li");
      li.className = "result";
      var a = document.createElement("a");
      /* An honour's doc carries its page's path in d[9]. */
      var honour = d[7] === "honour";
      a.href = honour ? "../" + d[9] : "../hoi-nghi/" + d[0] + "/index.html";
      highlight(a, d[1], result.terms);
      var title = document.createElement("h2");
      title.appendChild(a);
      /* The cover's thumbnail, when the write-up has photos: d[10]. */
      if (d[10]) {
        var img = document.createElement("img");
        img.className = "thumb";
        img.src = "../" + d[10][0];
        img.width = d[10][1];
        img.height = d[10][2];
        img.alt = "";
        img.loading = "lazy";
        img.decoding = "async";
        li.appendChild(img);
      }
      li.appendChild(title);
      var meta = document.createElement("p");
      meta.className = "meta";
      var time = document.createElement("time");
      time.dateTime = d[2];
      time.textContent = d[3];
      meta.appendChild(time);
      meta.appendChild(document.createTextNode(" · "));
      if (honour) {
        meta.appendChild(document.createTextNode(data.kinds[d[7]] || ""));
        li.appendChild(meta);
        var about = document.createElement("p");
        about.className = "snippet";
        highlight(about, d[8], result.terms);
        li.appendChild(about);
        list.appendChild(li);
        return;
      }
      if (h.doc.cluster) {
        var c = document.createElement("a");
        c.href = "../" + h.doc.cluster[1];
        c.textContent = h.doc.cluster[0];
        meta.appendChild(c);
      } else {
        meta.appendChild(document.createTextNode(text.dataset.noCluster));
      }
      meta.appendChild(document.createTextNode(" · " + (data.kinds[d[7]] || "")));
      li.appendChild(meta);
      if (h.doc.fields.units) {
        var units = document.createElement("p");
        units.className = "units";
        highlight(units, h.doc.fields.units, result.terms);
        li.appendChild(units);
      }
      if (h.doc.fields.honours && result.terms.some(function (t) { return t.re.test(h.doc.folded.honours); })) {
        var honours = document.createElement("p");
        honours.className = "honours";
        highlight(honours, h.doc.fields.honours, result.terms);
        li.appendChild(honours);
      }
      var snippet = document.createElement("p");
      snippet.className = "snippet";
      highlight(snippet, d[8], result.terms);
      li.appendChild(snippet);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  show(input.value);
  input.addEventListener("input", function () {
    show(input.value);
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
    }
  });
  input.form && input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
  });
})();
