// 3. The same build published by a web server under a sub-path (/bao-cao/),
// as on an intranet: the same clicks work, and the browser asks nothing of
// any other host (nor of the server outside /bao-cao/).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean, launch, watch } from './lib/browser.mjs';
import { STEPS, walk } from './lib/journey.mjs';
import { serve } from './lib/server.mjs';
import { siteDir } from './lib/site.mjs';

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

// The browser's own request for /favicon.ico is judged by the second test.
const isFavicon = (line) => /\/favicon\.ico\b/.test(line);
const inSite = (url) => url.startsWith(server.origin + '/') || url.startsWith('data:');

test('http://127.0.0.1:PORT/bao-cao/: home → cluster → conference → unit → year by clicking links', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const watcher = await watch(context, inSite, server.origin);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const visited = await walk(page, server.base, assert);
    assert.equal(visited.length, 5);
    for (const u of visited) assert.ok(u.startsWith(server.base), `${u} should be under ${server.base}`);
    const problems = watcher.problems().filter((p) => !isFavicon(p));
    if (problems.length) {
      assert.fail(`walking the site served at ${server.base}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    }
  } finally {
    await context.close();
  }
});

test('http://127.0.0.1:PORT/bao-cao/: the browser asks nothing outside /bao-cao/, not even for the page icon', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const watcher = await watch(context, inSite, server.origin);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    server.log.length = 0;
    const problems = [];
    for (const rel of ['index.html', ...STEPS.map((s) => s.href)]) {
      await page.goto(new URL(rel, server.base).href, { waitUntil: 'load' });
      // Without a declared icon, browsers ask the server root for /favicon.ico.
      const icons = await page.evaluate(() => [...document.querySelectorAll('link[rel~="icon" i]')].map((l) => l.href));
      if (!icons.length) {
        problems.push(
          `${rel}: declares no <link rel="icon">, so the browser asks for ${server.origin}/favicon.ico, ` +
            'at the root of the server, outside the sub-path the site is published under',
        );
      }
      for (const icon of icons) {
        if (!icon.startsWith(server.base) && !icon.startsWith('data:')) problems.push(`${rel}: its icon ${icon} is outside ${server.base}`);
      }
    }
    await page.waitForTimeout(1_000); // let the browser's own icon requests arrive
    for (const line of server.log) if (!line.startsWith('200')) problems.push(`the server answered ${line}`);
    problems.push(...watcher.problems());
    if (problems.length) assert.fail(`${problems.length} request(s) or declaration(s) outside ${server.base}:\n  ${problems.join('\n  ')}`);
  } finally {
    await context.close();
  }
});

test('the test server serves only under /bao-cao/', { timeout: 10_000 }, async () => {
  const inside = await fetch(new URL('index.html', server.base));
  assert.equal(inside.status, 200);
  await inside.arrayBuffer();
  const outside = await fetch(new URL('/index.html', server.origin));
  assert.equal(outside.status, 404);
  await outside.arrayBuffer();
  const escape = await fetch(`${server.base}..%2f..%2fetc%2fpasswd`);
  assert.equal(escape.status, 404);
  await escape.arrayBuffer();
  server.log.length = 0;
});
