// /tim-kiem/ on Pagefind's JS API. Folding and codes: see plugins/search/marks.py.
const box = document.querySelector(".search"), $ = (s) => box.querySelector(s), t = box.dataset;
const input = $("#o-tim"), list = $(".search-results"), more = $(".search-more");
const topics = $(".search-filters") || document.createElement("p"), url = new URLSearchParams(location.search);

// "dường|~!!!!|" → "đường"
const A = "!#$%()*+,-./:;=?@[]^_`{}~", Q = ["", "\u0302", "\u0306", "\u031b"];
const T = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"], V = ["aeiouy", "aeo", "a", "ou"];
const fits = (ch, c) => c == 24 ? "dD".includes(ch) : !c || V[c / 6 | 0].includes(ch.toLowerCase());
const restore = (s = "") => s.replace(/(\S*?)\|([!#$%()*+,\-./:;=?@[\]^_`{}~]+)\|/g, (m, w, code) => {
  const c = [...code].map((x) => A.indexOf(x)), at = w.length - c.length;
  return at < 0 || !c.every((x, i) => fits(w[at + i], x)) ? m : w.slice(0, at) +
    c.map((x, i) => (x == 24 ? (w[at + i] == "D" ? "Đ" : "đ")
      : w[at + i] + Q[x / 6 | 0] + T[x % 6])).join("");
}).normalize("NFC");
// Queries: đ → d, tones kept (they rank); phrases lose every mark.
const foldD = (s) => s.normalize("NFC").toLowerCase().replace(/đ/g, "d");
const foldAll = (s) => foldD(s).normalize("NFD").replace(/\p{M}/gu, "");
// Start of a run of n matched words ("Đà Nẵng" side by side), or -1.
const runAt = (words, n, at = new Set(words)) =>
  words.find((w) => [...Array(n).keys()].every((k) => at.has(w + k))) ?? -1;

const options = { baseUrl: t.base, excerptLength: 26,
  ranking: { termSimilarity: 4, diacriticSimilarity: 1.5 } };
// Once loaded, a search for "0" (a few KB of digit chunks) readies the WebAssembly code: the
// reader's first search then runs two to three times faster. The phrase index waits for it:
// both share the worker's WebAssembly, which must not be set up twice at once.
let warm, phrases;
const main = import(t.bundle + "pagefind.js").then(async (m) => {
  await m.options(options);
  await m.init();
  warm = m.search("0").catch(() => {});
  return m;
});
const phraseIndex = () => phrases ??= main.then(async (m) =>
  (await warm, m.createInstance({ ...options, basePath: t.phraseBundle })));
const say = (text, n = 0, q = "") =>
  $(".search-status").textContent = text.replace("{n}", n.toLocaleString("vi-VN")).replace("{q}", () => q);

main.catch(() => say(t.unavailable));
for (const x of topics.querySelectorAll("input")) x.checked = url.getAll("chu_de").includes(x.value);
topics.addEventListener("change", () => run(input.value));

let seq = 0, results = [], shown = 0, timer;
async function run(raw, whole = true) {
  const ticket = ++seq, typed = raw.trim().replace(/\s+/g, " ");
  const inner = typed.replace(/[“”„]/g, '"').match(/^"(.+)"$/)?.[1], exact = inner && t.phraseBundle;
  history.replaceState(null, "", typed ? "?" + new URLSearchParams({ q: typed }) : location.pathname);
  let q = inner ?? typed;
  // While typing, skip a lone last letter: "t" would fetch every t… chunk.
  if (!whole && !inner) q = q.replace(/(^| )\p{L}$/u, "").trim();
  if (q.length < 2) return list.replaceChildren(), more.hidden = true, say("");
  say(t.searching);
  const chosen = [...topics.querySelectorAll(":checked")].map((x) => x.value);
  try {
    const found = await (await (exact ? phraseIndex() : main)).search(
      exact ? `"${foldAll(q)}"` : foldD(q), { filters: chosen.length ? { chu_de: { any: chosen } } : {} });
    if (ticket != seq) return;
    // Words side by side first (alone, for quotes without a phrase index).
    const n = exact ? 0 : q.split(" ").length;
    results = found.results.filter((r) => (r.run = n > 1 ? runAt(r.words, n) : -1) >= 0 || !inner || n < 2);
    if (n > 1) results.sort((a, b) => (b.run >= 0) - (a.run >= 0) || b.score - a.score);
    shown = 0;
    list.replaceChildren();
    await page(ticket);
    say(results.length ? t.results : t.none, results.length, q);
  } catch (error) { say(t.unavailable); throw error; }
}

async function page(ticket = seq) {
  const batch = results.slice(shown, shown + 5), hits = await Promise.all(batch.map((r) => r.data()));
  if (ticket != seq) return;
  hits.forEach((hit, i) => list.append(item(hit, batch[i])));
  shown += batch.length;
  more.hidden = shown >= results.length;
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
  clearTimeout(timer);
  run(input.value);
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 100, input.value, false);
  // Words before a space are final: fetch their chunks now.
  const done = input.value.match(/^([^"“]*\S)\s+\S*$/)?.[1];
  if (done) main.then((m) => m.preload(foldD(done)));
});
more.addEventListener("click", () => page());
input.value = url.get("q") || "";
if (input.value) run(input.value);
