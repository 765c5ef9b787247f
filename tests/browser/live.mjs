// Checks that a report written by `hpreport --watch` reloads itself in a
// real browser from file:// (Debian's Chromium through playwright-core):
// the page, opened once, reloads on its own within the wait, and then
// shows a newer generation (its #hp-live data-gen) and at least as many
// trials as before (more when --grow is given); no console errors, no
// request leaves file://.  Prints "PASS name" / "FAIL name: why" lines as
// tests/e2e/lib.sh does.
//
// usage: node live.mjs PAGE.html [--wait SECONDS] [--grow]
import { chromium } from "playwright-core";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const path = args.shift();
let wait = 20, grow = false;
while (args.length) {
  const a = args.shift();
  if (a === "--wait") wait = Number(args.shift());
  else if (a === "--grow") grow = true;
}
let failed = 0;
const check = (n, ok, why) => {
  if (ok) console.log(`PASS ${n}`);
  else { failed++; console.log(`FAIL ${n}: ${String(why).replace(/\n/g, " ")}`); }
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [], requests = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => { if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url()); });
  const state = async () => page.evaluate(() => {
    const live = document.getElementById("hp-live");
    let trials = null;
    for (const dt of document.querySelectorAll("dt"))
      if (dt.textContent === "Trials") trials = Number(dt.nextElementSibling.textContent);
    return { gen: live ? live.getAttribute("data-gen") : null, trials, t0: performance.timeOrigin };
  });
  await page.goto(pathToFileURL(resolve(path)).href, { waitUntil: "load" });
  const before = await state();
  check("watched page: has its generation", before.gen !== null, "no #hp-live script on the page");
  let reloaded = false;
  try {
    await page.waitForEvent("load", { timeout: wait * 1000 });
    reloaded = true;
  } catch (e) { /* timed out */ }
  check("watched page: reloads itself from file://", reloaded, `no reload within ${wait} s`);
  if (reloaded) {
    await page.waitForLoadState("load");
    const after = await state();
    check("watched page: newer generation after the reload", after.gen !== before.gen,
      `still ${before.gen}`);
    check("watched page: trial count after the reload", grow ? after.trials > before.trials :
      after.trials >= before.trials, `${before.trials} then ${after.trials}`);
  }
  check("watched page: no console errors", errors.length === 0, errors.join(" | "));
  check("watched page: no request leaves file://", requests.length === 0, requests.join(" "));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
