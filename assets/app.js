// odop: small enhancements on top of pages that work without JavaScript.
// Lists marked data-filterable get a text box that narrows them as you type;
// an element marked data-print-button gets a button, labelled with the
// attribute's value, that prints the page.
(function () {
  "use strict";
  // The page's language may bring its own words, in
  // <script type="application/json" id="odop-messages">.
  var MSG = { filter: "Filter this list ", shown: "{n} of {total} shown", print: "Print" };
  var LANG = document.documentElement.lang || "en";
  var custom = document.getElementById("odop-messages");
  if (custom) {
    try {
      var m = JSON.parse(custom.textContent).app || {};
      Object.keys(m).forEach(function (k) { if (k in MSG) MSG[k] = m[k]; });
    } catch (e) { /* keep the defaults */ }
  }
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
