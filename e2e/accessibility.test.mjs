// 5. axe-core finds no WCAG 2.1 level A or AA violation on the home page, a
// cluster page, a conference page, the search page (with results shown), a
// unit page, a year page, the honours pages, the units, years and tags
// indexes, a tag page and both dossiers, each opened from disk in headless
// Chromium (with the list script's controls in place), and a unit page at
// phone width.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launch } from './lib/browser.mjs';
import { fileUrl, isFile, siteDir } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const PAGES = [
  { name: 'home', rel: 'index.html' },
  { name: 'cluster', rel: 'cum/cum-2/index.html' },
  { name: 'conference', rel: 'hoi-nghi/cum-2/2023-tong-ket/index.html' },
  { name: 'search', rel: 'tim-kiem/index.html', query: '?q=lai%20chau', optional: true },
  { name: 'unit', rel: 'don-vi/lai-chau/index.html' },
  { name: 'year', rel: 'nam/2023/index.html' },
  { name: 'honours index', rel: 'danh-hieu/index.html' },
  { name: 'honour', rel: 'danh-hieu/co-thi-dua-cua-chinh-phu/index.html' },
  { name: 'units index', rel: 'don-vi/index.html' },
  { name: 'years index', rel: 'nam/index.html' },
  { name: 'tags index', rel: 'chu-de/index.html' },
  { name: 'tag', rel: 'chu-de/tay-bac/index.html' },
  { name: 'cluster dossier', rel: 'cum/cum-2/ho-so.html' },
  { name: 'year dossier', rel: 'nam/2023/ho-so.html' },
  { name: 'unit at 390 px, lists set up', rel: 'don-vi/lai-chau/index.html', width: 390 },
  { name: 'search for an honour', rel: 'tim-kiem/index.html', query: '?q=c%E1%BB%9D%20thi%20%C4%91ua%20ch%C3%ADnh%20ph%E1%BB%A7', optional: true },
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const p of PAGES) {
  test(`axe-core WCAG 2.1 A/AA: ${p.name} page (${p.rel})`, { timeout: 60_000 }, async (t) => {
    if (p.optional && !isFile(path.join(siteDir(), p.rel))) {
      t.skip(`${p.rel} is not in the build (the search tests report it)`);
      return;
    }
    const context = await browser.newContext(p.width ? { viewport: { width: p.width, height: 844 } } : {});
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(fileUrl(p.rel) + (p.query || ''), { waitUntil: 'load' });
      if (p.query) {
        // Let the page render its results first, so they are checked too.
        await page.waitForSelector('#search-results li', { timeout: 5_000 }).catch(() => {});
      }
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(
        (values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }),
        TAGS,
      );
      const violations = result.violations;
      if (violations.length) {
        const lines = violations.map((v) => {
          const nodes = v.nodes
            .map((n) => `      ${n.target.join(' ')}  ${n.html.length > 200 ? n.html.slice(0, 200) + '…' : n.html}` +
              (n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, ' ')}` : ''))
            .join('\n');
          return `  ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${nodes}`;
        });
        assert.fail(`${violations.length} axe violation(s) on ${p.rel}:\n${lines.join('\n')}`);
      }
    } finally {
      await context.close();
    }
  });
}
