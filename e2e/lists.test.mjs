// 6. Long lists from file://: the tables of conferences, years, tags and
// honours sort by any column and filter by typing (static/lists.js); a
// cluster's timeline filters; the jump-to-year bar leads to its year. With
// scripts off, every list is whole, in its order, with no control that would
// not work. At 390 px no table cell wraps one word per line.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean, launch, watch } from './lib/browser.mjs';
import { fileUrl, fold } from './lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const onlyFiles = (url) => url.startsWith('file://') || url.startsWith('data:');

/** The dates (datetime) of the visible rows of the unit page's list of all its conferences. */
const visibleDates = (page) =>
  page.$$eval('section[aria-labelledby="all-h"] table tbody tr:not(.group)', (rows) =>
    rows.filter((r) => !r.hidden && r.offsetParent !== null).map((r) => r.querySelector('time').getAttribute('datetime')),
  );

test('file://: a unit\'s conferences sort by date and by number, and filter by typing', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const watcher = await watch(context, onlyFiles, 'file://');
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(fileUrl('don-vi/lai-chau/index.html'), { waitUntil: 'load' });
    const section = page.locator('section[aria-labelledby="all-h"]');
    const all = await visibleDates(page);
    assert.ok(all.length >= 3, `Lai Châu has at least 3 conferences, saw ${all.length}`);
    assert.deepEqual(all, [...all].sort(), 'in date order at first');
    // The year groups are headed while the list is in its order.
    assert.ok(await section.locator('tr.group').first().isVisible());

    const date = section.getByRole('button', { name: 'Ngày' });
    await date.click();
    assert.equal(await section.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await visibleDates(page), [...all].sort());
    await date.click();
    assert.equal(await section.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await visibleDates(page), [...all].sort().reverse());
    // Sorted some other way, the year headings step aside.
    assert.equal(await section.locator('tr.group:visible').count(), 0);

    // By a number column: the known counts descending, the unknown ("—") last.
    await section.getByRole('button', { name: 'Lượt tập thể' }).click();
    await section.getByRole('button', { name: 'Lượt tập thể' }).click();
    const counts = await section.locator('tbody tr:not(.group) td:nth-child(5)').allInnerTexts();
    const known = counts.filter((c) => c.trim() !== '—').map((c) => Number(c.replace(/\D/g, '')));
    assert.ok(known.length >= 1, `some counts are known: ${counts}`);
    assert.deepEqual(known, [...known].sort((a, b) => b - a), `descending: ${counts}`);
    assert.deepEqual(counts.slice(known.length).map((c) => c.trim()), counts.slice(known.length).map(() => '—'), `unknown last: ${counts}`);

    // Typing filters, ignoring case and diacritics, and says how many are left.
    const box = section.getByRole('searchbox', { name: 'Lọc danh sách' });
    await box.fill('KY KET');
    const left = await visibleDates(page);
    assert.ok(left.length >= 1 && left.length < all.length, `ký kết: ${left.length} of ${all.length}`);
    for (const text of await section.locator('tbody tr:not(.group):visible').allInnerTexts()) {
      assert.ok(fold(text).includes('ky ket'), `a shown row matches: ${text}`);
    }
    assert.equal((await section.getByRole('status').innerText()).trim(), `${left.length}/${all.length} dòng`);
    await box.fill('khong co hoi nghi nao nhu the');
    assert.equal((await visibleDates(page)).length, 0);
    await box.fill('');
    assert.equal((await visibleDates(page)).length, all.length);
    assertClean(assert, watcher, 'sorting and filtering from file://');
  } finally {
    await context.close();
  }
});

test('file://: the years, tags and honours tables sort; the cluster timeline filters; the jump bar jumps', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const watcher = await watch(context, onlyFiles, 'file://');
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    await page.goto(fileUrl('nam/index.html'), { waitUntil: 'load' });
    const years = () => page.locator('table.sortable tbody th[scope="row"]').allInnerTexts();
    const before = await years();
    await page.getByRole('button', { name: 'Năm' }).click();
    await page.getByRole('button', { name: 'Năm' }).click();
    assert.deepEqual(await years(), [...before].sort().reverse());

    await page.goto(fileUrl('chu-de/index.html'), { waitUntil: 'load' });
    assert.ok(await page.getByRole('button', { name: 'Chủ đề' }).isVisible());
    await page.getByRole('searchbox', { name: 'Lọc danh sách' }).fill('tay bac');
    assert.deepEqual(await page.locator('table.sortable tbody tr:visible th').allInnerTexts(), ['Tây Bắc']);

    await page.goto(fileUrl('danh-hieu/index.html'), { waitUntil: 'load' });
    assert.ok((await page.locator('th button.sort').count()) >= 4, 'the honours tables have sort buttons');

    await page.goto(fileUrl('cum/cum-2/index.html'), { waitUntil: 'load' });
    const timeline = page.locator('ol.timeline');
    const items = await timeline.locator('ul > li').count();
    await page.getByRole('searchbox', { name: 'Lọc danh sách' }).fill('giao uoc');
    const shown = await timeline.locator('ul > li:visible').count();
    assert.ok(shown >= 1 && shown < items, `giao ước: ${shown} of ${items}`);
    // A year with nothing left is hidden as a whole.
    assert.ok((await timeline.locator(':scope > li:visible').count()) < (await timeline.locator(':scope > li').count()));

    await page.getByRole('searchbox', { name: 'Lọc danh sách' }).fill('');
    assert.equal(await timeline.locator('ul > li:visible').count(), items);
    const jump = page.getByRole('navigation', { name: 'Đến năm' });
    await jump.getByRole('link', { name: '2023' }).click();
    assert.ok(page.url().endsWith('#nam-2023'), page.url());
    assert.ok(await page.locator('#nam-2023').isVisible());
    assertClean(assert, watcher, 'lists from file://');
  } finally {
    await context.close();
  }
});

test('without JavaScript the lists are whole, in order, grouped, with no dead control', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    for (const rel of ['don-vi/lai-chau/index.html', 'chu-de/tay-bac/index.html', 'nam/2023/index.html', 'cum/cum-2/index.html', 'nam/index.html']) {
      await page.goto(fileUrl(rel), { waitUntil: 'load' });
      assert.equal(await page.locator('.list-filter, button.sort').count(), 0, `${rel}: no control without its script`);
      const rows = page.locator('table.sortable tbody tr:not(.group), ol.timeline ul > li');
      const n = await rows.count();
      assert.ok(n >= 1, `${rel} lists something`);
      assert.equal(await page.locator('table.sortable tbody tr:not(.group):visible, ol.timeline ul > li:visible').count(), n, `${rel}: every row shows`);
    }
    // The unit page: every conference naming the unit, year groups headed, in date order.
    await page.goto(fileUrl('don-vi/lai-chau/index.html'), { waitUntil: 'load' });
    const section = page.locator('section[aria-labelledby="all-h"]');
    const dates = await section.locator('tbody tr:not(.group) time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.deepEqual(dates, [...dates].sort());
    const groups = await section.locator('tr.group th').allInnerTexts();
    assert.deepEqual(groups.map((g) => g.slice(0, 4)), [...new Set(dates.map((d) => d.slice(0, 4)))]);
    await page.getByRole('navigation', { name: 'Đến năm' }).getByRole('link', { name: '2024' }).click();
    assert.ok(page.url().endsWith('#nam-2024'), page.url());
  } finally {
    await context.close();
  }
});

/** Cells of the page's tables whose words each stand on a line of their own. */
const wordPerLine = (page) =>
  page.$$eval('main table td, main table th, main table caption', (cells) => {
    const bad = [];
    for (const cell of cells) {
      if (cell.offsetParent === null) continue;
      // A header kept for screen readers only (stacked rows without the script).
      const head = cell.closest('thead');
      if (head && head.getBoundingClientRect().width <= 1) continue;
      const words = cell.innerText.trim().split(/\s+/).filter(Boolean);
      if (words.length < 3) continue;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size >= words.length) bad.push(`${cell.innerText.trim().slice(0, 60)} (${words.length} words, ${tops.size} lines)`);
    }
    return bad;
  });

test('at 390 px no table cell wraps one word per line, and facts numbers stand by their labels', { timeout: 90_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = [];
    for (const rel of [
      'index.html',
      'hoi-nghi/cum-2/2023-tong-ket/index.html',
      'don-vi/lai-chau/index.html',
      'nam/2023/index.html',
      'nam/index.html',
      'chu-de/index.html',
      'chu-de/tay-bac/index.html',
      'danh-hieu/index.html',
      'danh-hieu/co-thi-dua-cua-chinh-phu/index.html',
      'cum/cum-2/index.html',
    ]) {
      await page.goto(fileUrl(rel), { waitUntil: 'load' });
      for (const b of await wordPerLine(page)) problems.push(`${rel}: ${b}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 390) problems.push(`${rel}: the page is ${wide} px wide`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await desk.newPage();
    await page.goto(fileUrl('nam/2023/index.html'), { waitUntil: 'load' });
    const gaps = await page.$$eval('dl.facts dd.num', (dds) =>
      dds.map((dd) => {
        const range = document.createRange();
        range.selectNodeContents(dd);
        return range.getBoundingClientRect().left - dd.previousElementSibling.getBoundingClientRect().right;
      }),
    );
    assert.ok(gaps.length >= 2);
    for (const gap of gaps) assert.ok(gap < 40, `a number stands ${gap} px from its label`);
  } finally {
    await desk.close();
  }
});
