// 4. Photos and attachments of the sample write-ups, opened as a reader does:
// from disk (file://) and from a web server under a sub-path. Every photo of
// a conference page and of a dossier loads (the lazy ones once scrolled to),
// at the size its width/height promise; clicking a photo opens the large
// version; the attachment opens; no request leaves the site.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertClean, launch, watch } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';
import { fileUrl, siteDir } from './lib/site.mjs';

const CONFERENCE = 'hoi-nghi/cum-2/2023-tong-ket/index.html';
const DOSSIER = 'cum/cum-2/ho-so.html';

let browser;
let server;
before(async () => {
  server = await serve(siteDir(), '/bao-cao/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Scrolls every image into view, waits for each, and returns what failed. */
async function imagesLoaded(page) {
  const count = await page.locator('img').count();
  for (let i = 0; i < count; i++) await page.locator('img').nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), null, { timeout: 10_000 });
  return page.evaluate(() =>
    [...document.images]
      .filter((img) => !(img.naturalWidth > 0))
      .map((img) => img.currentSrc || img.src),
  );
}

async function checkPhotos(base, inSite, origin, what) {
  const context = await browser.newContext();
  const watcher = await watch(context, inSite, origin);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(new URL(CONFERENCE, base).href, { waitUntil: 'load' });
    const photos = page.locator('figure.photo img');
    assert.ok((await photos.count()) >= 2, `${what}: the conference page shows its photos as figures`);
    for (let i = 0; i < (await photos.count()); i++) {
      const img = photos.nth(i);
      assert.ok((await img.getAttribute('alt'))?.trim(), `${what}: photo ${i} has alt text`);
      assert.ok(await img.getAttribute('srcset'), `${what}: photo ${i} has a srcset`);
      assert.equal(await img.getAttribute('loading'), 'lazy');
    }
    assert.deepEqual(await imagesLoaded(page), [], `${what}: every image of the conference page loads`);
    assert.ok((await page.locator('figcaption').count()) >= 2, `${what}: photos are captioned`);
    // The attachment is listed with its type and size, and opens.
    const doc = page.locator('.attachments a').first();
    const meta = await page.locator('.attachments .file-meta').first().innerText();
    assert.match(meta, /^\(PDF, \d+ B\)$/, `${what}: type and size beside the attachment`);
    const root = base.replace(/index\.html$/, '');
    const docHref = await doc.evaluate((a) => a.href);
    assert.ok(docHref.startsWith(root), `${what}: the attachment ${docHref} is inside the site`);
    const rel = decodeURIComponent(docHref.slice(root.length));
    assert.ok(existsSync(path.join(siteDir(), rel)), `${what}: the attachment ${rel} is in the build`);
    // Clicking a photo opens its large version.
    const link = page.locator('figure.photo a.photo-link').first();
    const href = await link.evaluate((a) => a.href);
    await link.click();
    await page.waitForURL(href);
    const size = await page.evaluate(() => {
      const img = document.images[0];
      return img ? img.naturalWidth : 0;
    });
    assert.ok(size >= 960, `${what}: the large version is at least 960 px wide (${size})`);
    // The dossier shows the same photos from two folders deep.
    await page.goto(new URL(DOSSIER, base).href, { waitUntil: 'load' });
    assert.ok((await page.locator('figure.photo img').count()) >= 2, `${what}: the dossier shows the photos`);
    assert.deepEqual(await imagesLoaded(page), [], `${what}: every image of the dossier loads`);
    assertClean(assert, watcher, what);
  } finally {
    await context.close();
  }
}

test('file://: the photos of a conference page and a dossier load, captioned and linked', { timeout: 60_000 }, async () => {
  const base = fileUrl('index.html');
  await checkPhotos(base, (u) => u.startsWith('file://') || u.startsWith('data:'), 'file://', 'file://');
});

test('http://127.0.0.1:PORT/bao-cao/: the photos load and no request leaves the sub-path', { timeout: 60_000 }, async () => {
  const inSite = (url) => url.startsWith(server.base) || url.startsWith('data:');
  await checkPhotos(server.base, inSite, server.base, 'http');
  for (const line of server.log) {
    if (!line.startsWith('200') && !/favicon\.ico/.test(line)) assert.fail(`the server answered ${line}`);
  }
});
