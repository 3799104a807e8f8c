// Starting the system Chromium and watching what a page does.

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Headless Chromium from the system, with a fresh temporary profile, nothing
 * phoning home. On a busy machine Chromium now and then dies while starting
 * (SIGSEGV before it opens a page): that start is tried again, up to three
 * times, and the last failure is thrown.
 */
export async function launch() {
  let failure;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
    } catch (e) {
      failure = e;
      console.error(`Chromium did not start (attempt ${attempt} of 3): ${String(e.message).split('\n')[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw failure;
}

/**
 * Records every request, failed request, HTTP error status, console error and
 * uncaught exception of a browser context.
 *
 * allowed(url) says whether a request URL is acceptable (e.g. file:// only).
 * Requests that are not allowed are recorded, then aborted before they leave
 * the machine. problems() returns one line per thing that went wrong, so a
 * test can fail with all of them at once.
 */
export async function watch(context, allowed, describeAllowed) {
  const seen = { requests: [], outside: [], failed: [], httpErrors: [], consoleErrors: [], pageErrors: [] };
  const hook = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        const where = loc && loc.url ? ` (${loc.url}:${loc.lineNumber + 1})` : '';
        seen.consoleErrors.push(`console error on ${page.url()}: ${msg.text()}${where}`);
      }
    });
    page.on('pageerror', (err) => {
      seen.pageErrors.push(`uncaught exception on ${page.url()}: ${err.message}`);
    });
  };
  context.pages().forEach(hook);
  context.on('page', hook);
  context.on('request', (req) => {
    const url = req.url();
    seen.requests.push(url);
    if (!allowed(url)) seen.outside.push(`request outside ${describeAllowed}: ${req.method()} ${url}`);
  });
  context.on('requestfailed', (req) => {
    const f = req.failure();
    // A load cut short because the test moved on to the next page (the page
    // icon, a lazy photo thumbnail) is not a missing file; a missing file
    // fails otherwise (ERR_FILE_NOT_FOUND, or an HTTP error), and
    // photos.test.mjs checks that every image of its pages loads.
    if (f && f.errorText === 'net::ERR_ABORTED' && ['other', 'image'].includes(req.resourceType())) return;
    seen.failed.push(`request failed: ${req.url()} (${f ? f.errorText : 'unknown error'})`);
  });
  context.on('response', (res) => {
    if (res.status() >= 400) seen.httpErrors.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await context.route((url) => !allowed(url.href), (route) => route.abort('blockedbyclient'));
  return {
    seen,
    problems() {
      return [...seen.outside, ...seen.failed, ...seen.httpErrors, ...seen.consoleErrors, ...seen.pageErrors];
    },
  };
}

/** Fails with every problem the watcher saw, one per line. */
export function assertClean(assert, watcher, what) {
  const problems = watcher.problems();
  if (problems.length) {
    assert.fail(`${what}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
}

/** The trimmed text of the page's only <h1>; fails if there is not exactly one. */
export async function h1(page, assert) {
  const heads = await page.locator('h1').allInnerTexts();
  assert.equal(heads.length, 1, `${page.url()} should have exactly one <h1>, has ${heads.length}: ${JSON.stringify(heads)}`);
  return heads[0].replace(/\s+/g, ' ').trim();
}
