// Every link and every resource of every page of the build, read from the
// DOM Chromium builds: a link inside the site names a file that exists (a
// folder does not open from disk), its #fragment names an element of the
// target page, and nothing the page loads (style sheet, script, image, icon,
// frame) comes from outside the build.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

import { launch } from './lib/browser.mjs';
import { fileUrl, htmlPages, isDir, isFile, siteDir } from './lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('links: every link and resource of every page resolves inside the build', { timeout: 90_000 }, async () => {
  const dir = siteDir();
  const rootUrl = pathToFileURL(dir + '/').href;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const ids = new Map(); // page path -> Set of ids
  const refs = []; // { from, tag, attr, url, html, navigation }
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().isNavigationRequest() ? route.continue() : route.abort()));
    for (const rel of htmlPages()) {
      await page.goto(fileUrl(rel), { waitUntil: 'domcontentloaded' });
      const found = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll('[href], [src], [srcset], [action], [poster], [data]')) {
          const tag = el.tagName.toLowerCase();
          const html = el.outerHTML.replace(/\s+/g, ' ');
          const add = (attr, raw) => {
            if (raw == null || raw === '') return;
            let url;
            try {
              url = new URL(raw, document.baseURI).href;
            } catch {
              url = null;
            }
            out.push({ tag, attr, raw, url, rel: (el.getAttribute('rel') || '').toLowerCase(), html: html.length > 160 ? html.slice(0, 160) + '…' : html });
          };
          for (const attr of ['href', 'src', 'action', 'poster', 'data']) {
            if (el.hasAttribute(attr)) add(attr, el.getAttribute(attr));
          }
          if (el.hasAttribute('srcset')) {
            for (const part of el.getAttribute('srcset').split(',')) add('srcset', part.trim().split(/\s+/)[0]);
          }
        }
        return { refs: out, ids: [...document.querySelectorAll('[id]')].map((e) => e.id), names: [...document.querySelectorAll('a[name]')].map((e) => e.name) };
      });
      ids.set(rel, new Set([...found.ids, ...found.names]));
      for (const r of found.refs) refs.push({ from: rel, ...r });
    }
  } finally {
    await context.close();
  }

  const problems = [];
  for (const r of refs) {
    const at = `${r.from}: <${r.tag} ${r.attr}="${r.raw}">`;
    if (!r.url) {
      problems.push(`${at}: not a valid URL  ${r.html}`);
      continue;
    }
    const u = new URL(r.url);
    const isLink = (r.tag === 'a' || r.tag === 'area') && r.attr === 'href';
    const isMeta = r.tag === 'link' && r.attr === 'href' && /\b(canonical|alternate)\b/.test(r.rel);
    if (u.protocol !== 'file:') {
      if (isLink && ['http:', 'https:', 'mailto:', 'tel:'].includes(u.protocol)) continue; // a link out is fine
      if (isMeta && ['http:', 'https:'].includes(u.protocol)) continue;
      problems.push(`${at}: ${r.tag === 'a' ? 'link' : 'resource'} outside the build (${u.protocol})  ${r.html}`);
      continue;
    }
    if (!u.href.startsWith(rootUrl)) {
      problems.push(`${at}: points outside the build folder  ${r.html}`);
      continue;
    }
    const target = fileURLToPath(new URL(u.pathname, u));
    const targetRel = path.relative(dir, target).split(path.sep).join('/');
    if (isDir(target)) {
      problems.push(`${at}: names a folder, not a file (does not open from disk)  ${r.html}`);
      continue;
    }
    if (!isFile(target)) {
      problems.push(`${at}: ${targetRel} does not exist  ${r.html}`);
      continue;
    }
    if (u.hash && u.hash !== '#' && targetRel.endsWith('.html')) {
      const frag = decodeURIComponent(u.hash.slice(1));
      const known = ids.get(targetRel);
      if (known && !known.has(frag)) problems.push(`${at}: ${targetRel} has no element with id "${frag}"  ${r.html}`);
    }
  }
  assert.ok(refs.length > 100, `expected many links in the build, found ${refs.length}`);
  if (problems.length) assert.fail(`${problems.length} broken link(s) or outside resource(s):\n  ${problems.join('\n  ')}`);
});
