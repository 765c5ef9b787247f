// Checks hpreport pages in a real browser (Debian's Chromium through
// playwright-core, launched once for all pages): no console errors, no
// request leaves file://, no dialog, the trials table sorts and filters, a
// tooltip shows trial data on hover, table numbers are short with every
// digit in their title, a figure's title shows once, a click opens the
// widest figure at full size in a zoom view, the overview and figures show
// with scripts disabled, and at a phone's width (390 px) nothing overflows,
// table cells keep their words whole and figures open full size.  Prints
// "PASS name" / "FAIL name: why" lines as
// tests/e2e/lib.sh does; with --name N, names start with "N: ".
//
// usage: node check.mjs PAGE.html [--name N] [--text TEXT]... [--screenshot OUT.png]
//            [--page PAGE.html [--name N] [--text TEXT]... [--screenshot OUT.png]]...
import { chromium } from "playwright-core";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const pages = [];
while (args.length) {
  const a = args.shift();
  if (a === "--text") pages[pages.length - 1].texts.push(args.shift());
  else if (a === "--screenshot") pages[pages.length - 1].shot = args.shift();
  else if (a === "--name") pages[pages.length - 1].name = args.shift();
  else pages.push({ path: a === "--page" ? args.shift() : a, texts: [], shot: null, name: "" });
}
let failed = 0;
let prefix = "";
const pass = (n) => console.log(`PASS ${prefix}${n}`);
const fail = (n, why) => { failed++; console.log(`FAIL ${prefix}${n}: ${String(why).replace(/\n/g, " ")}`); };
const check = (n, ok, why) => (ok ? pass(n) : fail(n, why));

// A figure's tooltip points [qx, qy, trial number, ...] (qx, qy in 1/6400
// of the picture) from page.js's base64 string, decoded here on its own from
// the layout src/report/geometry.c describes: per point, the cell's index
// (401 x 401 cells of 16 x 16 steps) less the previous one's as a varint,
// a byte (qx % 16) * 16 + qy % 16, the zigzag-coded trial number step.
function hoverPoints(enc) {
  const raw = Buffer.from(enc, "base64"), out = [];
  let at = 0, cell = 0, num = 0;
  const varint = () => {
    let v = 0n, shift = 0n, c;
    do { c = raw[at++]; v |= BigInt(c & 127) << shift; shift += 7n; } while (c & 128);
    return v;
  };
  while (at < raw.length) {
    cell += Number(varint());
    const inb = raw[at++], z = varint();
    num += Number(z & 1n ? -((z + 1n) >> 1n) : z >> 1n);
    out.push((cell % 401) * 16 + (inb >> 4), Math.floor(cell / 401) * 16 + (inb & 15), num);
  }
  return out;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  // playwright gives every launch a fresh temporary profile (its own
  // --user-data-dir), removed on close
});

async function open(url, js) {
  const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1300, height: 1000 } });
  const page = await ctx.newPage();
  const log = { errors: [], requests: [], dialogs: [] };
  page.on("console", (m) => { if (m.type() === "error") log.errors.push(m.text()); });
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("request", (r) => { if (!/^(file|data|blob):/.test(r.url())) log.requests.push(r.url()); });
  page.on("dialog", async (d) => { log.dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(url, { waitUntil: "load" });
  return { ctx, page, log };
}

async function checkPage({ path, texts, shot }) {
  const url = pathToFileURL(resolve(path)).href;
  const { ctx, page, log } = await open(url, true);
  const isStudy = (await page.locator("#hp-data").count()) > 0;

  for (const t of texts) {
    const body = await page.evaluate(() => document.body.innerText);
    check(`text shown as text: ${t}`, body.includes(t), "not in the visible text");
  }
  // only the page's own two scripts exist: nothing from the data became markup
  const nscripts = await page.locator("script").count();
  // (data/page.js and the page's script; the comparison page has zoom.js)
  const own = isStudy ? 2 : path.endsWith("compare.html") ? 1 : 0;
  check("no injected script element", nscripts === own, `${nscripts} script elements`);
  check("no broken images", await page.evaluate(() =>
    [...document.images].every((i) => i.complete && i.naturalWidth > 0)), "an image did not load");

  if (isStudy) {
    // the trials come from data/page.js (a <script src>, as file:// allows)
    const data = await page.evaluate(() => window.hpData);
    check("data/page.js loaded", data && Array.isArray(data.trials.number), "window.hpData missing");
    const n = data.trials.number.length;
    await page.waitForSelector("#table tbody tr[data-number]");

    // sort: number descending, then by the first objective ascending
    await page.click('#table th[data-col="0"]');
    const firstNum = await page.locator("#table tbody tr[data-number]").first().getAttribute("data-number");
    check("table sorts by number (descending)", Number(firstNum) === Math.max(...data.trials.number),
      `first row ${firstNum}`);
    await page.click('#table th[data-col="2"]');
    // a cell shows a short number; its title, every digit (when they differ)
    const cells = await page.$$eval("#table tbody tr[data-number]", (rows) =>
      rows.slice(0, 15).map((r) => [r.getAttribute("data-number"), r.children[2].textContent,
        r.children[2].getAttribute("title")]));
    const vals = cells.map((c) => c[1]);
    const nums = cells.filter((c) => c[1] !== "").map((c) => Number(c[2] ?? c[1]));
    const sorted = nums.every((v, i) => i === 0 || nums[i - 1] <= v);
    check("table sorts by value (ascending)", nums.length > 1 && sorted, vals.join(" "));
    const fin = data.trials.values[0].filter((v) => typeof v === "number");
    check("smallest value first", nums[0] === Math.min(...fin), `${nums[0]} vs ${Math.min(...fin)}`);

    // every number cell drawn: at most 6 significant digits, written as
    // C's %.6g would (checked here against a formatter of the test's own),
    // and its title the exact value of the data
    const sig6 = (v) => {
      if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
      const e = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(6)))));
      const trim = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
      if (e < -4 || e >= 6) {
        const [m, x] = v.toExponential(5).split("e");
        return trim(m) + "e" + (x[0] === "-" ? "-" : "+") + x.replace(/^[-+]/, "").padStart(2, "0");
      }
      return trim(v.toFixed(5 - e));
    };
    const numCells = await page.$$eval("#table tbody tr[data-number]", (rows) =>
      rows.flatMap((r) => [...r.children].map((td, ci) => [r.getAttribute("data-number"), ci,
        td.textContent, td.getAttribute("title"), td.classList.contains("n")]))
        .filter((c) => c[4] && c[2] !== ""));
    const colOf = (ci) => {          // the data column of table column ci
      const k = ci - 2, no = data.objectives.length, np = data.params.length;
      if (k < no) return (r) => data.trials.values[k][r];
      if (k === no) return null;     // duration: own format (3 digits)
      if (k - no - 1 < np) return (r) => data.trials.params[k - no - 1][r];
      return (r) => data.trials.user_attrs[k - no - 1 - np][r];
    };
    const bad = numCells.filter(([n, ci, text, title]) => {
      if (ci < 2) return false;
      const get = colOf(ci);
      if (get === null) return false;
      const v = get(data.trials.number.indexOf(Number(n)));
      if (typeof v !== "number") return false;
      return text !== sig6(v) || (text !== String(v) && Number(title) !== v);
    });
    check("table numbers: 6 significant digits, every digit in the title",
      numCells.length > 0 && bad.length === 0,
      bad.slice(0, 3).map((b) => b.join(" ")).join(" | ") || "no number cells");
    const longest = Math.max(...numCells.map((c) => c[2].replace(/^-|e.*$/g, "").replace(/\./, "").replace(/^0+/, "").length));
    check("table numbers: at most 6 digits shown", longest <= 6, `${longest} digits`);

    // filter by state, then by text
    const states = await page.$$eval("#state-filter option", (o) => o.map((x) => x.value).filter(Boolean));
    const st = states.includes("FAIL") ? "FAIL" : states[states.length - 1];
    await page.selectOption("#state-filter", st);
    const shown = await page.$$eval("#table tbody tr[data-number]", (rows) => rows.map((r) => r.children[1].textContent));
    const want = data.trials.state.filter((s) => data.states[s] === st).length;
    check(`state filter shows only ${st}`, shown.length > 0 && shown.every((s) => s === st),
      shown.slice(0, 5).join(" "));
    check("row count follows the filter", (await page.textContent("#row-count")).startsWith(`${want} of ${n}`),
      await page.textContent("#row-count"));
    await page.selectOption("#state-filter", "");
    const probe = String(data.trials.number[Math.floor(n / 2)]);
    await page.fill("#text-filter", probe);
    await page.waitForTimeout(400);
    const rows = await page.$$eval("#table tbody tr[data-number]", (r) => r.map((x) => x.textContent));
    check("text filter keeps matching rows only", rows.length > 0 && rows.every((r) => r.includes(probe)),
      `${rows.length} rows`);
    await page.fill("#text-filter", "");

    // tooltip: hover a point of the figure with the most points
    const figName = Object.keys(data.figures).sort((a, b) =>
      data.figures[b].length - data.figures[a].length)[0];
    if (!figName) fail("tooltip", "no figure has trial points");
    else {
      const pts = hoverPoints(data.figures[figName]);
      const img = page.locator(`figure[data-fig="${figName}"] img`);
      await img.scrollIntoViewIfNeeded();
      const box = await img.boundingBox();
      const k = 3 * Math.floor(pts.length / 6); // a point in the middle
      await page.mouse.move(box.x + (pts[k] / 6400) * box.width, box.y + (pts[k + 1] / 6400) * box.height);
      const tip = page.locator("#tooltip");
      const visible = await tip.isVisible();
      const text = visible ? await tip.innerText() : "";
      check(`tooltip on ${figName} shows the trial`, visible && text.includes(`Trial #${pts[k + 2]}`),
        visible ? text.slice(0, 80) : "no tooltip");
      const r = data.trials.number.indexOf(pts[k + 2]);
      const p0 = data.params.findIndex((p, j) => data.trials.params[j][r] !== null);
      if (p0 >= 0)
        check("tooltip shows the params", text.includes(data.params[p0].name), text.slice(0, 80));
      for (const t of texts)
        if (data.params.some((p) => p.name === t))
          check(`tooltip shows ${t} as text`, text.includes(t), text.slice(0, 120));
      if (shot) await page.screenshot({ path: shot.replace(/\.png$/, "-tooltip.png") });
      await page.mouse.move(1, 1);
    }
  }

  // each figure's title shown once: drawn in the picture (screen style),
  // so not again in the heading above it
  const twice = await page.evaluate(() => [...document.querySelectorAll("figure.fig")].filter((f) => {
    const img = f.querySelector("img");
    return img && img.alt && f.querySelector("figcaption").innerText.includes(img.alt);
  }).map((f) => f.id));
  if ((await page.locator("figure.fig img").count()) > 0)
    check("each figure's title shown once", twice.length === 0, twice.join(" "));

  // the zoom view: a click on the widest figure opens it at full size (its
  // width and height attributes, CSS px), "0" fits the window, "+" zooms
  // in, Esc closes and gives the focus back to the figure's link
  const widest = await page.evaluate(() => {
    let best = null, bw = 0;
    document.querySelectorAll("figure.fig .frame img").forEach((i, k) => {
      const w = Number(i.getAttribute("width"));
      if (w > bw) { bw = w; best = k; }
    });
    return best;
  });
  if (widest !== null) {
    const img = page.locator("figure.fig .frame img").nth(widest);
    const want = [Number(await img.getAttribute("width")), Number(await img.getAttribute("height"))];
    const shown = await img.boundingBox();
    await img.click();
    const zimg = page.locator("#zoom img");
    const full = (await page.locator("#zoom").isVisible()) ? await zimg.boundingBox() : null;
    check(`zoom: ${want[0]}x${want[1]} figure opens at full size (page: ${Math.round(shown.width)} px wide)`,
      full !== null && Math.abs(full.width - want[0]) <= 1 && Math.abs(full.height - want[1]) <= 1,
      full ? `${full.width}x${full.height}` : "no zoom view");
    if (full) {
      await page.keyboard.press("0");
      const fit = await zimg.boundingBox();
      const vp = page.viewportSize();
      check("zoom: 0 fits the window", fit.width <= vp.width && fit.height <= vp.height &&
        (fit.width >= vp.width * 0.5 || fit.height >= vp.height * 0.5), `${fit.width}x${fit.height}`);
      await page.keyboard.press("+");
      const more = await zimg.boundingBox();
      check("zoom: + zooms in", more.width > fit.width, `${fit.width} -> ${more.width}`);
      if (shot) await page.screenshot({ path: shot.replace(/\.png$/, "-zoom.png") });
      await page.keyboard.press("Escape");
      const back = await page.evaluate(() => document.activeElement && document.activeElement.querySelector &&
        document.activeElement.querySelector("img") !== null);
      check("zoom: Esc closes, focus back on the figure", !(await page.locator("#zoom").isVisible()) && back,
        "still open or focus lost");
      // a click beside the (fitted) picture closes it too
      await img.click();
      await page.keyboard.press("0");
      const vp2 = page.viewportSize();
      await page.mouse.click(vp2.width - 3, vp2.height - 3);
      check("zoom: a click beside the picture closes", !(await page.locator("#zoom").isVisible()), "still open");
    }
  }
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  check("no console errors", log.errors.length === 0, log.errors.slice(0, 3).join(" | "));
  check("no network requests", log.requests.length === 0, log.requests.slice(0, 3).join(" "));
  check("no dialogs", log.dialogs.length === 0, log.dialogs.join(" "));
  await ctx.close();

  // a phone (390 CSS px): nothing wider than the screen but what scrolls in
  // its own box, table cells on one line (no word broken), every figure a
  // link to its image at full size (pinch-zoomable without script)
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const pp = await phone.newPage();
  await pp.goto(url, { waitUntil: "load" });
  const ov = await pp.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check("phone: no horizontal overflow", ov[0] <= ov[1], `page ${ov[0]} px wide in ${ov[1]}`);
  const tables = await pp.evaluate(() => [...document.querySelectorAll("table.space, table.summary")].map((t) => {
    const box = t.parentElement;
    // a cell's text on more than one line (its row may be taller: the
    // choices beside it wrap)
    const broken = [...t.querySelectorAll("td:not(.choices), th")].filter((c) => {
      const r = document.createRange();
      r.selectNodeContents(c);
      return new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.bottom))).size > 1;
    }).map((c) => c.textContent);
    return { scroll: getComputedStyle(box).overflowX, fits: box.getBoundingClientRect().right <= window.innerWidth + 0.5, broken };
  }));
  check("phone: tables scroll in their box", tables.length > 0 && tables.every((t) => t.scroll === "auto" && t.fits),
    JSON.stringify(tables.map((t) => [t.scroll, t.fits])));
  check("phone: no table cell broken over lines", tables.every((t) => t.broken.length === 0),
    tables.flatMap((t) => t.broken).slice(0, 3).join(" | "));
  const figs = await pp.evaluate(() => [...document.querySelectorAll("figure.fig img")].map((i) => {
    const a = i.closest("a");
    return a !== null && a.getAttribute("href") === i.getAttribute("src") && !a.hasAttribute("download");
  }));
  if (figs.length > 0)
    check("phone: every figure opens full size", figs.every(Boolean), `${figs.filter(Boolean).length} of ${figs.length}`);
  if (shot) await pp.screenshot({ path: shot.replace(/\.png$/, "-phone.png"), fullPage: true });
  await phone.close();

  // scripts disabled: the overview and the figures are still there
  const nojs = await open(url, false);
  const h1 = await nojs.page.locator("h1").first().innerText();
  check("without script: heading", h1.length > 0, "no h1");
  if (isStudy) {
    check("without script: overview", await nojs.page.locator("#overview table.space, #overview .card").first().isVisible(),
      "overview hidden");
    const imgs = await nojs.page.evaluate(() => [...document.images].filter((i) => i.naturalWidth > 0).length);
    check("without script: figures", imgs === (await nojs.page.locator("figure.fig img").count()) && imgs > 0,
      `${imgs} images loaded`);
  }
  await nojs.ctx.close();
}

try {
  for (const p of pages) {
    prefix = p.name ? `${p.name}: ` : "";
    try {
      await checkPage(p);
    } catch (e) {
      fail("browser run", e.message);
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
