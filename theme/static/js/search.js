// /tim-kiem/ on Pagefind's JS API. Folding and codes: see plugins/search/marks.py.
const box = document.querySelector(".search"), $ = (s) => box.querySelector(s), t = box.dataset;
const input = $("#o-tim"), list = $(".search-results"), more = $(".search-more"), all = $(".search-older");
const topics = $(".search-filters") || document.createElement("p"), url = new URLSearchParams(location.search);

// "dường|~!!!!|" → "đường": each ~ of the code is a đ (see plugins/search/marks.py).
const restore = (s = "") => s.replace(/(\S*?)\|([!~]+)\|/g, (m, w, code) => {
  const c = [...code], at = w.length - c.length;
  return at < 0 || c.some((x, i) => x == "~" && !"dD".includes(w[at + i])) ? m : w.slice(0, at) +
    c.map((x, i) => (x == "~" ? (w[at + i] == "D" ? "Đ" : "đ") : w[at + i])).join("");
});
// Queries: đ → d, tones kept (they rank; Pagefind matches every spelling of a word).
const foldD = (s) => s.normalize("NFC").toLowerCase().replace(/đ/g, "d");
// Start of a run of n matched words ("Đà Nẵng" side by side), or -1.
const runAt = (words, n, at = new Set(words)) =>
  words.find((w) => [...Array(n).keys()].every((k) => at.has(w + k))) ?? -1;
// Start of the phrase in a page: word k of the query at position p + k, in order, or -1.
// `places` holds, per query word, page id → the positions of that word (any spelling).
const phraseAt = (id, places) => [...(places[0].get(id) || [])]
  .find((p) => places.every((m, k) => m.get(id)?.has(p + k))) ?? -1;

const options = { baseUrl: t.base, excerptLength: 26,
  ranking: { termSimilarity: 4, diacriticSimilarity: 1.5 } };
// Once loaded, a search for "0" (a few KB of digit chunks) readies the WebAssembly code: the
// reader's first search then runs two to three times faster. Not when the page opens on a query
// (the header's box sends one): Pagefind's worker would run it before the reader's own.
// A large site is indexed in parts (plugins/search/worker.py): the bundle holds the newest pages,
// parts.json names the older parts, newest first. A search looks in the newest; an older part
// is merged into every search from then on (Pagefind's mergeIndex) while the results are fewer
// than a screen, or all of them once the reader asks for the older articles.
let older = [];
const main = Promise.all([import(t.bundle + "pagefind.js"),
  fetch(t.bundle + "parts.json").then((r) => (r.ok ? r.json() : []), () => [])]).then(async ([m, rest]) => {
  older = rest;
  await m.options(options);
  await m.init();
  if (!url.get("q")) m.search("0").catch(() => {});
  return m;
});
// Merge the next older part; false when every part is in.
const widen = async (m) => older.length > 0 && (await m.mergeIndex(t.bundle + older.shift(), options), true);
const say = (text, n = 0, q = "") =>
  $(".search-status").textContent = text.replace("{n}", n.toLocaleString("vi-VN")).replace("{q}", () => q);

main.catch(() => say(t.unavailable));
for (const x of topics.querySelectorAll("input")) x.checked = url.getAll("chu_de").includes(x.value);
topics.addEventListener("change", () => run(input.value));

const SCREEN = 5;  // results drawn at once; fewer than this, and older parts are searched too
let seq = 0, results = [], shown = 0, last = "", busy = null;
// `everything`: the older parts too (the reader pressed "Tìm cả trong các bài cũ hơn").
async function run(raw, whole = true, everything = false) {
  const typed = raw.trim().replace(/\s+/g, " ");
  const inner = typed.replace(/[“”„]/g, '"').match(/^"(.+)"$/)?.[1];
  let q = inner ?? typed;
  // While typing, skip a lone last letter: "t" would fetch every t… chunk.
  if (!whole && !inner) q = q.replace(/(^| )\p{L}$/u, "").trim();
  history.replaceState(null, "", typed ? "?" + new URLSearchParams({ q: typed }) : location.pathname);
  // "nông thôn m" asks again for "nông thôn": the search already running for it goes on.
  if (!whole && q == last) return;
  const ticket = ++seq;
  last = q;
  all.hidden = true;
  if (q.length < 2) return list.replaceChildren(), more.hidden = true, say("");
  say(t.searching);
  const chosen = [...topics.querySelectorAll(":checked")].map((x) => x.value);
  try {
    const m = await main, words = q.split(" "), n = words.length;
    // One search at a time: Pagefind's worker does them in turn, and a fast typist's last key
    // would wait for every search before it. Once the running one ends, only the newest goes.
    while (busy) {
      await busy;
      if (ticket != seq) return;
    }
    const find = (text) => m.search(foldD(text), { filters: chosen.length ? { chu_de: { any: chosen } } : {} });
    const lookup = async () => {
      // In quotes, each word is also looked up alone, for its positions: the chunks are the
      // ones the whole query loads, so this costs no transfer.
      const [found, ...each] = await Promise.all([find(q), ...(inner ? words.map(find) : [])]);
      const places = each.map((f) => new Map(f.results.map((r) => [r.id, new Set(r.words)])));
      for (const r of found.results) r.run = inner ? phraseAt(r.id, places) : n > 1 ? runAt(r.words, n) : -1;
      // A phrase: only its pages. Other queries: pages with the words side by side first.
      const kept = inner ? found.results.filter((r) => r.run >= 0) : found.results;
      if (n > 1 && !inner) kept.sort((a, b) => (b.run >= 0) - (a.run >= 0) || b.score - a.score);
      return kept;
    };
    const task = (async () => {
      while (everything && await widen(m));
      let kept = await lookup();
      while (kept.length < SCREEN && ticket == seq && await widen(m)) kept = await lookup();
      return kept;
    })();
    busy = task.catch(() => {}).then(() => { busy = null; });
    const kept = await task;
    if (ticket != seq) return;
    results = kept, shown = 0;
    if (!results.length) list.replaceChildren();
    if (!(await page(ticket, q))) return;
    // Results of the newest pages only: say so, and offer the rest.
    all.hidden = !older.length || !results.length;
    say(!results.length ? t.none : all.hidden ? t.results : t.resultsRecent, results.length, q);
  } catch (error) { say(t.unavailable); throw error; }
}

// The next five results. A new query's (`q`, which data-q then names) are drawn one by one, the
// first as soon as its fragment is in, and the previous query's stay until then; "Xem thêm"
// brings five more at once, and waits while a batch loads, so that they come in order.
// False when a newer search took over.
async function page(ticket = seq, q = "") {
  const batch = results.slice(shown, shown + SCREEN), hits = batch.map((r) => r.data()), items = [];
  shown += batch.length;
  more.disabled = true;
  for (const [i, hit] of hits.entries()) {
    const el = item(await hit, batch[i]);
    if (ticket != seq) return false;
    if (q && !i) list.replaceChildren(), list.dataset.q = q;
    q ? list.append(el) : items.push(el);
  }
  list.append(...items);
  more.disabled = false;
  more.hidden = shown >= results.length;
  return true;
}

function item(hit, { run, words }) {
  const li = $("template").content.firstElementChild.cloneNode(true), day = hit.meta.ngay;
  const [a, topic, excerpt] = li.querySelectorAll("a, span, p + p"), time = document.createElement("time");
  // Excerpt around the run, else Pagefind's; the text comes escaped.
  const all = hit.raw_content.split(/\s+/), from = Math.max(0, run - 8), hot = new Set(words);
  excerpt.innerHTML = restore(run < 0 ? hit.excerpt : all.slice(from, from + 26)
    .map((w, i) => (hot.has(from + i) ? `<mark>${w}</mark>` : w)).join(" "));
  a.href = hit.url;
  a.textContent = restore(hit.meta.title);
  if (day) topic.before(Object.assign(time, { dateTime: day.split("/").reverse().join("-"), textContent: day }));
  topic.textContent = hit.filters?.chu_de?.[0] || "";
  if (!day && !topic.textContent) topic.parentNode.remove();
  return li;
}

$(".search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  run(input.value);
});
// Each keystroke searches at once, with no wait for a next key: a reader's last key would pay
// for it. A search overtaken by a newer one stops before fetching its results' fragments.
input.addEventListener("input", () => run(input.value, false));
more.addEventListener("click", () => page());
all.addEventListener("click", () => run(input.value, true, true));
input.value = url.get("q") || "";
if (input.value) run(input.value);
