// 8. Long lists on a site of 5,000 generated write-ups (bench/gen_corpus.py
// --count 5000 --seed 1, the size the page budget is measured at): units and honours named more than a page lists get
// a page per year, years of many honours a table of titles, and long dossiers
// are printed in volumes. No page weighs over 500 KB, dossiers included; the
// new page kinds are valid HTML (Nu Html Checker), have no axe-core WCAG 2.1
// A/AA violation at 390 and 1280 px, and their lists sort and filter from
// disk. A quoted phrase is checked in each range of docs of the search index
// and counted whole.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { launch } from './lib/browser.mjs';
import { generatedSite, listFiles } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_PAGE = 500 * 1024;

let browser;
let tmp;
let site;
let pages;
before(async () => {
  browser = await launch();
  ({ tmp, site } = generatedSite(5000, 'long'));
  pages = listFiles(site, '.html');
});
after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const read = (rel) => readFileSync(path.join(site, rel), 'utf8');

/** One page of each new kind, and the long pages that lead to them. */
function newKinds() {
  const unitYear = pages.find((p) => /^don-vi\/[^/]+\/nam-\d{4}\.html$/.test(p));
  const honourYear = pages.find((p) => /^danh-hieu\/[^/]+\/nam-\d{4}\.html$/.test(p));
  const longYear = pages.find((p) => /^nam\/\d{4}\/index\.html$/.test(p) && read(p).includes('Năm có nhiều danh hiệu'));
  const volume = pages.find((p) => /^cum\/[^/]+\/ho-so-\d{4}(-\d+)?\.html$/.test(p));
  assert.ok(unitYear && honourYear && longYear && volume, `new page kinds in the build: ${unitYear} ${honourYear} ${longYear} ${volume}`);
  return [
    unitYear,
    unitYear.replace(/nam-\d{4}\.html$/, 'index.html'),
    honourYear,
    honourYear.replace(/nam-\d{4}\.html$/, 'index.html'),
    longYear,
    volume,
    volume.replace(/ho-so-[^/]+$/, 'ho-so.html'),
    longYear.replace(/index\.html$/, 'ho-so.html'),
  ];
}

test('no page is over 500 KB at 5,000 write-ups, dossiers included', () => {
  const heavy = pages
    .map((p) => [p, statSync(path.join(site, p)).size])
    .filter(([, size]) => size > MAX_PAGE);
  assert.deepEqual(heavy, []);
});

test('a long unit page links every year page, and each lists only its year', () => {
  const unitYear = newKinds()[0];
  const unit = unitYear.replace(/nam-\d{4}\.html$/, 'index.html');
  const html = read(unit);
  const years = [...html.matchAll(/href="\.\.\/\.\.\/(don-vi\/[^"]+\/nam-(\d{4})\.html)"/g)];
  assert.ok(years.length >= 2, unit);
  for (const [, rel, year] of years) {
    assert.ok(pages.includes(rel), `${rel} is built`);
    const page = read(rel);
    const other = [...page.matchAll(/href="\.\.\/\.\.\/nam\/(\d{4})\/index\.html"/g)].map((m) => m[1]).filter((y) => y !== year);
    assert.deepEqual([...new Set(other)], [], `${rel} links only its own year's page`);
  }
});

test('Nu Html Checker: the long pages and their year pages', { timeout: 120_000 }, () => {
  const vnu = String(require('vnu-jar'));
  const files = newKinds().map((rel) => path.join(site, rel));
  const run = spawnSync(process.env.JAVA || 'java', ['-Xss4m', '-jar', vnu, '--errors-only', ...files], { encoding: 'utf8' });
  assert.ifError(run.error);
  assert.equal(run.status, 0, `the checker found errors:\n${run.stderr}`);
});

for (const width of [390, 1280]) {
  test(`axe-core WCAG 2.1 A/AA at ${width} px: the long pages and their year pages`, { timeout: 120_000 }, async () => {
    for (const rel of newKinds()) {
      const context = await browser.newContext({ viewport: { width, height: 844 } });
      try {
        const page = await context.newPage();
        await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(
          (values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }),
          TAGS,
        );
        const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(found, [], rel);
      } finally {
        await context.close();
      }
    }
  });
}

test('a long dossier lists its volumes, and each write-up is printed in one of them', () => {
  const dossiers = pages.filter((p) => /^(cum\/[^/]+|nam\/\d{4})\/ho-so\.html$/.test(p));
  const volumes = pages.filter((p) => /\/ho-so-[^/]+\.html$/.test(p));
  assert.ok(volumes.length > 0, 'volumes are built');
  for (const rel of dossiers) {
    const html = read(rel);
    if (!html.includes('<section class="volumes"')) continue;
    assert.ok(!html.includes('class="dossier-entry"'), `${rel} lists volumes, not entries`);
    for (const [, to] of html.matchAll(/href="\.\.\/\.\.\/([^"]+\/ho-so-[^"]+\.html)"/g)) {
      assert.ok(volumes.includes(to), `${rel} links ${to}, which is built`);
    }
  }
  const printed = volumes.flatMap((rel) => [...read(rel).matchAll(/<article class="dossier-entry" id="([^"]+)"/g)].map((m) => m[1]));
  assert.equal(printed.length, 5000, 'every write-up is in a volume');
  assert.equal(new Set(printed).size, 5000, 'and in only one');
});

test('a phrase is checked in every range of docs: its count is that of the texts holding it', { timeout: 60_000 }, async () => {
  const script = (rel) => {
    const src = read(rel);
    return JSON.parse(src.slice(src.indexOf(',') + 1, src.lastIndexOf(')')));
  };
  const meta = JSON.parse(read('tim-kiem/search-index.js').replace(/^window\.BAOCAO_SEARCH_META=/, '').replace(/;\s*$/, ''));
  assert.ok(meta.docs > meta.posRange, `${meta.docs} docs span more than one range of ${meta.posRange}`);
  // The reference: the docs whose body text, folded, holds the words in order
  // (the generator writes the phrase in bodies only).
  const fold = (s) => ` ${s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const texts = [];
  const years = [];
  for (let n = 0; n * meta.textChunk < meta.docs; n++) texts.push(...script(`tim-kiem/txt/${n}.js`));
  for (let n = 0; n * meta.docChunk < meta.docs; n++) years.push(...script(`tim-kiem/docs/${n}.js`).map((row) => row[2].slice(0, 4)));
  const holding = texts.map((t, d) => (fold(t).includes(' toi pham lien tinh ') ? d : -1)).filter((d) => d >= 0);
  const ranges = new Set(holding.map((d) => Math.floor(d / meta.posRange)));
  assert.ok(ranges.size >= 2, `the phrase is in ${ranges.size} ranges`);
  const first = years[holding[0]];
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const search = async (query) => {
      await page.goto(pathToFileURL(path.join(site, 'tim-kiem/index.html')).href + query, { waitUntil: 'load' });
      await page.waitForFunction(() => /^[\d.]+ kết quả$/.test(document.querySelector('#search-status').textContent));
      return page.evaluate(() => ({
        status: document.querySelector('#search-status').textContent,
        count: parseInt(document.querySelector('#search-status').textContent.replace(/\./g, ''), 10),
        shown: [...document.querySelectorAll('#search-results > li .snippet')].map((p) => p.textContent),
        marks: [...document.querySelectorAll('#search-results mark')].map((m) => m.textContent),
        more: document.querySelector('#search-more').textContent,
      }));
    };
    const q = '?q=' + encodeURIComponent('"tội phạm liên tỉnh"');
    let r = await search(q);
    // Counts are written as the site writes numbers: 3.866, not 3866.
    const vi = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    assert.ok(holding.length >= 1000, `${holding.length} texts hold the phrase`);
    assert.equal(r.status, `${vi(holding.length)} kết quả`);
    assert.equal(r.count, holding.length);
    assert.equal(r.shown.length, 10);
    assert.ok(r.shown.every((s) => /tội phạm liên tỉnh/i.test(s)), r.shown.join('\n'));
    assert.ok(r.marks.every((m) => /^tội phạm liên tỉnh$/i.test(m)), JSON.stringify(r.marks));
    assert.match(r.more, new RegExp(`\\(${vi(holding.length - 10).replace('.', '\\.')} kết quả nữa\\)`));
    // The oldest year's are all in the first range, read last when counting.
    r = await search(q + '&nam=' + first);
    assert.equal(r.count, holding.filter((d) => years[d] === first).length);
  } finally {
    await context.close();
  }
});

test('a unit year page sorts and filters its lists from disk', { timeout: 60_000 }, async () => {
  const rel = newKinds()[0];
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
    const section = page.locator('section[aria-labelledby="all-h"]');
    const rows = section.locator('tbody tr:not(.group):visible');
    const all = await rows.count();
    assert.ok(all >= 2, `${rel} lists conferences: ${all}`);
    const box = section.getByRole('searchbox', { name: 'Lọc danh sách' });
    await box.fill('TONG KET');
    const left = await rows.count();
    assert.ok(left >= 1 && left < all, `tổng kết: ${left} of ${all}`);
    for (const text of await rows.allInnerTexts()) {
      assert.match(text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(), /tong ket/, text);
    }
    await box.fill('');
    assert.equal(await rows.count(), all);
    const date = section.getByRole('button', { name: 'Ngày' });
    await date.click();
    await date.click();
    assert.equal(await section.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');
  } finally {
    await context.close();
  }
});
