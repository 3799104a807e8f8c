// Full-text search, as a reader uses it, from disk (file://) and from a web
// server under a sub-path: body-only words, an honour, a unit's alias, a query
// without diacritics, a quoted phrase, paging with the true count, filters,
// the query in the address (bookmark, Back), a hostile write-up that must not
// run, and the page without JavaScript.
//
// The sample site (content/) answers most queries. Paging and the hostile
// write-up need a site of their own: the sample plus generated write-ups,
// built here into a temporary folder with the same binary.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { assertClean, launch, watch } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';
import { BIN, REPO_ROOT, siteDir } from './lib/site.mjs';

const C2017 = 'hoi-nghi/cum-2/2017-tong-ket/index.html';
const C2023 = 'hoi-nghi/cum-2/2023-tong-ket/index.html';
const C2024 = 'hoi-nghi/cum-2/2024-ky-ket/index.html';
const C5 = 'hoi-nghi/cum-5/2022-tong-ket/index.html';
const FLAG = 'danh-hieu/co-thi-dua-cua-chinh-phu/index.html';

/** How many generated write-ups share the word "thuyền" in the second site. */
const BOATS = 23;
const HOSTILE_TITLE = '<script>window.__pwned = 1</script> "onerror=window.__pwned=2 x';

let browser;
let tmp;
let bigSite;
const servers = [];

/** The sample plus BOATS write-ups for paging and one hostile write-up. */
function buildBigSite() {
  tmp = mkdtempSync(path.join(tmpdir(), 'baocao-fulltext-'));
  const root = path.join(tmp, 'root');
  cpSync(path.join(REPO_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  const dir = path.join(root, 'content', 'thu');
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= BOATS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    writeFileSync(
      path.join(dir, `thuyen-${String(i).padStart(2, '0')}.md`),
      `---\ntitle: Hội nghị thử số ${i}\ndate: ${2000 + i}-${month}-${day}\ncluster: ${i % 2 ? 7 : 8}\nmembers: [Sơn La, Lào Cai]\nkind: ${i % 3 ? 'summary' : 'pledge'}\n---\n\n` +
        `Đoạn mở đầu số ${i} không có từ cần tìm. Đội tàu thuyền số ${i} ra khơi an toàn.\n`,
    );
  }
  writeFileSync(
    path.join(dir, 'doc-hai.md'),
    `---\ntitle: ${JSON.stringify(HOSTILE_TITLE)}\ndate: 2019-05-05\n---\n\n` +
      'Thân bài có chữ "onerror=window.__pwned=3 và <script>window.__pwned=4</script> cùng từ khóa zqxhostile.\n',
  );
  // Ranking: the same word with other diacritics, and title against body.
  const small = (name, title, date, body) =>
    writeFileSync(path.join(dir, name), `---\ntitle: ${title}\ndate: ${date}\n---\n\n${body}\n`);
  small('xep-1.md', 'Bài xếp hạng một', '2021-01-01', 'Chuyện làng biển zqxdau.');
  small('xep-2.md', 'Bài xếp hạng hai', '2020-01-01', 'Chuyện lạng biển zqxdau.');
  small('xep-3.md', 'Bài zqxrank ở tiêu đề', '2018-01-01', 'Thân bài không có.');
  small('xep-4.md', 'Bài xếp hạng bốn', '2022-01-01', 'Thân bài có zqxrank.');
  const out = path.join(tmp, 'site');
  execFileSync(BIN, ['build', '--root', root, '--output', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}

before(async () => {
  browser = await launch();
  bigSite = buildBigSite();
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The two ways a reader opens a site: from disk, and under /bao-cao/ over HTTP. */
const WAYS = [
  { name: 'file://', base: async (dir) => pathToFileURL(dir + '/').href },
  {
    name: 'http under /bao-cao/',
    base: async (dir) => {
      const s = await serve(dir, '/bao-cao/');
      servers.push(s);
      return s.base;
    },
  },
];

/** The results shown and the status line, once the search settled. */
async function results(page) {
  await page.waitForFunction(
    () => /^[\d.]+ kết quả$|Không có kết quả/.test(document.querySelector('#search-status')?.textContent || '')
      && !document.querySelector('#search-results')?.hasAttribute('aria-busy'),
    null,
    { timeout: 5_000 },
  );
  return page.evaluate(() => ({
    status: document.querySelector('#search-status').textContent,
    count: parseInt(document.querySelector('#search-status').textContent.replace(/\./g, ''), 10) || 0,
    more: !document.querySelector('#search-more').hidden,
    items: [...document.querySelectorAll('#search-results > li')].map((li) => ({
      href: li.querySelector('h2 a').getAttribute('href'),
      title: li.querySelector('h2 a').textContent,
      time: li.querySelector('time')?.getAttribute('datetime'),
      meta: li.querySelector('.meta').textContent,
      snippet: li.querySelector('.snippet').textContent,
      snippetMarks: [...li.querySelectorAll('.snippet mark')].map((m) => m.textContent),
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      text: li.textContent,
    })),
  }));
}

const rel = (href) => href.replace(/^\.\.\//, '');

async function open(page, base, query) {
  await page.goto(new URL('tim-kiem/index.html' + query, base).href, { waitUntil: 'load' });
  return results(page);
}

for (const way of WAYS) {
  describe(`full-text search (${way.name})`, () => {
    let base;
    let bigBase;
    let context;
    let watcher;
    let page;
    before(async () => {
      base = await way.base(siteDir());
      bigBase = await way.base(bigSite);
      context = await browser.newContext();
      // Two sites, two servers: each may be asked for what is under its /bao-cao/.
      const allowed = way.name === 'file://' ? ['file://'] : [base, bigBase];
      watcher = await watch(context, (u) => u.startsWith('data:') || allowed.some((a) => u.startsWith(a)), way.name);
      page = await context.newPage();
      page.setDefaultTimeout(10_000);
    });
    after(async () => {
      await context?.close();
    });

    test('words found only in a body: the write-up, its snippet with the words marked', async () => {
      const r = await open(page, base, '?q=' + encodeURIComponent('triệt phá băng nhóm'));
      assert.equal(r.count, 1, r.status);
      assert.equal(rel(r.items[0].href), C5);
      assert.match(r.items[0].title, /Cụm thi đua số 5 tổng kết/);
      assert.equal(r.items[0].time, '2022-11-22');
      assert.match(r.items[0].meta, /Cụm thi đua số 5/);
      assert.match(r.items[0].meta, /Tổng kết/);
      assert.match(r.items[0].snippet, /triệt phá băng nhóm tội phạm liên tỉnh/);
      assert.deepEqual(r.items[0].snippetMarks, ['triệt', 'phá', 'băng', 'nhóm']);
    });

    test('an honour: its page first, then the write-ups that name it, newest first', async () => {
      const r = await open(page, base, '?q=' + encodeURIComponent('Cờ thi đua của Chính phủ'));
      assert.deepEqual(r.items.map((i) => rel(i.href)), [FLAG, C2023, C2017], r.status);
      assert.equal(r.count, 3);
      assert.match(r.items[1].text, /Cờ thi đua của Chính phủ/);
    });

    test("a unit's alias finds the write-ups of its canonical name", async () => {
      // units.yaml: Thừa Thiên Huế, aliases [TT Huế, ...]; only cum-5 names it.
      const r = await open(page, base, '?q=' + encodeURIComponent('TT Huế'));
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C5], r.status);
      assert.match(r.items[0].text, /Thừa Thiên Huế/);
    });

    test('a query without diacritics finds the words with them; exact diacritics rank first', async () => {
      let r = await open(page, base, '?q=' + encodeURIComponent('lang son'));
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C2023, C2017], r.status);
      assert.ok(r.items.every((i) => i.marks.some((m) => m === 'Lạng')), JSON.stringify(r.items.map((i) => i.marks)));
      // "đua" and "dua" fold alike; with its diacritics a query ranks the
      // write-ups that have them exactly above the others.
      r = await open(page, base, '?q=' + encodeURIComponent('Điện Biên'));
      assert.equal(r.count, 3, r.status);
      r = await open(page, base, '?q=' + encodeURIComponent('dien bien'));
      assert.equal(r.count, 3, r.status);
    });

    test('a quoted phrase matches its words in order only', async () => {
      let r = await open(page, base, '?q=' + encodeURIComponent('"Cụm trưởng năm 2023"'));
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C5], r.status);
      // The phrase is marked whole, and its words are not marked alone.
      assert.ok(r.items[0].marks.length > 0 && r.items[0].marks.every((m) => /^cụm trưởng năm 2023$/i.test(m)), JSON.stringify(r.items[0].marks));
      r = await open(page, base, '?q=' + encodeURIComponent('"năm 2023 Cụm trưởng"'));
      assert.equal(r.count, 0, r.status);
      r = await open(page, base, '?q=' + encodeURIComponent('năm 2023 Cụm trưởng'));
      assert.ok(r.count >= 1, r.status);
      // Every word must match: one unknown word empties the list.
      r = await open(page, base, '?q=' + encodeURIComponent('Lạng Sơn xyzzyqq'));
      assert.equal(r.count, 0, r.status);
    });

    test('filters narrow the results and are kept in the address', async () => {
      let r = await open(page, base, '?q=' + encodeURIComponent('lai chau'));
      assert.deepEqual(r.items.map((i) => rel(i.href)).sort(), [C2017, C2023, C2024].filter((h) => r.items.some((i) => rel(i.href) === h)).sort());
      const all = r.count;
      assert.ok(all >= 2, r.status);
      await page.selectOption('select[name=nam]', '2024');
      await page.waitForFunction(() => /nam=2024/.test(location.search));
      r = await results(page);
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C2024], r.status);
      assert.match(page.url(), /[?&]q=lai(\+|%20)chau/);
      // The address restores the filter.
      await page.reload({ waitUntil: 'load' });
      r = await results(page);
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C2024], r.status);
      assert.equal(await page.inputValue('select[name=nam]'), '2024');
      await page.selectOption('select[name=nam]', '');
      await page.selectOption('select[name=loai]', 'pledge');
      await page.waitForFunction(() => /loai=pledge/.test(location.search));
      r = await results(page);
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C2024], r.status);
    });

    test('typing puts the query in the address; Back from a result shows the results again', async () => {
      await page.goto(new URL('tim-kiem/index.html', base).href, { waitUntil: 'load' });
      const input = page.locator('#q');
      await input.pressSequentially('lạng sơn', { delay: 20 });
      await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'lạng sơn');
      let r = await results(page);
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C2023, C2017], r.status);
      await Promise.all([page.waitForURL(/2023-tong-ket/), page.click('#search-results li:first-child h2 a')]);
      await page.goBack({ waitUntil: 'load' });
      assert.equal(await page.inputValue('#q'), 'lạng sơn');
      r = await results(page);
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C2023, C2017], r.status);
    });

    test('more results than a page: the true count, and "xem thêm" reaches every one', async () => {
      let r = await open(page, bigBase, '?q=' + encodeURIComponent('thuyền'));
      assert.equal(r.count, BOATS, r.status);
      assert.equal(r.items.length, 10);
      assert.ok(r.more, 'a "xem thêm" button');
      // Body-only hits of equal weight: newest first (the dates rise with i).
      assert.deepEqual(
        r.items.map((i) => i.title),
        Array.from({ length: 10 }, (_, k) => `Hội nghị thử số ${BOATS - k}`),
      );
      assert.ok(r.items.every((i) => i.snippetMarks.includes('thuyền')));
      await page.click('#search-more');
      await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 20);
      await page.click('#search-more');
      await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, BOATS);
      r = await results(page);
      assert.equal(new Set(r.items.map((i) => i.href)).size, BOATS);
      assert.equal(r.more, false);
      assert.equal(r.count, BOATS);
    });

    test('ranking: exact diacritics first, then title over body, then newest', async () => {
      let r = await open(page, bigBase, '?q=' + encodeURIComponent('lạng zqxdau'));
      assert.deepEqual(r.items.map((i) => i.title), ['Bài xếp hạng hai', 'Bài xếp hạng một'], r.status);
      r = await open(page, bigBase, '?q=' + encodeURIComponent('lang zqxdau'));
      assert.deepEqual(r.items.map((i) => i.title), ['Bài xếp hạng một', 'Bài xếp hạng hai'], r.status);
      r = await open(page, bigBase, '?q=zqxrank');
      assert.deepEqual(r.items.map((i) => i.title), ['Bài zqxrank ở tiêu đề', 'Bài xếp hạng bốn'], r.status);
      assert.deepEqual(r.items[0].marks, ['zqxrank']);
    });

    test('a write-up with <script> and "onerror= in its title and body is found, shown as text, and runs nothing', async () => {
      await page.goto(new URL('tim-kiem/index.html', bigBase).href, { waitUntil: 'load' });
      for (const q of ['zqxhostile', 'script', 'onerror', 'pwned']) {
        await page.fill('#q', q);
        await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, q);
        const r = await results(page);
        assert.ok(r.count >= 1, `${q}: ${r.status}`);
        const hit = r.items.find((i) => i.title === HOSTILE_TITLE);
        assert.ok(hit, `${q}: ${JSON.stringify(r.items.map((i) => i.title))}`);
        assert.match(hit.snippet, /onerror=window.__pwned=3/);
      }
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator('#search-results script, #search-results img[onerror], #search-results [onerror]').count(), 0);
    });

    test('the box on every page leads to the results', async () => {
      await page.goto(new URL('cum/cum-2/index.html', base).href, { waitUntil: 'load' });
      await page.fill('header form[role=search] input[name=q]', 'băng nhóm');
      await Promise.all([page.waitForURL(/tim-kiem\/index\.html\?q=/), page.press('header form[role=search] input[name=q]', 'Enter')]);
      const r = await results(page);
      assert.deepEqual(r.items.map((i) => rel(i.href)), [C5], r.status);
    });

    test('nothing failed and nothing was asked of another place', () => {
      assertClean(assert, watcher, `searching (${way.name})`);
    });
  });
}

test('without JavaScript the search page says so, and the rest of the site works', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const base = pathToFileURL(siteDir() + '/').href;
    await page.goto(new URL('tim-kiem/index.html?q=lai+chau', base).href, { waitUntil: 'load' });
    const text = await page.locator('main').textContent();
    assert.match(text, /cần bật JavaScript/);
    assert.equal(await page.locator('#search-filters').isVisible(), false);
    await page.goto(new URL('index.html', base).href, { waitUntil: 'load' });
    await Promise.all([page.waitForURL(/cum\/index\.html/), page.click('nav a[href$="cum/index.html"]')]);
    assert.ok((await page.locator('main a[href*="cum-2"]').count()) > 0);
  } finally {
    await context.close();
  }
});
