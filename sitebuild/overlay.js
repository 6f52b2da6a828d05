// Only in `invoke serve` (sitebuild/overlay.py inserts it as it serves a page; it is never
// written into the site): shows why the last save did not update the page, over the last good
// page, or the warnings of a good build as a quieter strip. Esc or the button closes it; the
// next save reloads the page and shows the next build's state.
(() => {
  "use strict";
  const data = document.getElementById("xem-truoc-trang-thai");
  if (!data) return;
  const status = JSON.parse(data.textContent);
  const errors = status.problems.filter((p) => p.severity === "error");
  const warnings = status.problems.filter((p) => p.severity !== "error");
  if (status.ok && !warnings.length) return;

  const css = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .backdrop { position: fixed; inset: 0; z-index: 2147483647; overflow-y: auto;
      background: rgb(0 0 0 / 55%); padding: 12px 8px;
      font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
    .panel { max-width: 44rem; margin: 0 auto; background: #fff; color: #1a1a1a;
      border-top: 6px solid #b3261e; border-radius: 6px; padding: 16px;
      box-shadow: 0 8px 24px rgb(0 0 0 / 35%); }
    h2 { margin: 0 0 8px; font-size: 1.25rem; line-height: 1.3; color: #8c1d18; }
    h3 { margin: 16px 0 4px; font-size: 1rem; color: #5c4500; }
    p { margin: 0 0 8px; }
    ol, ul { margin: 0; padding: 0; list-style: none; }
    li { border-top: 1px solid #ddd; padding: 10px 0; }
    code { font: 0.95em/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
      background: #f3f3f3; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
    .what { font-weight: 600; overflow-wrap: anywhere; }
    .fix { overflow-wrap: anywhere; }
    .fix b { color: #0b5d1e; }
    .meta { font-size: 0.875rem; color: #555; margin: 12px 0 0; }
    button { font: inherit; font-weight: 600; cursor: pointer; min-height: 44px;
      padding: 8px 16px; border-radius: 6px; border: 2px solid #1a1a1a; background: #1a1a1a;
      color: #fff; }
    button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
    .actions { margin-top: 12px; }
    .strip { position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483647;
      display: flex; gap: 8px; align-items: flex-start; padding: 8px 12px;
      background: #fff8e1; color: #3d2e00; border-top: 2px solid #e0b300;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
      max-height: 50vh; overflow-y: auto; }
    .strip details { flex: 1; min-width: 0; }
    .strip summary { cursor: pointer; font-weight: 600; min-height: 32px; }
    .strip li { border-top-color: #f0dc9a; padding: 6px 0; }
    .strip button { min-height: 32px; padding: 2px 10px; background: transparent;
      color: #3d2e00; border: 1px solid #8a6d00; font-weight: 400; }
  `;

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);  // text is always text: a message never becomes markup
    return node;
  };

  const item = (p) => el("li", {},
    ...(p.where ? [el("p", { class: "where" }, el("code", {}, p.where),
      ...(p.line ? [` (dòng ${p.line})`] : []))] : []),
    el("p", { class: "what" }, p.message),
    ...(p.fix ? [el("p", { class: "fix" }, el("b", {}, "Cách sửa: "), p.fix)] : []));

  const host = el("div", { id: "xem-truoc-bao-loi" });
  const root = host.attachShadow({ mode: "open" });
  root.append(el("style", {}, css));
  const close = () => {
    host.remove();
    document.removeEventListener("keydown", onKey);
  };
  const onKey = (event) => {
    if (event.key === "Escape") close();
  };

  if (!status.ok) {
    const count = errors.length === 1 ? "1 lỗi" : `${errors.length} lỗi`;
    const button = el("button", { type: "button" }, "Đóng (Esc)");
    button.addEventListener("click", close);
    const panel = el("section", { class: "panel", role: "alert", "aria-labelledby": "tieu-de" },
      el("h2", { id: "tieu-de" }, `Trang chưa được cập nhật: ${count} cần sửa`),
      el("p", {}, "Bên dưới vẫn là bản tốt trước đó. Sửa theo hướng dẫn, lưu tệp: "
        + "trang sẽ tự tải lại."),
      el("ol", {}, ...errors.map(item)),
      ...(warnings.length ? [el("h3", {}, `Cảnh báo (${warnings.length})`),
        el("ul", {}, ...warnings.map(item))] : []),
      el("p", { class: "meta" }, `Lần dựng ${status.build}, lúc ${status.moment}.`),
      el("div", { class: "actions" }, button));
    root.append(el("div", { class: "backdrop" }, panel));
  } else {
    const button = el("button", { type: "button", "aria-label": "Đóng cảnh báo" }, "Đóng");
    button.addEventListener("click", close);
    root.append(el("section", { class: "strip", role: "status", "aria-label": "Cảnh báo" },
      el("details", {},
        el("summary", {}, `${warnings.length} cảnh báo: trang vẫn được cập nhật`),
        el("ul", {}, ...warnings.map(item))),
      button));
  }
  document.addEventListener("keydown", onKey);
  document.body.append(host);
})();
