/* baocao search: full text, from file:// with no request but <script src>.
   tim-kiem/search-index.js (BAOCAO_SEARCH_META) names the shards; a query loads
   the shards of its words (idx/<prefix>.js), then the docs table (docs/<n>.js) and
   body texts (txt/<n>.js) of the results it shows, and facets.js when a filter is
   set. A phrase is checked a range of docs at a time (idx/<prefix>.pos-<r>.js):
   the ranges of the first results first, so they show at once, then the others
   to count them. Matching folds case, tones and
   diacritics (đ → d); every word must match; "quoted words" match in order.
   Ranking: exact diacritics first, then hits in titles and units, then body.
   Text is inserted with text nodes only, so no write-up can inject markup. */
(function () {
  "use strict";
  var meta = window.BAOCAO_SEARCH_META;
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var text = document.getElementById("search-text");
  var more = document.getElementById("search-more");
  var filters = document.getElementById("search-filters");
  if (!meta || !input || !list || !status || !text) { return; }

  var PAGE = 10;
  var SNIPPET = 220;
  var MAX_DEPTH = 4;
  var TITLE = 1, UNIT = 2, META = 4, BODY = 8;

  /* What the loaded scripts hand over. */
  var store = { shards: {}, pos: {}, docs: {}, text: {}, facets: null };
  window.BAOCAO_SEARCH = {
    shard: function (name, data) { store.shards[name] = data; },
    pos: function (name, range, data) { store.pos[name + "/" + range] = data; },
    docs: function (n, rows) { store.docs[n] = rows; },
    text: function (n, texts) { store.text[n] = texts; },
    facets: function (s) { store.facets = s; }
  };
  var shardNames = {};
  meta.shards.forEach(function (s) { shardNames[s] = true; });

  var loading = {};
  /* Loads a script of the index once; resolves when it ran (or failed). */
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = path;
        s.onload = function () { resolve(true); };
        s.onerror = function () { resolve(false); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }

  /* Folding, as the index does it: one folded character per UTF-16 unit of the
     NFC text, so positions map back to the original for highlighting. */
  var folds = new Map();
  function foldChar(c) {
    var f = folds.get(c);
    if (f === undefined) {
      if (c === "đ" || c === "Đ") {
        f = "d";
      } else {
        var base = c.normalize("NFD")[0].toLowerCase();
        f = /[a-z0-9]/.test(base) ? base : (/[\p{L}\p{N}]/u.test(base) ? base : " ");
      }
      folds.set(c, f);
    }
    return f;
  }
  function foldText(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) { out += foldChar(s[i]); }
    return out;
  }
  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  }
  function lower(word) {
    return word.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}\p{M}]/gu, "");
  }
  function shardOf(folded) {
    var key = Array.from(folded).map(function (c) { return /[a-z0-9]/.test(c) ? c : "_"; }).join("");
    for (var n = Math.min(key.length, MAX_DEPTH); n > 0; n--) {
      if (shardNames[key.slice(0, n)]) { return key.slice(0, n); }
    }
    return null;
  }

  /* A term: what it matches (folded), its exact form, and whether an exact
     match counts (the query was typed with diacritics). */
  function term(word) {
    var f = fold(word);
    var l = lower(word);
    return { folded: f, exact: l, marks: l !== f, parts: [f] };
  }

  /* The units of a query: each a list of terms that must stand in order
     (a phrase) or a single term. */
  function parse(query) {
    var units = [];
    var re = /"([^"]*)"?|(\S+)/g;
    var m;
    while ((m = re.exec(query)) !== null) {
      if (m[1] !== undefined) {
        var words = m[1].match(/[\p{L}\p{N}\p{M}]+/gu) || [];
        var terms = words.map(term).filter(function (t) { return t.folded; });
        if (terms.length) { units.push({ terms: terms, phrase: terms.length > 1 }); }
        continue;
      }
      var word = m[2];
      var parts = word.match(/[\p{L}\p{N}\p{M}]+/gu) || [];
      if (!parts.length) { continue; }
      if (parts.length === 1) {
        units.push({ terms: [term(parts[0])], phrase: false });
        continue;
      }
      /* Parts joined by "." or "," only (2.847, TP.HCM): the index holds the
         joined word; other joiners (25/11/2023): a phrase. */
      var inner = word.replace(/^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu, "");
      if (/^[\p{L}\p{N}\p{M}]+([.,][\p{L}\p{N}\p{M}]+)+$/u.test(inner)) {
        var t = term(inner);
        t.parts = parts.map(fold);
        units.push({ terms: [t], phrase: false });
      } else {
        units.push({ terms: parts.map(term), phrase: true });
      }
    }
    return units;
  }

  /* The index's numbers: base 32, most significant digit first; a digit of
     LAST ends a number, one of MORE goes on (src/search/mod.rs, `number`). */
  var LAST = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz$_";
  var DIGIT = new Uint8Array(128);
  for (var di = 0; di < 32; di++) { DIGIT[LAST.charCodeAt(di)] = di + 32; DIGIT[MORE.charCodeAt(di)] = di; }
  /* Calls `each` with every number of `s` (or of its chars `from` to `to`). */
  function numbers(s, each, from, to) {
    var v = 0;
    for (var i = from || 0, end = to === undefined ? s.length : to; i < end; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) { each(v * 32 + d - 32); v = 0; } else { v = v * 32 + d; }
    }
  }

  var decoded = {};
  /* A spelling's postings: docs ascending, with their fields. */
  function postings(key, encoded) {
    var hit = decoded[key];
    if (hit) { return hit; }
    var docs = [];
    var flags = [];
    var doc = 0;
    numbers(encoded, function (v) {
      doc += Math.floor(v / 16);
      docs.push(doc);
      flags.push(v % 16);
    });
    hit = { docs: Int32Array.from(docs), flags: Uint8Array.from(flags) };
    decoded[key] = hit;
    return hit;
  }

  /* The postings of each spelling of a term, in the order of its shard. */
  function spellings(t) {
    var shard = shardOf(t.folded);
    var entries = shard && store.shards[shard] && store.shards[shard][t.folded];
    if (!entries) { return []; }
    return entries.map(function (e, si) {
      return { p: postings(shard + "\u0000" + t.folded + "\u0000" + si, e[1]), exact: t.marks && e[0] === t.exact };
    });
  }

  var matchCache = {};
  /* The docs a term matches, ascending, with their fields and whether the
     spelling there is the exact one: {docs, flags, exact}, typed arrays. */
  function matches(t) {
    var key = t.folded + "\u0000" + (t.marks ? t.exact : "");
    var hit = matchCache[key];
    if (hit) { return hit; }
    var lists = spellings(t).map(function (s) {
      var n = s.p.docs.length;
      return { docs: s.p.docs, flags: s.p.flags, exact: new Uint8Array(n).fill(s.exact ? 1 : 0) };
    });
    hit = lists.reduce(merge, { docs: new Int32Array(0), flags: new Uint8Array(0), exact: new Uint8Array(0) });
    matchCache[key] = hit;
    return hit;
  }

  /* Two lists of matches as one: a doc in both has the fields of both. */
  function merge(a, b) {
    if (!a.docs.length) { return b; }
    var docs = new Int32Array(a.docs.length + b.docs.length);
    var flags = new Uint8Array(docs.length);
    var exact = new Uint8Array(docs.length);
    var i = 0, j = 0, n = 0;
    while (i < a.docs.length || j < b.docs.length) {
      var da = i < a.docs.length ? a.docs[i] : Infinity;
      var db = j < b.docs.length ? b.docs[j] : Infinity;
      if (da <= db) {
        docs[n] = da; flags[n] = a.flags[i]; exact[n] = a.exact[i]; i++;
        if (da === db) { flags[n] |= b.flags[j]; exact[n] |= b.exact[j]; j++; }
      } else {
        docs[n] = db; flags[n] = b.flags[j]; exact[n] = b.exact[j]; j++;
      }
      n++;
    }
    return { docs: docs.subarray(0, n), flags: flags.subarray(0, n), exact: exact.subarray(0, n) };
  }

  /* The first index of the ascending `docs` at or above `d`. */
  function lowerBound(docs, d) {
    var lo = 0, hi = docs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (docs[mid] < d) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  var posCache = {};
  /* A phrase's term in range `r` of the docs, ready to read its positions
     doc by doc: for each spelling, its docs, where the range starts among
     them, its positions text in the range and where each doc's part of it
     starts (parts are separated by ";"; read in place, never split). */
  function positionsOf(t, r) {
    var shard = shardOf(t.folded);
    var data = store.pos[shard + "/" + r];
    data = data && data[t.folded];
    return spellings(t).map(function (s, si) {
      var key = shard + "\u0000" + t.folded + "\u0000" + si + "\u0000" + r;
      var text = data ? data[si] || "" : "";
      var first = lowerBound(s.p.docs, r * meta.posRange);
      var starts = posCache[key];
      if (!starts) {
        var n = 1;
        starts = new Int32Array(lowerBound(s.p.docs, (r + 1) * meta.posRange) - first + 1);
        for (var i = 0; i < text.length && n < starts.length; i++) {
          if (text.charCodeAt(i) === 59) { starts[n++] = i + 1; }
        }
        /* The end of the last part, as if a ";" followed it. */
        if (n < starts.length) { starts[n++] = text.length + 1; }
        posCache[key] = starts = starts.subarray(0, n);
      }
      /* `at`: where the doc last `asked` for was; docs are asked in order. */
      return { docs: s.p.docs, first: first, text: text, starts: starts, at: first, asked: 0 };
    });
  }

  /* The positions of a term (from positionsOf) in doc `d`, every spelling,
     appended to `out` (cleared first). Each spelling's docs are walked
     forward from the doc asked for before: the candidates come in order. */
  function positions(term, d, out) {
    out.length = 0;
    for (var k = 0; k < term.length; k++) {
      var s = term[k];
      var i = d < s.asked ? s.first : s.at;
      s.asked = d;
      while (i < s.docs.length && s.docs[i] < d) { i++; }
      s.at = i;
      var part = i - s.first;
      if (i >= s.docs.length || s.docs[i] !== d || part + 1 >= s.starts.length) { continue; }
      var p = 0;
      numbers(s.text, function (x) { p += x; out.push(p); }, s.starts[part], s.starts[part + 1] - 1);
    }
    return out;
  }

  var scratch = [];
  /* Whether the terms (from positionsOf) stand in order, one after the
     other, in doc `d`. */
  function inOrder(terms, d) {
    while (scratch.length < terms.length) { scratch.push([]); }
    var first = positions(terms[0], d, scratch[0]);
    if (!first.length) { return false; }
    for (var i = 1; i < terms.length; i++) {
      if (!positions(terms[i], d, scratch[i]).length) { return false; }
    }
    for (var j = 0; j < first.length; j++) {
      var all = true;
      for (var t = 1; t < terms.length && all; t++) {
        all = scratch[t].indexOf(first[j] + t) >= 0;
      }
      if (all) { return true; }
    }
    return false;
  }

  function weight(flags) {
    if (flags & TITLE) { return 40; }
    if (flags & UNIT) { return 30; }
    if (flags & META) { return 20; }
    return 10;
  }

  /* The docs holding every word of every unit, best first; among equals, the
     newer (docs are by date): [{doc, score}]. Phrases are checked later. */
  function run(units) {
    var docs = null;
    var scores = null;
    units.forEach(function (u) {
      var lists = u.terms.map(matches);
      /* The rarest term leads; each other list is walked once alongside. */
      lists.sort(function (a, b) { return a.docs.length - b.docs.length; });
      var at = lists.map(function () { return 0; });
      var prev = 0;
      var nextDocs = [];
      var nextScores = [];
      var lead = lists[0];
      for (var j = 0; j < lead.docs.length; j++) {
        var d = lead.docs[j];
        if (docs) {
          while (prev < docs.length && docs[prev] < d) { prev++; }
          if (prev >= docs.length || docs[prev] !== d) { continue; }
        }
        var flags = 0, exact = 0, all = true;
        for (var k = 0; k < lists.length; k++) {
          var l = lists[k];
          var i = at[k];
          while (i < l.docs.length && l.docs[i] < d) { i++; }
          at[k] = i;
          if (i >= l.docs.length || l.docs[i] !== d) { all = false; break; }
          flags = k ? flags & l.flags[i] : l.flags[i];
          exact += l.exact[i];
        }
        if (!all) { continue; }
        nextDocs.push(d);
        nextScores.push((docs ? scores[prev] : 0) + exact * 1000 + weight(flags || BODY));
      }
      docs = nextDocs;
      scores = nextScores;
    });
    /* By score, then newest first: the docs are ascending, and the scores a
       handful of values. */
    var byScore = new Map();
    for (var n = (docs || []).length - 1; n >= 0; n--) {
      var b = byScore.get(scores[n]);
      if (!b) { b = []; byScore.set(scores[n], b); }
      b.push(docs[n]);
    }
    var hits = [];
    Array.from(byScore.keys()).sort(function (a, b) { return b - a; }).forEach(function (score) {
      byScore.get(score).forEach(function (doc) { hits.push({ doc: doc, score: score }); });
    });
    return hits;
  }

  /* The filters: name in the address, what they test. */
  var FILTERS = [
    { param: "cum", label: "filterCluster", all: "filterAll", facet: 0,
      options: function () { return meta.clusters.map(function (c, i) { return [String(i + 1), c[0]]; }); } },
    { param: "nam", label: "filterYear", all: "filterAll", facet: 1,
      options: function () { return meta.years.slice().reverse().map(function (y) { return [String(y), String(y)]; }); } },
    { param: "loai", label: "filterKind", all: "filterAll", facet: 2,
      options: function () { return meta.kinds.map(function (k) { return [k[0], k[1]]; }); } }
  ];
  var selects = {};
  function facetValue(f, value) {
    if (f.facet === 1) { return Number(value) - (meta.years[0] || 0); }
    if (f.facet === 2) { return meta.kinds.map(function (k) { return k[0]; }).indexOf(value); }
    return Number(value);
  }
  if (filters) {
    FILTERS.forEach(function (f) {
      var label = document.createElement("label");
      label.appendChild(document.createTextNode(text.dataset[f.label] + " "));
      var select = document.createElement("select");
      select.name = f.param;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = text.dataset[f.all];
      select.appendChild(all);
      f.options().forEach(function (o) {
        var opt = document.createElement("option");
        opt.value = o[0];
        opt.textContent = o[1];
        select.appendChild(opt);
      });
      label.appendChild(select);
      filters.appendChild(label);
      selects[f.param] = select;
      select.addEventListener("change", function () { update(); });
    });
    filters.hidden = false;
  }
  function activeFilters() {
    return FILTERS.filter(function (f) { return selects[f.param] && selects[f.param].value; })
      .map(function (f) { return { facet: f.facet, value: facetValue(f, selects[f.param].value) }; });
  }

  var current = 0;
  var shown = null;

  function clear() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (more) { more.hidden = true; }
  }

  /* Searches and shows the first page of results. */
  function search(query) {
    var seq = ++current;
    var units = parse(query);
    /* Busy until this query's results are shown (assistive technology, and
       whoever waits for the list, read the old results as stale). */
    list.setAttribute("aria-busy", "true");
    var done = function () { if (seq === current) { list.removeAttribute("aria-busy"); } };
    if (!units.length) {
      done();
      clear();
      shown = null;
      status.textContent = text.dataset.hint;
      return Promise.resolve();
    }
    var scripts = [];
    units.forEach(function (u) {
      u.terms.forEach(function (t) {
        var s = shardOf(t.folded);
        if (!s) { return; }
        scripts.push(load("idx/" + s + ".js"));
      });
    });
    var wanted = activeFilters();
    if (wanted.length) { scripts.push(load("facets.js")); }
    return Promise.all(scripts).then(function () {
      if (seq !== current) { return; }
      var hits = run(units);
      if (wanted.length && store.facets !== null) {
        hits = hits.filter(function (h) {
          return wanted.every(function (w) {
            return store.facets.charCodeAt(h.doc * 3 + w.facet) - 48 === w.value;
          });
        });
      }
      shown = { hits: hits, units: units, next: 0, count: 0, seq: seq, check: phraseCheck(hits, units) };
      return page(true);
    }).then(done, function (e) { done(); throw e; });
  }

  /* The phrase check of `hits`: `state` per hit, 0 (not yet checked), 1
     (passes) or 2 (fails); the hits not yet checked by range of docs,
     ascending by doc; how many passed. Null when no unit is a phrase. */
  function phraseCheck(hits, units) {
    var phrases = units.filter(function (u) { return u.phrase; });
    if (!phrases.length) { return null; }
    /* The hits by doc: doc * n + hit, sorted as numbers (no comparator). */
    var n = hits.length;
    var keys = new Float64Array(n);
    for (var i = 0; i < n; i++) { keys[i] = hits[i].doc * n + i; }
    keys.sort();
    var byRange = new Map();
    for (var j = 0; j < n; j++) {
      var h = keys[j] % n;
      var r = Math.floor(hits[h].doc / meta.posRange);
      var list = byRange.get(r);
      if (!list) { list = []; byRange.set(r, list); }
      list.push(h);
    }
    return { phrases: phrases, state: new Uint8Array(hits.length), byRange: byRange, checking: {}, passed: 0 };
  }

  /* Loads the positions of range `r` and checks the phrases in its hits. */
  function checkRange(s, r) {
    var c = s.check;
    if (c.checking[r]) { return c.checking[r]; }
    var scripts = [];
    c.phrases.forEach(function (u) {
      u.terms.forEach(function (t) {
        var shard = shardOf(t.folded);
        if (shard) { scripts.push(load("idx/" + shard + ".pos-" + r + ".js")); }
      });
    });
    c.checking[r] = Promise.all(scripts).then(function () {
      var list = c.byRange.get(r);
      if (!list) { return; }
      c.byRange.delete(r);
      var terms = c.phrases.map(function (u) {
        return u.terms.map(function (t) { return positionsOf(t, r); });
      });
      list.forEach(function (h) {
        var d = s.hits[h].doc;
        var ok = terms.every(function (ts) { return inOrder(ts, d); });
        c.state[h] = ok ? 1 : 2;
        if (ok) { c.passed++; }
      });
    });
    return c.checking[r];
  }

  /* The next page of hits, checking the phrases of the ranges it reaches. */
  function collect(s) {
    var out = [];
    function step() {
      while (s.next < s.hits.length && out.length < PAGE) {
        var state = s.check ? s.check.state[s.next] : 1;
        if (state === 0) {
          return checkRange(s, Math.floor(s.hits[s.next].doc / meta.posRange)).then(step);
        }
        if (state === 1) { out.push(s.hits[s.next]); }
        s.next++;
      }
      return Promise.resolve(out);
    }
    return step();
  }

  /* Checks the ranges no page has needed yet, one after the other (the
     page stays responsive), to count the results; the count shows when it
     is known. Starts once the first page is painted. */
  function countAll(s) {
    if (!s.check || !s.check.byRange.size) { return; }
    var next = function () {
      if (s !== shown) { return; }
      var r = s.check.byRange.keys().next();
      if (r.done) { showCount(s); return; }
      checkRange(s, r.value).then(next);
    };
    requestAnimationFrame(function () { setTimeout(next, 0); });
  }

  /* A count as the site writes numbers: 2.847 in Vietnamese. */
  function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, meta.thousands || "");
  }

  /* The number of results, or -1 while phrases are being checked. */
  function total(s) {
    if (!s.check) { return s.hits.length; }
    return s.check.byRange.size ? -1 : s.check.passed;
  }

  function showCount(s) {
    var n = total(s);
    if (n < 0) {
      status.textContent = text.dataset.counting.replace("{n}", fmt(s.check.passed));
    } else {
      status.textContent = n ? text.dataset.count.replace("{n}", fmt(n)) : text.dataset.none;
    }
    if (more) {
      more.hidden = n < 0 ? s.next >= s.hits.length : s.count >= n;
      more.textContent = n < 0
        ? text.dataset.moreCounting
        : text.dataset.more.replace("{n}", fmt(n - s.count));
    }
  }

  /* Shows the next page of results (the first when `fresh`), one page at a
     time. */
  function page(fresh) {
    var s = shown;
    if (!s) { return Promise.resolve(); }
    s.paging = (s.paging || Promise.resolve()).then(function () { return pageNow(s, fresh); });
    return s.paging;
  }

  function pageNow(s, fresh) {
    return collect(s).then(function (slice) {
      if (s !== shown || s.seq !== current) { return; }
      var scripts = [];
      slice.forEach(function (h) {
        scripts.push(load("docs/" + Math.floor(h.doc / meta.docChunk) + ".js"));
        scripts.push(load("txt/" + Math.floor(h.doc / meta.textChunk) + ".js"));
      });
      return Promise.all(scripts).then(function () {
        if (s !== shown || s.seq !== current) { return; }
        if (fresh) { clear(); }
        var words = highlightTerms(s.units);
        slice.forEach(function (h) { list.appendChild(render(h.doc, words)); });
        s.count += slice.length;
        showCount(s);
        if (fresh) { countAll(s); }
      });
    });
  }

  /* What to highlight: the folded words of each unit, or a phrase's words
     in order, as one match (a word of a phrase is not marked alone). */
  function highlightTerms(units) {
    var words = [];
    units.forEach(function (u) {
      var parts = [];
      u.terms.forEach(function (t) { t.parts.forEach(function (p) { if (p) { parts.push(p); } }); });
      if (u.phrase && parts.length > 1) {
        words.push(new RegExp(parts.join(" +"), "g"));
      } else {
        words.push.apply(words, parts);
      }
    });
    return words;
  }

  function isWordChar(c) { return c !== undefined && c !== " "; }

  /* Where the words occur in `s`, as [start, end) ranges of whole words. */
  function ranges(s, words) {
    var folded = foldText(s.normalize("NFC"));
    var found = [];
    words.forEach(function (w) {
      if (typeof w !== "string") {
        w.lastIndex = 0;
        for (var m = w.exec(folded); m; m = w.exec(folded)) {
          var end = m.index + m[0].length;
          if (!isWordChar(folded[m.index - 1]) && !isWordChar(folded[end])) {
            found.push([m.index, end]);
          }
          w.lastIndex = m.index + 1;
        }
        return;
      }
      var at = folded.indexOf(w);
      while (at >= 0) {
        if (!isWordChar(folded[at - 1]) && !isWordChar(folded[at + w.length])) {
          found.push([at, at + w.length]);
        }
        at = folded.indexOf(w, at + 1);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    return found;
  }

  /* Appends `s` to `el`, the ranges in <mark>: text nodes only. */
  function highlight(el, s, found, from, to) {
    var at = from;
    found.forEach(function (r) {
      if (r[0] < at || r[1] > to) { return; }
      el.appendChild(document.createTextNode(s.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = s.slice(r[0], r[1]);
      el.appendChild(mark);
      at = r[1];
    });
    el.appendChild(document.createTextNode(s.slice(at, to)));
  }

  /* The snippet: a window of the body around its first match. */
  function snippet(el, body, words) {
    body = body.normalize("NFC");
    var found = ranges(body, words);
    /* Around the match that most of the query's words follow closely (a
       phrase where it stands whole), the first of equals. */
    var best = 0, most = 0;
    var folded = found.map(function (r) { return foldText(body.slice(r[0], r[1])); });
    for (var i = 0; i < found.length && most < words.length; i++) {
      var seen = {}, n = 0;
      for (var j = i; j < found.length && found[j][0] < found[i][0] + SNIPPET / 2; j++) {
        if (!seen[folded[j]]) { seen[folded[j]] = true; n++; }
      }
      if (n > most) { most = n; best = i; }
    }
    var from = 0;
    if (found.length && found[best][0] > SNIPPET / 3) {
      from = body.lastIndexOf(" ", found[best][0] - SNIPPET / 3) + 1;
    }
    var to = Math.min(body.length, from + SNIPPET);
    if (to < body.length) {
      var cut = body.lastIndexOf(" ", to);
      if (cut > from) { to = cut; }
    }
    if (from > 0) { el.appendChild(document.createTextNode("… ")); }
    highlight(el, body, found, from, to);
    if (to < body.length) { el.appendChild(document.createTextNode(" …")); }
  }

  function kindName(kind) {
    for (var i = 0; i < meta.kinds.length; i++) {
      if (meta.kinds[i][0] === kind) { return meta.kinds[i][1]; }
    }
    return "";
  }

  /* One result: [url, title, iso date, shown date, cluster, kind, thumb,
     units and honours]. */
  function render(doc, words) {
    var d = store.docs[Math.floor(doc / meta.docChunk)][doc % meta.docChunk];
    var body = store.text[Math.floor(doc / meta.textChunk)][doc % meta.textChunk];
    var li = document.createElement("li");
    li.className = "result";
    if (d[6]) {
      var img = document.createElement("img");
      img.className = "thumb";
      img.src = "../" + d[6][0];
      img.width = d[6][1];
      img.height = d[6][2];
      img.alt = "";
      img.loading = "lazy";
      img.decoding = "async";
      li.appendChild(img);
    }
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = "../" + d[0];
    var title = d[1].normalize("NFC");
    highlight(a, title, ranges(title, words), 0, title.length);
    h.appendChild(a);
    li.appendChild(h);
    var p = document.createElement("p");
    p.className = "meta";
    var time = document.createElement("time");
    time.dateTime = d[2];
    time.textContent = d[3];
    p.appendChild(time);
    p.appendChild(document.createTextNode(" · "));
    if (d[5] !== "honour") {
      var cluster = d[4] >= 0 ? meta.clusters[d[4]] : null;
      if (cluster) {
        var c = document.createElement("a");
        c.href = "../" + cluster[1];
        c.textContent = cluster[0];
        p.appendChild(c);
      } else {
        p.appendChild(document.createTextNode(text.dataset.noCluster));
      }
      p.appendChild(document.createTextNode(" · "));
    }
    p.appendChild(document.createTextNode(kindName(d[5])));
    li.appendChild(p);
    /* Units and honours, when the query names one of them. */
    var facts = (d[7] || "").normalize("NFC");
    var inFacts = facts ? ranges(facts, words) : [];
    if (inFacts.length) {
      var u = document.createElement("p");
      u.className = "units";
      highlight(u, facts, inFacts, 0, facts.length);
      li.appendChild(u);
    }
    var sn = document.createElement("p");
    sn.className = "snippet";
    snippet(sn, body, words);
    li.appendChild(sn);
    return li;
  }

  /* The address carries the query and the filters, so a result list can be
     bookmarked and comes back after Back or a reload. */
  function remember() {
    var params = new URLSearchParams();
    if (input.value) { params.set("q", input.value); }
    FILTERS.forEach(function (f) {
      if (selects[f.param] && selects[f.param].value) { params.set(f.param, selects[f.param].value); }
    });
    var qs = params.toString();
    try {
      window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
    } catch (e) { /* an old browser may refuse it from file:// */ }
  }

  function update() {
    remember();
    return search(input.value);
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    FILTERS.forEach(function (f) {
      var v = params.get(f.param);
      if (selects[f.param]) { selects[f.param].value = v || ""; }
    });
    search(input.value);
  }

  restore();
  /* Back to this page from the browser's cache: show what the address says. */
  window.addEventListener("pageshow", function (e) { if (e.persisted) { restore(); } });
  input.addEventListener("input", function () { update(); });
  if (input.form) {
    input.form.addEventListener("submit", function (e) {
      e.preventDefault();
      update();
    });
  }
  if (more) {
    more.addEventListener("click", function () { page(false); });
  }
  window.BAOCAO_SEARCH.ready = true;
})();
