// Measures the search page of a built site in Chromium from file://: the bytes
// of index it loads before the first keystroke, and for each query the time
// from the input event to the first results painted (the first query of a
// freshly loaded page, and the same query again) and, for the first query, to
// the count shown (a phrase is counted after its first page is shown).
// Prints one JSON object.
//
//   node bench/search-bench.mjs SITE_DIR [query ...]
//
// Uses playwright-core from e2e/node_modules (run `npm ci --ignore-scripts`
// in e2e/ first) and the system Chromium (/usr/bin/chromium, or CHROMIUM_PATH).

import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(path.join(here, '..', 'e2e', 'node_modules', 'playwright-core', 'index.mjs'));

const [site, ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/search-bench.mjs SITE_DIR [query ...]');
  process.exit(2);
}
const QUERIES = given.length
  ? given
  : [
      'lạng sơn',
      'lang son',
      'công an',
      'cụm trưởng',
      'triệt phá băng nhóm',
      '"tội phạm liên tỉnh"',
      'tp.hcm',
      'thi đua xuất sắc 2021',
      'định danh điện tử',
      'xyzzy',
    ];

const root = path.resolve(site);
const searchPage = pathToFileURL(path.join(root, 'tim-kiem', 'index.html')).href;
const indexDir = path.join(root, 'tim-kiem') + path.sep;

/** Size on disk of the index files (tim-kiem/*.js and below) among these URLs. */
function indexBytes(urls) {
  let total = 0;
  for (const u of new Set(urls)) {
    if (!u.startsWith('file://')) continue;
    const p = fileURLToPath(u.split('?')[0]);
    if (p.startsWith(indexDir) && p.endsWith('.js')) total += statSync(p).size;
  }
  return total;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
});

/** Types `q` as one input event; resolves to {ms, count_ms, status}: when the
 *  first results are painted (the list is no longer busy), and when their
 *  count is known (a phrase's count can come after its first page). */
async function timeQuery(page, q) {
  return page.evaluate(async (q) => {
    const input = document.getElementById('q');
    const list = document.getElementById('search-results');
    const status = document.getElementById('search-status');
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
    const shown = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (list.getAttribute('aria-busy') !== 'true') {
          obs.disconnect();
          resolve(painted());
        }
      });
      obs.observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    const counted = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (/^[\d.,]+ |Không có|^No /.test(status.textContent)) {
          obs.disconnect();
          resolve(painted());
        }
      });
      obs.observe(status, { childList: true, characterData: true, subtree: true });
    });
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const [t1, t2] = await Promise.all([shown, counted]);
    const ms = (t) => Math.round((t - t0) * 10) / 10;
    return { ms: ms(t1), count_ms: ms(t2), status: status.textContent };
  }, q);
}

const out = { site: root, queries: [] };
try {
  // Before the first keystroke.
  {
    const page = await browser.newPage();
    const urls = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(searchPage, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    out.before_first_keystroke_bytes = indexBytes(urls);
    await page.close();
  }
  for (const q of QUERIES) {
    const page = await browser.newPage();
    const urls = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(searchPage, { waitUntil: 'load' });
    const before = urls.length;
    const first = await timeQuery(page, q);
    const loaded = indexBytes(urls.slice(before));
    // Again, from another query: the shards are loaded now.
    await timeQuery(page, 'zzzz');
    const again = await timeQuery(page, q);
    out.queries.push({
      q,
      first_ms: first.ms,
      first_count_ms: first.count_ms,
      again_ms: again.ms,
      loaded_bytes: loaded,
      result: first.status,
    });
    await page.close();
  }
} finally {
  await browser.close();
}
out.worst_first_ms = Math.max(...out.queries.map((x) => x.first_ms));
console.log(JSON.stringify(out, null, 1));
