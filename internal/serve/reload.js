// odop serve: live reload. The dev server adds this script to every page it
// serves; it is never part of a built site. It listens for builds and
// reloads the page when a newer one is served, and shows a failed build's
// errors over the page (the last good build) until an edit fixes them.
// Styles are set through the CSSOM, which the site's Content-Security-Policy
// allows (style attributes and <style> elements it does not).
(function () {
  "use strict";
  var script = document.currentScript;
  var build = Number(script && script.dataset.build) || 0;
  var box = null;

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function show(errors) {
    hide();
    box = document.createElement("div");
    box.id = "odop-errors";
    box.setAttribute("role", "alert");
    var s = box.style;
    s.position = "fixed";
    s.top = s.left = s.right = "0";
    s.maxHeight = "80vh";
    s.overflow = "auto";
    s.zIndex = "2147483647";
    s.background = "#2b0d0d";
    s.color = "#fff";
    s.padding = "1rem 1.5rem";
    s.font = "14px/1.5 ui-monospace, Menlo, Consolas, monospace";
    s.boxShadow = "0 4px 16px rgba(0, 0, 0, 0.5)";

    var title = document.createElement("strong");
    title.textContent = "odop: the last edit does not build. This page is the last good build; it reloads when the errors are fixed.";
    var list = document.createElement("pre");
    list.textContent = errors.join("\n");
    list.style.whiteSpace = "pre-wrap";
    list.style.margin = "0.75rem 0";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hide);
    box.append(title, list, close);
    document.body.appendChild(box);
  }

  var events = new EventSource("/_odop/events");
  events.addEventListener("state", function (e) {
    var st = JSON.parse(e.data);
    if (st.build !== build) {
      events.close();
      location.reload();
      return;
    }
    if (st.errors && st.errors.length) {
      show(st.errors);
    } else {
      hide();
    }
  });
})();
