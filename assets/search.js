// odop search: the client of the index that internal/search builds.
// It loads the manifest (facets and the product table) when the page
// opens, fetches a term shard the first time a query needs words of its
// first letter, and ranks, filters and counts in memory, so results
// follow each keystroke. The README's "Search" section documents the
// query syntax and the ranking; keep the two in step.
// Results are built with DOM calls and textContent only: data is never
// parsed as HTML.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.fetch || !String.prototype.normalize) return;

  var PAGE = 20; // results shown at first, and added by "Show more"
  // How well a query word matches an indexed word; a product scores this
  // times the summed weights of the fields the word occurs in.
  var EXACT = 4, PREFIX = 3, ONE_TYPO = 2, TWO_TYPOS = 1;

  var base = root.getAttribute("data-base");
  var indexURL = new URL(root.getAttribute("data-index"), location.href);
  var form = root.querySelector("form");
  var input = document.getElementById("search-q");
  var facetBox = document.getElementById("search-facets");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");

  // Every message the script writes. A page in another language brings
  // its own (see app.js), with the facets' names too; in English they are
  // the index's own.
  var MSG = {
    loading: "Loading the search index\u2026",
    failed: "Search could not load its index. Browse by State or sector instead.",
    failedPart: "Search could not load part of its index. Try again, or browse by State or sector.",
    more: "Show more results ({n} more)",
    none: "No product matches{query}{filtered}.",
    noneFiltered: "Try clearing a filter.",
    noneWords: "Try fewer or other words.",
    all: { one: "{n} product", other: "{n} products" },
    typeToSearch: ": type to search.",
    matches: { one: "{n} product matches", other: "{n} products match" },
    withFilters: " with the ticked filters",
    gi: "GI",
    facetState: null, facetSector: null, facetCategory: null, facetGI: null, giYes: null, giNo: null
  };
  var i18n = window.odopI18n; // app.js's
  var LANG = i18n.lang;
  i18n.localise(MSG, ["search"]);
  var count = i18n.count;

  var ix = null;        // the manifest, prepared by prepare()
  var shards = {};      // shard key: parsed shard, or a promise of one
  var current = 0;      // the number of the latest search, to drop stale ones
  var results = [];     // product numbers of the latest search, ranked
  var shown = 0;
  var lastQuery = "";

  // fold, tokens and urlSlug do what Fold, Tokens and URLSlug do in
  // internal/search/text.go.
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f'\u2019\u02bc]/g, "").toLowerCase();
  }
  function tokens(s) {
    return fold(s).match(/[\p{L}\p{N}\p{M}]+/gu) || [];
  }
  function urlSlug(s) {
    return fold(s).replace(/&/g, " and ").replace(/\./g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }
  function shardKey(w) {
    var c = w.charAt(0);
    if (c >= "a" && c <= "z") return c;
    if (c >= "0" && c <= "9") return "0";
    return "_";
  }

  // prepare turns the manifest's compact arrays into lookup tables.
  function prepare(m) {
    var n = m.products.length;
    var weightOf = new Int32Array(64); // summed field weights by field mask
    for (var mask = 1; mask < 64; mask++) {
      for (var f = 0; f < m.weights.length; f++) {
        if (mask & (1 << f)) weightOf[mask] += m.weights[f];
      }
    }
    var districts = m.districts.map(function (d) {
      return { name: d[0], state: d[1], slug: d.length > 2 ? d[2] : urlSlug(d[0]) };
    });
    var facets = m.facets.map(function (f) {
      return { key: f.key, label: f.label, values: f.values, of: new Int32Array(n), chosen: {}, boxes: [] };
    });
    var products = m.products.map(function (p, i) {
      var d = districts[p[1]];
      facets[0].of[i] = d.state;
      facets[1].of[i] = p[2];
      facets[2].of[i] = p[3];
      facets[3].of[i] = p[4] ? 0 : 1;
      return {
        name: p[0], sortKey: fold(p[0]), district: d,
        path: "states/" + m.states[d.state][1] + "/" + d.slug + "/" + (p.length > 5 ? p[5] : urlSlug(p[0])) + "/"
      };
    });
    return { products: products, states: m.states, facets: facets, weightOf: weightOf,
      stop: new Set(m.stop), shardFiles: m.shards };
  }

  // loadShard fetches a shard once; later calls get the same promise, and
  // once it is parsed shards[key] holds the shard itself.
  function loadShard(key) {
    if (shards[key]) return shards[key];
    shards[key] = fetch(new URL(ix.shardFiles[key], indexURL)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.url);
      return r.json();
    }).then(function (s) {
      shards[key] = { terms: s.t, posts: s.p, decoded: [] };
      return shards[key];
    }, function (err) {
      delete shards[key];
      throw err;
    });
    return shards[key];
  }

  // decode reads a term's postings (see the package comment of
  // internal/search) into parallel arrays of product numbers and masks.
  var DIGIT = {};
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) { DIGIT[c] = i; });
  function decode(shard, t) {
    var got = shard.decoded[t];
    if (got) return got;
    var s = shard.posts[t], docs = [], masks = [], doc = 0;
    for (var i = 0; i < s.length;) {
      var v = 0, shift = 0, d;
      do {
        d = DIGIT[s.charAt(i++)];
        v += (d & 31) * Math.pow(2, shift);
        shift += 5;
      } while (d >= 32);
      doc += v;
      docs.push(doc);
      masks.push(DIGIT[s.charAt(i++)]);
    }
    return (shard.decoded[t] = { docs: docs, masks: masks });
  }

  // typoDistance is the least number of edits (insertions, deletions,
  // substitutions, swaps of neighbours) that turn w into t, or k+1 if it
  // is more than k. Typos are forgiven in whole words only: forgiving
  // them in the start of a word too would let "silk" find Sikkim.
  function typoDistance(w, t, k) {
    var n = w.length, m = t.length;
    if (Math.abs(n - m) > k) return k + 1;
    var prev2 = null, prev = [], cur, j;
    for (j = 0; j <= m; j++) prev.push(j);
    for (var i = 1; i <= n; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= m; j++) {
        var cost = w.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && w.charCodeAt(i - 1) === t.charCodeAt(j - 2) &&
            w.charCodeAt(i - 2) === t.charCodeAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > k) return k + 1;
      prev2 = prev;
      prev = cur;
    }
    return Math.min(prev[m], k + 1);
  }

  // quality says how well query word w matches indexed word t: 0 for not.
  function quality(w, t, typos) {
    if (t === w) return EXACT;
    if (t.lastIndexOf(w, 0) === 0) return PREFIX;
    if (typos === 0) return 0;
    var d = typoDistance(w, t, typos);
    return d > typos ? 0 : d === 1 ? ONE_TYPO : TWO_TYPOS;
  }

  // wordScores scores every product for one query word: the best, over
  // the indexed words it matches, of quality times field weight.
  function wordScores(w) {
    var scores = new Int32Array(ix.products.length);
    var shard = shards[shardKey(w)];
    if (!shard || shard.then) return scores; // no indexed word starts so
    var len = Array.from(w).length;
    var typos = len >= 8 ? 2 : len >= 4 ? 1 : 0;
    for (var t = 0; t < shard.terms.length; t++) {
      var q = quality(w, shard.terms[t], typos);
      if (q === 0) continue;
      var p = decode(shard, t);
      for (var i = 0; i < p.docs.length; i++) {
        var s = q * ix.weightOf[p.masks[i]];
        if (s > scores[p.docs[i]]) scores[p.docs[i]] = s;
      }
    }
    return scores;
  }

  function queryWords(q) {
    var words = tokens(q);
    var kept = words.filter(function (w) { return !ix.stop.has(w); });
    return kept.length ? kept : words;
  }

  // search runs the query in the box with the chosen facets. When a shard
  // it needs is not loaded yet it fetches it and runs again; otherwise it
  // finishes at once, in the same task as the keystroke.
  function search() {
    var id = ++current;
    var q = input.value;
    var words = queryWords(q);
    var waiting = [];
    words.forEach(function (w) {
      var key = shardKey(w);
      if (ix.shardFiles[key] && (!shards[key] || shards[key].then)) waiting.push(loadShard(key));
    });
    if (waiting.length) {
      Promise.all(waiting).then(function () {
        if (id === current) search();
      }, function () {
        if (id === current) say(MSG.failedPart);
      });
      return;
    }
    var n = ix.products.length;
    var total = new Int32Array(n);
    var matched = new Uint8Array(n).fill(1);
    words.forEach(function (w) {
      var s = wordScores(w);
      for (var i = 0; i < n; i++) {
        if (s[i] === 0) matched[i] = 0;
        total[i] += s[i];
      }
    });
    // A product counts towards a facet value if it matches the query and
    // every other facet's choice: so ticking Meghalaya still shows how
    // many products each other state would add.
    var facets = ix.facets, counts = facets.map(function (f) { return new Int32Array(f.values.length); });
    results = [];
    for (var i = 0; i < n; i++) {
      if (!matched[i]) continue;
      var failed = -1, fails = 0;
      for (var f = 0; f < facets.length; f++) {
        var ch = facets[f].chosen;
        if (ch.any && !ch[facets[f].of[i]]) { failed = f; fails++; }
      }
      if (fails === 0) {
        results.push(i);
        for (f = 0; f < facets.length; f++) counts[f][facets[f].of[i]]++;
      } else if (fails === 1) {
        counts[failed][facets[failed].of[i]]++;
      }
    }
    var products = ix.products;
    results.sort(function (a, b) {
      return total[b] - total[a] ||
        (products[a].sortKey < products[b].sortKey ? -1 : products[a].sortKey > products[b].sortKey ? 1 : a - b);
    });
    lastQuery = q.trim();
    shown = 0;
    while (list.firstChild) list.removeChild(list.firstChild);
    showMore();
    updateFacets(counts);
    sayCount();
    saveURL();
  }

  function showMore() {
    var end = Math.min(results.length, shown + PAGE);
    var frag = document.createDocumentFragment();
    for (var i = shown; i < end; i++) frag.appendChild(item(results[i]));
    list.appendChild(frag);
    if (window.odopShortlist) window.odopShortlist.enhance(list);
    shown = end;
    more.hidden = shown >= results.length;
    more.textContent = MSG.more.replace("{n}", (results.length - shown).toLocaleString(LANG));
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function item(i) {
    var p = ix.products[i], f = ix.facets;
    var li = el("li");
    var a = el("a", null, p.name);
    a.href = base + p.path;
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    var meta = el("span", "meta", p.district.name + ", " + ix.states[p.district.state][0] + " · " +
      f[1].values[f[1].of[i]][0] + " · " + f[2].values[f[2].of[i]][0]);
    if (f[3].of[i] === 0) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", "tag", MSG.gi));
    }
    li.appendChild(meta);
    // A slot that shortlist.js fills with an "Add to shortlist" button,
    // from the names the result already shows.
    var slot = el("span", "shortlist-slot");
    slot.setAttribute("data-shortlist-item", p.path);
    slot.setAttribute("data-product", p.name);
    slot.setAttribute("data-district", p.district.name);
    slot.setAttribute("data-state", ix.states[p.district.state][0]);
    slot.setAttribute("data-sector", f[1].values[f[1].of[i]][0]);
    slot.setAttribute("data-category", f[2].values[f[2].of[i]][0]);
    slot.setAttribute("data-gi", f[3].of[i] === 0 ? "yes" : "no");
    li.appendChild(slot);
    return li;
  }

  function say(msg) { status.textContent = msg; }

  function sayCount() {
    var n = results.length;
    var filtered = ix.facets.some(function (f) { return f.chosen.any; });
    var quoted = lastQuery ? " \u201c" + lastQuery + "\u201d" : "";
    var also = filtered ? MSG.withFilters : "";
    if (n === 0) {
      say(MSG.none.replace("{query}", quoted).replace("{filtered}", also) + " " + (filtered ? MSG.noneFiltered : MSG.noneWords));
    } else if (!lastQuery) {
      say(count(n, MSG.all) + (filtered ? also + "." : MSG.typeToSearch));
    } else {
      say(count(n, MSG.matches) + quoted + also + ".");
    }
  }

  // buildFacets makes one fieldset of checkboxes per facet, once; each
  // search then only updates their counts.
  function buildFacets() {
    ix.facets.forEach(function (f) {
      var fs = el("fieldset", "facet facet-" + f.key);
      var name = MSG["facet" + (f.key === "gi" ? "GI" : f.key.charAt(0).toUpperCase() + f.key.slice(1))];
      fs.appendChild(el("legend", null, name || f.label));
      var ul = el("ul");
      f.values.forEach(function (v, j) {
        var li = el("li");
        var box = el("input");
        box.type = "checkbox";
        box.id = "facet-" + f.key + "-" + j;
        box.name = f.key;
        box.value = v[1];
        var text = f.key === "gi" && MSG.giYes ? (v[1] === "yes" ? MSG.giYes : MSG.giNo) : v[0];
        var label = el("label", null, text + " ");
        label.htmlFor = box.id;
        var count = el("span", "count", String(v[2]));
        label.appendChild(count);
        li.appendChild(box);
        li.appendChild(label);
        ul.appendChild(li);
        f.boxes.push({ li: li, box: box, count: count });
        box.addEventListener("change", function () {
          f.chosen[j] = box.checked;
          f.chosen.any = f.boxes.some(function (b) { return b.box.checked; });
          search();
        });
      });
      fs.appendChild(ul);
      facetBox.appendChild(fs);
    });
  }

  // updateFacets shows each value's count and hides values no result
  // could have, unless they are ticked.
  function updateFacets(counts) {
    ix.facets.forEach(function (f, i) {
      f.boxes.forEach(function (b, j) {
        b.count.textContent = String(counts[i][j]);
        b.li.hidden = counts[i][j] === 0 && !b.box.checked;
      });
    });
  }

  // The URL holds the query and the ticked values, by slug:
  // ?q=turmeric&state=meghalaya&gi=yes. A name in place of a slug is
  // read too (?sector=Handloom), and repeating a facet ticks several.
  function readURL() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    ix.facets.forEach(function (f) {
      var wanted = params.getAll(f.key).map(urlSlug);
      f.values.forEach(function (v, j) {
        var on = wanted.indexOf(v[1]) >= 0;
        f.boxes[j].box.checked = on;
        f.chosen[j] = on;
      });
      f.chosen.any = wanted.length > 0 && f.boxes.some(function (b) { return b.box.checked; });
    });
  }

  function saveURL() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    ix.facets.forEach(function (f) {
      f.boxes.forEach(function (b) { if (b.box.checked) params.append(f.key, b.box.value); });
    });
    var s = params.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
  }

  // Keyboard: Down from the box goes to the first result; Up and Down move
  // through the results, Up from the first and Escape go back to the box.
  // The results' own links, not the shortlist's "view" links beside them.
  function links() { return Array.prototype.slice.call(list.querySelectorAll("li > a")); }
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") {
      var a = links();
      if (a.length) { e.preventDefault(); a[0].focus(); }
    }
  });
  list.addEventListener("keydown", function (e) {
    var a = links(), i = a.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" && i + 1 < a.length) { e.preventDefault(); a[i + 1].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? a[i - 1] : input).focus(); }
    else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var a = links();
    if (a.length) a[0].focus();
  });
  more.addEventListener("click", function () {
    var first = shown;
    showMore();
    var a = links();
    if (a[first]) a[first].focus();
  });

  root.hidden = false;
  say(MSG.loading);
  fetch(indexURL).then(function (r) {
    if (!r.ok) throw new Error(r.status + " " + r.url);
    return r.json();
  }).then(function (m) {
    ix = prepare(m);
    buildFacets();
    readURL();
    input.addEventListener("input", search);
    search();
  }).catch(function () {
    say(MSG.failed);
  });
})();
