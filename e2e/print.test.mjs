// 7. Print, as Chromium makes A4 PDFs: the sample cluster 2 dossier fits in
// at most 6 pages, the year's in at most 4; no page of any kind prints the
// navigation, the search box or a screen-only control; dossier entries are
// numbered like their contents.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch } from './lib/browser.mjs';
import { fileUrl } from './lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The number of pages of a PDF: its page objects. */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

const printA4 = async (rel) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(fileUrl(rel), { waitUntil: 'load' });
    // Lazy photos load before printing, as they do when a reader prints.
    await page.evaluate(() => Promise.all([...document.images].map((img) => {
      img.loading = 'eager';
      return img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; });
    })));
    return await page.pdf({ format: 'A4', preferCSSPageSize: true });
  } finally {
    await context.close();
  }
};

test('the sample dossiers print on few A4 pages', { timeout: 60_000 }, async () => {
  const cluster = pdfPages(await printA4('cum/cum-2/ho-so.html'));
  assert.ok(cluster >= 2 && cluster <= 6, `the cluster 2 dossier prints on ${cluster} A4 pages (at most 6)`);
  const year = pdfPages(await printA4('nam/2023/ho-so.html'));
  assert.ok(year >= 1 && year <= 4, `the 2023 dossier prints on ${year} A4 pages (at most 4)`);
});

test('dossier entries are numbered like their contents lines', { timeout: 30_000 }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(fileUrl('cum/cum-2/ho-so.html'), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const toc = await page.locator('.toc li a').evaluateAll((as) => as.map((a) => a.getAttribute('href').slice(1)));
    const numbered = await page.locator('article.dossier-entry').evaluateAll((arts) =>
      arts.map((a) => [a.id, getComputedStyle(a.querySelector('h2'), '::before').content]),
    );
    assert.deepEqual(numbered.map(([id]) => id), toc);
    // The counter's value is not in the computed style; its use is.
    for (const [, content] of numbered) assert.match(content, /counter\(entry\)/);
    // Each chart stays under its title.
    const charts = await page.locator('.dossier-chart').evaluateAll((cs) =>
      cs.map((c) => [c.firstElementChild.tagName, getComputedStyle(c).breakInside]),
    );
    assert.ok(charts.length >= 1);
    for (const [tag, brk] of charts) {
      assert.equal(tag, 'H3');
      assert.equal(brk, 'avoid');
    }
  } finally {
    await context.close();
  }
});

test('no page prints the navigation, the search box or a screen-only control', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const shown = [];
  try {
    const page = await context.newPage();
    for (const rel of [
      'index.html',
      'cum/index.html',
      'cum/cum-2/index.html',
      'hoi-nghi/cum-2/2023-tong-ket/index.html',
      'don-vi/index.html',
      'don-vi/lai-chau/index.html',
      'nam/index.html',
      'nam/2023/index.html',
      'danh-hieu/index.html',
      'danh-hieu/co-thi-dua-cua-chinh-phu/index.html',
      'chu-de/index.html',
      'chu-de/tay-bac/index.html',
      'cum/cum-2/ho-so.html',
      'nam/2023/ho-so.html',
      '404.html',
    ]) {
      await page.goto(fileUrl(rel), { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      for (const sel of ['.site-header nav', 'form[role="search"]', '.skip', '.jump', '.list-filter', '.breadcrumb', '.prev-next']) {
        const visible = await page.locator(sel).evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length);
        if (visible) shown.push(`${rel}: ${sel} prints`);
      }
      await page.emulateMedia({ media: 'screen' });
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(shown, []);
});
