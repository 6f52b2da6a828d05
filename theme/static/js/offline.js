/* Registers the offline worker (plugins/offline) and offers a new programme when one is built. */
(function () {
  var sw = navigator.serviceWorker, me = document.currentScript;
  var notice = document.getElementById("ban-moi"), reloading = false;
  if (!sw || !me || !notice) return;
  function offer(worker) {
    notice.hidden = false;
    notice.querySelector("button").onclick = function () {
      reloading = true;
      worker.postMessage("skip-waiting");
    };
  }
  sw.addEventListener("controllerchange", function () { if (reloading) location.reload(); });
  function track(worker) {  // offered once installed beside a worker already in charge
    if (!worker) return;
    var ready = function () { if (worker.state === "installed" && sw.controller) offer(worker); };
    ready();
    worker.addEventListener("statechange", ready);
  }
  sw.register(me.getAttribute("data-sw"), {scope: me.getAttribute("data-scope")}).then(function (reg) {
    track(reg.waiting);
    track(reg.installing);
    reg.addEventListener("updatefound", function () { track(reg.installing); });
    // A programme left open all day asks again for a newer one each time it comes back to view.
    document.addEventListener("visibilitychange", function () { if (!document.hidden) reg.update().catch(function () {}); });
  });
})();
