// Share buttons that need no third-party script: copy the link, or the Web Share API.
(() => {
  const box = document.querySelector(".share");
  if (!box) return;
  const url = new URL(box.dataset.url || location.href, location.href).href;
  const status = box.querySelector(".share-status");
  const copy = box.querySelector('[data-share="copy"]');
  const native = box.querySelector('[data-share="native"]');
  if (navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      await navigator.clipboard.writeText(url);
      status.textContent = box.dataset.copied;
    });
  }
  if (navigator.share) {
    native.hidden = false;
    native.addEventListener("click", () =>
      navigator.share({ title: box.dataset.title, url }).catch(() => {}));
  }
})();
