// odop shortlist: a list of products kept in this browser (localStorage),
// shown on /shortlist/, where it can be annotated, printed, downloaded as
// CSV and shared as a link. Without JavaScript none of it appears.
//
// Any element with these attributes gets an "Add to shortlist" button:
//
//   data-shortlist-item="states/<state>/<district>/<product>/"  the product page's path below the site
//   data-product, data-district, data-state, data-sector, data-category  names, as the data gives them
//   data-gi="yes" or "no"                                       the ODOP list's GI flag
//
// Product pages carry one. A script that draws such elements later (search
// results) calls window.odopShortlist.enhance(container) after drawing.
// Elements with data-shortlist-count show the number of products listed.
//
// Storage: localStorage["odop-shortlist:" + the site's base path] holds
// {"version": 1, "items": [{path, product, district, state, sector,
// category, gi, note}, ...]} in the order added.
//
// A shared link is <base>shortlist/?p=<state>/<district>/<product>~<note>&p=...
// (one p per product, "~" and the note only when there is a note). Opening
// it shows that list, its details read from the product pages themselves,
// without touching the visitor's own list until they choose to keep it.
//
// Names from the data are only ever set as text (textContent, attribute
// values), never parsed as markup.
(function () {
  "use strict";

  var me = document.currentScript;
  var base = (me && me.getAttribute("data-base")) || "/";
  // One list for the whole site: the pages of every language (below
  // /hi/, /fr/ and so on) share the key of the site's root.
  var KEY = "odop-shortlist:" + ((me && me.getAttribute("data-root")) || base);
  var i18n = window.odopI18n; // app.js's
  var LANG = i18n.lang;
  var SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var PATH = new RegExp("^states/" + SLUG + "/" + SLUG + "/" + SLUG + "/$");
  var MAX_ITEMS = 300; // in a list, and read from a shared link
  var MAX_NOTE = 500; // characters
  var MAX_NAME = 1000; // characters; the longest name in the data has under 100
  var NAMES = ["product", "district", "state", "sector", "category"];

  // Every message the script writes, in one place; a page in another
  // language brings its own (see app.js), as the groups "shortlist" and,
  // on the shortlist page, "shortlistPage".
  var MSG = i18n.localise({
    add: "Add to shortlist",
    remove: "Remove from shortlist",
    added: "Added to your shortlist.",
    removed: "Removed from your shortlist.",
    removedOne: "Removed {name} from your shortlist.",
    view: "View your shortlist",
    full: "Your shortlist is full: remove a product first.",
    noStorage: "This browser does not let the site keep a list (storage is off or full), so the shortlist cannot be saved here.",
    empty: "Your shortlist is empty. Product pages have an “Add to shortlist” button: find products by ",
    emptyLinks: ["State/UT", "sector", "name", "GI tag"],
    or: " or ",
    own: "{n} in {s}, kept in this browser.",
    shared: "A shared list: {n} in {s}. It is not kept in this browser unless you choose “Keep this list in this browser”.",
    loading: "Loading the {n} of the shared list…",
    sharedNone: "This link names no product of this catalogue.",
    notFound: "Not in this catalogue (the link may be from another version of it): ",
    product: { one: "{n} product", other: "{n} products" },
    state: { one: "{n} State/UT", other: "{n} States/UTs" },
    note: "Note",
    noteOn: " on ",
    removeOne: "Remove",
    gi: "GI",
    noteSaved: "Note saved.",
    kept: "Kept in this browser: {n}.",
    copied: "Link copied.",
    copyBy: "Select the link and copy it.",
    downloaded: "CSV downloaded.",
    printed: "Printed on {d}.",
    csvHeader: ["state", "district", "product", "sector", "category", "GI", "page URL", "note"],
    yes: "Yes",
    no: "No",
    file: "odop-shortlist"
  }, ["shortlist", "shortlistPage"]);
  var EMPTY_PATHS = ["states/", "sectors/", "products/", "gi/"]; // where MSG.emptyLinks lead

  function fill(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (all, k) { return k in vars ? vars[k] : all; });
  }
  var plural = i18n.count;

  // ---- storage ----

  function text(v, max) {
    return typeof v === "string" ? v.slice(0, max) : "";
  }

  // clean returns a well-formed item, or null: what is stored or shared
  // may have been edited by anyone.
  function clean(x) {
    if (!x || typeof x !== "object" || typeof x.path !== "string" || !PATH.test(x.path)) return null;
    var item = { path: x.path };
    NAMES.forEach(function (k) { item[k] = text(x[k], MAX_NAME); });
    item.gi = x.gi === true;
    item.note = text(x.note, MAX_NOTE);
    return item;
  }

  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(KEY + ":probe", "1");
    storage.removeItem(KEY + ":probe");
  } catch (e) {
    storage = null;
  }

  function load() {
    if (!storage) return [];
    var v;
    try { v = JSON.parse(storage.getItem(KEY) || "null"); } catch (e) { return []; }
    if (!v || v.version !== 1 || !Array.isArray(v.items)) return [];
    return dedupe(v.items.map(clean).filter(Boolean)).slice(0, MAX_ITEMS);
  }

  function save(items) {
    try {
      storage.setItem(KEY, JSON.stringify({ version: 1, items: items }));
      return true;
    } catch (e) {
      return false;
    }
  }

  function dedupe(items) {
    var seen = {};
    return items.filter(function (it) {
      if (seen[it.path]) return false;
      seen[it.path] = true;
      return true;
    });
  }

  function indexOf(items, path) {
    for (var i = 0; i < items.length; i++) if (items[i].path === path) return i;
    return -1;
  }

  function fromElement(el) {
    var x = { path: el.getAttribute("data-shortlist-item"), gi: el.getAttribute("data-gi") === "yes" };
    NAMES.forEach(function (k) { x[k] = el.getAttribute("data-" + k); });
    return clean(x);
  }

  // ---- buttons on product pages (and anything else that carries the attributes) ----

  var enhanced = []; // {item, button, label, status}

  function enhance(root) {
    if (!storage) return;
    (root || document).querySelectorAll("[data-shortlist-item]").forEach(function (el) {
      if (el.hasAttribute("data-shortlist-ready")) return;
      var item = fromElement(el);
      if (!item) return;
      el.setAttribute("data-shortlist-ready", "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "shortlist-button";
      var label = document.createElement("span");
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = ": " + item.product;
      button.appendChild(label);
      button.appendChild(name);
      var status = document.createElement("span");
      status.className = "shortlist-status";
      status.setAttribute("role", "status");
      el.appendChild(button);
      el.appendChild(status);
      var b = { item: item, button: button, label: label, status: status };
      enhanced.push(b);
      button.addEventListener("click", function () { toggle(b); });
      draw(b, update(item));
    });
  }

  // update brings a listed product's stored details up to date with its
  // page, which may come from a newer build, keeping the note; it returns
  // the list.
  function update(item) {
    var items = load();
    var i = indexOf(items, item.path);
    if (i < 0) return items;
    var changed = NAMES.some(function (k) { return items[i][k] !== item[k]; }) || items[i].gi !== item.gi;
    if (changed) {
      var note = items[i].note;
      items[i] = clean(item);
      items[i].note = note;
      save(items);
    }
    return items;
  }

  function draw(b, items) {
    var listed = indexOf(items, b.item.path) >= 0;
    b.label.textContent = listed ? MSG.remove : MSG.add;
    b.button.classList.toggle("secondary", listed);
  }

  function toggle(b) {
    var items = load();
    var i = indexOf(items, b.item.path);
    var msg;
    if (i >= 0) {
      items.splice(i, 1);
      msg = MSG.removed;
    } else if (items.length >= MAX_ITEMS) {
      say(b.status, MSG.full);
      return;
    } else {
      items.push(b.item);
      msg = MSG.added;
    }
    if (!save(items)) {
      say(b.status, MSG.noStorage);
      return;
    }
    refresh(items);
    b.status.textContent = "";
    if (items.length) {
      msg += " " + fill(MSG.own, { n: plural(items.length, MSG.product), s: plural(states(items).length, MSG.state) });
    }
    b.status.appendChild(document.createTextNode(msg + " "));
    var a = document.createElement("a");
    a.href = base + "shortlist/";
    a.textContent = MSG.view;
    b.status.appendChild(a);
  }

  function say(el, msg) { el.textContent = msg; }

  // refresh redraws the buttons and counts after the list changed, here
  // or in another tab.
  function refresh(items) {
    // Buttons that a script has since taken out of the page are dropped.
    enhanced = enhanced.filter(function (b) { return b.button.isConnected; });
    enhanced.forEach(function (b) { draw(b, items); });
    document.querySelectorAll("[data-shortlist-count]").forEach(function (el) {
      el.textContent = items.length ? " (" + items.length + ")" : "";
    });
  }

  // ---- ordering, CSV and links ----

  function cmp(a, b) { return a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0); }

  // sorted orders items by state, district and product name.
  function sorted(items) {
    return items.slice().sort(function (a, b) {
      return cmp(a.state, b.state) || cmp(a.district, b.district) || cmp(a.product, b.product) || cmp(a.path, b.path);
    });
  }

  // states groups sorted items by state: [{name, items}].
  function states(items) {
    var out = [];
    sorted(items).forEach(function (it) {
      var last = out[out.length - 1];
      if (last && last.name === it.state) last.items.push(it);
      else out.push({ name: it.state, items: [it] });
    });
    return out;
  }

  function pageURL(it) { return new URL(base + it.path, location.href).href; }

  // cell quotes one CSV field. A field that a spreadsheet would read as a
  // formula (starting with =, +, -, @, tab or carriage return) gets a
  // leading apostrophe, so it shows as text and never runs.
  function cell(s) {
    s = String(s);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  // csv is the list as RFC 4180 CSV with a byte order mark, so that
  // spreadsheets read it as UTF-8.
  function csv(items) {
    var rows = [MSG.csvHeader];
    sorted(items).forEach(function (it) {
      rows.push([it.state, it.district, it.product, it.sector, it.category, it.gi ? MSG.yes : MSG.no, pageURL(it), it.note]);
    });
    return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  // shareURL is the link that reproduces the list: one p per product, its
  // path without "states/" and the final "/", then "~" and the note.
  function shareURL(items) {
    var q = sorted(items).map(function (it) {
      var p = encodeURIComponent(it.path.slice("states/".length, -1)).replace(/%2F/g, "/");
      if (it.note) p += "~" + encodeURIComponent(it.note);
      return "p=" + p;
    });
    return new URL(base + "shortlist/" + (q.length ? "?" + q.join("&") : ""), location.href).href;
  }

  // parseShared reads the p parameters of a shared link: {refs: [{path,
  // note}], bad: [what is not a product path], any: whether there was a p}.
  function parseShared(search) {
    var out = { refs: [], bad: [], any: false };
    var seen = {};
    new URLSearchParams(search).getAll("p").forEach(function (v) {
      out.any = true;
      var cut = v.indexOf("~");
      var p = cut < 0 ? v : v.slice(0, cut);
      p = p.replace(/^\/+/, "").replace(/^states\//, "").replace(/\/+$/, "");
      var path = "states/" + p + "/";
      if (!PATH.test(path)) {
        if (out.bad.length < 20) out.bad.push(p.slice(0, 100));
        return;
      }
      if (seen[path] || out.refs.length >= MAX_ITEMS) return;
      seen[path] = true;
      out.refs.push({ path: path, note: cut < 0 ? "" : v.slice(cut + 1, cut + 1 + MAX_NOTE) });
    });
    return out;
  }

  // fetchItem reads a product's details from its own page, which carries
  // them in the data-shortlist-item element. It resolves to null when the
  // page or the element is not there.
  function fetchItem(ref) {
    return fetch(base + ref.path, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) return null;
      return r.text().then(function (html) {
        // A parsed document runs no script and loads nothing.
        var doc = new DOMParser().parseFromString(html, "text/html");
        var found = null;
        doc.querySelectorAll("[data-shortlist-item]").forEach(function (el) {
          if (!found && el.getAttribute("data-shortlist-item") === ref.path) found = fromElement(el);
        });
        if (found) found.note = ref.note;
        return found;
      });
    }).catch(function () { return null; });
  }

  // fetchAll fetches the items a few at a time, keeping their order.
  function fetchAll(refs) {
    var results = new Array(refs.length);
    var next = 0;
    function worker() {
      if (next >= refs.length) return Promise.resolve();
      var i = next++;
      return fetchItem(refs[i]).then(function (it) {
        results[i] = it;
        return worker();
      });
    }
    var workers = [];
    for (var k = 0; k < Math.min(4, refs.length); k++) workers.push(worker());
    return Promise.all(workers).then(function () { return results; });
  }

  function today() {
    return new Date().toLocaleDateString(LANG === "en" ? "en-GB" : LANG, { day: "numeric", month: "long", year: "numeric" });
  }

  function isoToday() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  // ---- the shortlist page ----

  // shortlistPage puts the controls of the page's template in its place
  // and runs them.
  function shortlistPage(tpl) {
    var root = tpl.content.firstElementChild.cloneNode(true);
    tpl.replaceWith(root);
    var nojs = document.querySelector("[data-shortlist-nojs]");
    var summary = root.querySelector("[data-shortlist-summary]");
    var list = root.querySelector("[data-shortlist-list]");
    var status = root.querySelector("[data-shortlist-status]");
    var shareBox = root.querySelector("[data-shortlist-share]");
    var shareInput = root.querySelector("[data-shortlist-share-url]");
    var stamp = root.querySelector("[data-shortlist-stamp]");
    var csvNote = root.querySelector("[data-shortlist-csv-note]");
    function action(name) { return root.querySelector('[data-shortlist-action="' + name + '"]'); }
    var shareButton = action("share");

    var link = parseShared(location.search);
    var refs = link.refs;
    var mode = link.any ? "shared" : "own";
    var shared = []; // the shared list, once fetched
    var missing = link.bad.slice();

    if (nojs) nojs.hidden = true;

    function current() { return mode === "shared" ? shared : load(); }

    function setStamp() { stamp.textContent = fill(MSG.printed, { d: today() }); }
    setStamp();
    window.addEventListener("beforeprint", setStamp);

    function render() {
      var items = current();
      var groups = states(items);
      list.textContent = "";
      action("adopt").hidden = mode !== "shared" || !storage || items.length === 0;
      ["print", "csv", "share"].forEach(function (n) { action(n).hidden = items.length === 0; });
      csvNote.hidden = items.length === 0;
      if (items.length === 0) {
        shareBox.hidden = true;
        shareButton.setAttribute("aria-expanded", "false");
      }
      if (mode === "own" && !storage) {
        summary.textContent = MSG.noStorage;
      } else if (items.length === 0 && mode === "own") {
        summary.textContent = MSG.empty;
        MSG.emptyLinks.forEach(function (l, i) {
          if (i > 0) summary.appendChild(document.createTextNode(i === MSG.emptyLinks.length - 1 ? MSG.or : ", "));
          var a = document.createElement("a");
          a.href = base + EMPTY_PATHS[i];
          a.textContent = l;
          summary.appendChild(a);
        });
        summary.appendChild(document.createTextNode("."));
      } else if (items.length === 0) {
        summary.textContent = MSG.sharedNone;
      } else {
        summary.textContent = fill(mode === "shared" ? MSG.shared : MSG.own, {
          n: plural(items.length, MSG.product), s: plural(groups.length, MSG.state)
        });
      }
      groups.forEach(function (g, gi) {
        var section = document.createElement("section");
        section.className = "shortlist-state";
        var h2 = document.createElement("h2");
        h2.id = "shortlist-state-" + gi;
        h2.textContent = g.name;
        section.setAttribute("aria-labelledby", h2.id);
        section.appendChild(h2);
        var ul = document.createElement("ul");
        ul.className = "shortlist-items";
        g.items.forEach(function (it) { ul.appendChild(row(it)); });
        section.appendChild(ul);
        list.appendChild(section);
      });
      if (missing.length) {
        var p = document.createElement("p");
        p.className = "notice";
        p.textContent = MSG.notFound + missing.join(", ");
        list.appendChild(p);
      }
      if (!shareBox.hidden) shareInput.value = shareURL(items);
      refresh(load());
    }

    var rows = 0;
    function row(it) {
      var li = document.createElement("li");
      li.setAttribute("data-path", it.path);
      var h3 = document.createElement("h3");
      var a = document.createElement("a");
      a.href = base + it.path;
      a.textContent = it.product;
      h3.appendChild(a);
      li.appendChild(h3);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = [it.district, it.sector, it.category].join(" · ");
      if (it.gi) {
        meta.appendChild(document.createTextNode(" · "));
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = MSG.gi;
        meta.appendChild(tag);
      }
      li.appendChild(meta);
      // On paper, the address of the product's page.
      var url = document.createElement("p");
      url.className = "print-only page-url";
      url.textContent = pageURL(it);
      li.appendChild(url);
      // The note as it prints; on screen the text box below stands for it.
      var printed = document.createElement("p");
      printed.className = "note-text";
      printed.hidden = !it.note;
      printed.textContent = MSG.note + ": " + it.note;
      if (mode === "shared") {
        printed.className = "note-text shown";
        li.appendChild(printed);
        return li;
      }
      var id = "shortlist-note-" + rows++;
      var box = document.createElement("div");
      box.className = "note-field";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = MSG.note;
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = MSG.noteOn + it.product;
      label.appendChild(hidden);
      var area = document.createElement("textarea");
      area.id = id;
      area.rows = 2;
      area.maxLength = MAX_NOTE;
      area.value = it.note;
      area.addEventListener("input", function () {
        var items = load();
        var i = indexOf(items, it.path);
        if (i < 0) return;
        items[i].note = area.value.slice(0, MAX_NOTE);
        if (!save(items)) { say(status, MSG.noStorage); return; }
        printed.textContent = MSG.note + ": " + items[i].note;
        printed.hidden = !items[i].note;
        if (!shareBox.hidden) shareInput.value = shareURL(items);
      });
      area.addEventListener("change", function () { say(status, MSG.noteSaved); });
      box.appendChild(label);
      box.appendChild(area);
      li.appendChild(box);
      li.appendChild(printed);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove";
      remove.textContent = MSG.removeOne;
      var rn = document.createElement("span");
      rn.className = "visually-hidden";
      rn.textContent = " " + it.product;
      remove.appendChild(rn);
      remove.addEventListener("click", function () { removeItem(it); });
      li.appendChild(remove);
      return li;
    }

    // removeItem removes a product and puts the focus on the next
    // product's Remove button (or the previous one's, or the summary), so
    // that a keyboard user stays in place.
    function removeItem(it) {
      var buttons = Array.prototype.slice.call(list.querySelectorAll("button.remove"));
      var at = -1;
      buttons.forEach(function (b, i) { if (b.closest("li").getAttribute("data-path") === it.path) at = i; });
      var items = load();
      var i = indexOf(items, it.path);
      if (i >= 0) items.splice(i, 1);
      if (!save(items)) { say(status, MSG.noStorage); return; }
      render();
      say(status, fill(MSG.removedOne, { name: it.product }));
      var left = list.querySelectorAll("button.remove");
      if (left.length) left[Math.min(at < 0 ? 0 : at, left.length - 1)].focus();
      else summary.focus();
    }

    action("print").addEventListener("click", function () {
      setStamp();
      window.print();
    });

    action("csv").addEventListener("click", function () {
      var blob = new Blob([csv(current())], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = MSG.file + "-" + isoToday() + ".csv";
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      say(status, MSG.downloaded);
    });

    shareButton.addEventListener("click", function () {
      var open = shareBox.hidden;
      shareBox.hidden = !open;
      shareButton.setAttribute("aria-expanded", String(open));
      if (open) {
        shareInput.value = shareURL(current());
        shareInput.focus();
        shareInput.select();
      }
    });

    action("copy").addEventListener("click", function () {
      var url = shareInput.value;
      function fallback() {
        shareInput.focus();
        shareInput.select();
        say(status, MSG.copyBy);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { say(status, MSG.copied); }, fallback);
      } else {
        fallback();
      }
    });

    // Keeping a shared list adds its products to the visitor's own list;
    // a note from the link fills only an empty note.
    action("adopt").addEventListener("click", function () {
      var items = load();
      shared.forEach(function (s) {
        var i = indexOf(items, s.path);
        if (i < 0 && items.length < MAX_ITEMS) items.push(s);
        else if (i >= 0 && !items[i].note) items[i].note = s.note;
      });
      if (!save(items)) { say(status, MSG.noStorage); return; }
      var n = shared.length;
      mode = "own";
      missing = [];
      history.replaceState(null, "", base + "shortlist/");
      render();
      say(status, fill(MSG.kept, { n: plural(n, MSG.product) }));
      summary.focus();
    });

    // Another tab changed the list: redraw, unless the visitor is typing
    // a note here.
    window.addEventListener("storage", function (e) {
      if (e.key !== KEY || mode !== "own") return;
      if (document.activeElement && document.activeElement.tagName === "TEXTAREA" && list.contains(document.activeElement)) return;
      render();
    });

    if (mode === "shared") {
      summary.textContent = fill(MSG.loading, { n: plural(refs.length, MSG.product) });
      root.setAttribute("aria-busy", "true");
      ["adopt", "print", "csv", "share"].forEach(function (n) { action(n).hidden = true; });
      fetchAll(refs).then(function (found) {
        found.forEach(function (it, i) {
          if (it) shared.push(it);
          else missing.push(refs[i].path.slice("states/".length, -1));
        });
        root.removeAttribute("aria-busy");
        render();
      });
    } else {
      render();
    }
  }

  // ---- start ----

  window.odopShortlist = {
    enhance: enhance,
    items: function () { return sorted(load()); },
    csv: function () { return csv(load()); },
    shareURL: function () { return shareURL(load()); }
  };

  enhance(document);
  refresh(load());
  var page = document.querySelector("template[data-shortlist-page]");
  if (page) shortlistPage(page);
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) refresh(load());
  });
})();
