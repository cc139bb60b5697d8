// odop: small enhancements on top of pages that work without JavaScript.
// Lists marked data-filterable get a text box that narrows them as you type;
// an element marked data-print-button gets a button, labelled with the
// attribute's value, that prints the page.
(function () {
  "use strict";
  // The page's words, for every script. The scripts are written in
  // English; a page in another language carries its words in
  // <script type="application/json" id="odop-messages">, a group per script
  // ({"app": {...}, "search": {...}}). window.odopI18n.localise lays the
  // words of some groups over a script's English, key by key; count picks
  // the form of a counting message by the language's plural rules and
  // writes the number in it. shortlist.js and search.js use it: app.js
  // comes before them on every page.
  var LANG = document.documentElement.lang || "en";
  var page = {};
  var custom = document.getElementById("odop-messages");
  if (custom) {
    try { page = JSON.parse(custom.textContent) || {}; } catch (e) { /* the scripts' English */ }
  }
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(LANG) : null;
  var i18n = window.odopI18n = {
    lang: LANG,
    localise: function (defaults, groups) {
      groups.forEach(function (g) {
        var m = page[g];
        if (m) Object.keys(m).forEach(function (k) { if (k in defaults) defaults[k] = m[k]; });
      });
      return defaults;
    },
    count: function (n, forms) {
      var form = forms[rules ? rules.select(n) : n === 1 ? "one" : "other"] || forms.other;
      return form.replace("{n}", n.toLocaleString(LANG === "en" ? "en-IN" : LANG));
    }
  };
  var MSG = i18n.localise({ filter: "Filter this list ", shown: "{n} of {total} shown", print: "Print" }, ["app"]);
  function num(n) { return n.toLocaleString(LANG); }
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("[data-filterable]").forEach(function (list, i) {
    var items = Array.prototype.slice.call(list.children);
    var texts = items.map(function (li) { return fold(li.textContent); });
    var box = document.createElement("div");
    box.className = "filter";
    var id = "filter-" + i;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = MSG.filter;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "meta";
    status.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    list.parentNode.insertBefore(box, list);
    input.addEventListener("input", function () {
      var q = fold(input.value.trim());
      var shown = 0;
      items.forEach(function (li, j) {
        var hit = q === "" || texts[j].indexOf(q) !== -1;
        li.hidden = !hit;
        if (hit) shown++;
      });
      status.textContent = q === "" ? "" : MSG.shown.replace("{n}", num(shown)).replace("{total}", num(items.length));
    });
  });
  document.querySelectorAll("[data-print-button]").forEach(function (slot) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = slot.getAttribute("data-print-button") || MSG.print;
    button.addEventListener("click", function () { window.print(); });
    slot.appendChild(button);
  });
})();
