/* "Đang diễn ra" / "Tiếp theo" on the programme's day(s).
   A container [data-now-from][data-now-until] gives the days and the badge words; inside it,
   each list [data-now-scope] has items with data-start/data-end (ISO, +07:00). In each list the
   item under way gets "Đang diễn ra" and the next one(s) to start get "Tiếp theo". Without this
   script the page is complete; the badge is positioned so nothing moves when it appears. */
(function () {
  "use strict";
  var MARKS = ["is-now", "is-next"];

  function clear(root) {
    root.querySelectorAll(".now-badge").forEach(function (badge) { badge.remove(); });
    root.querySelectorAll(".is-now, .is-next").forEach(function (item) {
      item.classList.remove.apply(item.classList, MARKS);
      item.removeAttribute("aria-current");
    });
  }

  function badge(item, mark, words) {
    var label = document.createElement("strong");
    label.className = "now-badge";
    label.textContent = words;
    item.classList.add(mark);
    if (mark === "is-now") item.setAttribute("aria-current", "time");
    item.insertBefore(label, item.firstChild);
  }

  function markScope(scope, now, root) {
    var items = Array.prototype.filter.call(scope.children, function (el) {
      return el.hasAttribute("data-start");
    });
    var next = Infinity;
    items.forEach(function (item) {
      var start = Date.parse(item.getAttribute("data-start"));
      var end = Date.parse(item.getAttribute("data-end"));
      if (start <= now && now < end) badge(item, "is-now", root.getAttribute("data-now-label"));
      else if (start > now && start < next) next = start;
    });
    items.forEach(function (item) {
      if (Date.parse(item.getAttribute("data-start")) === next) {
        badge(item, "is-next", root.getAttribute("data-next-label"));
      }
    });
  }

  function update() {
    var now = Date.now();
    document.querySelectorAll("[data-now-from]").forEach(function (root) {
      clear(root);
      var from = Date.parse(root.getAttribute("data-now-from"));
      var until = Date.parse(root.getAttribute("data-now-until"));
      if (now < from || now >= until) return;  // only on the event's day(s)
      root.querySelectorAll("[data-now-scope]").forEach(function (scope) {
        markScope(scope, now, root);
      });
    });
  }

  update();
  setInterval(update, 30000);
})();
