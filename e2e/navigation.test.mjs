// 1. The site opened from disk (file://): a reader clicks from the home page
// to a cluster, a conference, a unit and a year; nothing is fetched from
// anywhere but the disk, and the browser logs no error. Then every page of the
// build is opened once the same way.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { assertClean, launch, watch } from './lib/browser.mjs';
import { walk } from './lib/journey.mjs';
import { htmlPages, fileUrl, siteDir } from './lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// data: URLs are part of the page itself and never leave the machine.
const onlyFiles = (url) => url.startsWith('file://') || url.startsWith('data:');

test('file://: home → cluster → conference → unit → year by clicking links', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const watcher = await watch(context, onlyFiles, 'file://');
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const base = pathToFileURL(siteDir() + '/').href;
    const visited = await walk(page, base, assert);
    assert.equal(visited.length, 5);
    assert.ok(watcher.seen.requests.length >= 5, 'the pages themselves should have been requested');
    assertClean(assert, watcher, 'walking the site from file://');
  } finally {
    await context.close();
  }
});

test('file://: every page of the build loads with no error and no request off the disk', { timeout: 90_000 }, async () => {
  const context = await browser.newContext();
  const watcher = await watch(context, onlyFiles, 'file://');
  const noH1 = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const pages = htmlPages();
    assert.ok(pages.length > 20, `expected the sample site to have more than 20 pages, found ${pages.length}`);
    for (const rel of pages) {
      await page.goto(fileUrl(rel), { waitUntil: 'load' });
      const n = await page.locator('h1').count();
      if (n !== 1) noH1.push(`${rel}: ${n} <h1> elements`);
    }
    const problems = [...watcher.problems(), ...noH1];
    if (problems.length) assert.fail(`opening every page from file://: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  } finally {
    await context.close();
  }
});
