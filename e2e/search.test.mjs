// 2. Search, from disk (file://), without the network.
//
// The contract these tests hold the site to (see README.md):
// - every page has, outside <main>, a form[role=search] holding
//   input[type=search][name=q]; submitting it opens tim-kiem/index.html?q=...
// - the search page lists its results in #search-results as <li> elements,
//   each with a link <a> to the conference page, the title, the date, the
//   cluster and a snippet with <mark> around what matched;
// - typing in the search page's input updates the results without a reload;
// - matching ignores case and Vietnamese diacritics ("lai chau" finds "Lai Châu").

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean, h1, launch, watch } from './lib/browser.mjs';
import { fileUrl, fold, htmlPages } from './lib/site.mjs';

const CONTRACT = 'see the search contract in e2e/README.md';

// The sample write-ups the queries must find.
const CONF = {
  c2017: {
    href: 'hoi-nghi/cum-2/2017-tong-ket/index.html',
    title: 'Cụm thi đua số 2 tổng kết phong trào “Vì an ninh Tổ quốc” năm 2017',
    iso: '2017-12-01',
    shown: '01/12/2017',
    cluster: 'Cụm thi đua số 2',
  },
  c2023: {
    href: 'hoi-nghi/cum-2/2023-tong-ket/index.html',
    title: 'Cụm thi đua số II tổng kết phong trào “Vì an ninh Tổ quốc” năm 2023',
    iso: '2023-11-25',
    shown: '25/11/2023',
    cluster: 'Cụm thi đua số 2',
  },
  c2024: {
    href: 'hoi-nghi/cum-2/2024-ky-ket/index.html',
    title: 'Cụm thi đua số 2 ký kết giao ước thi đua năm 2024',
    iso: '2024-03-18',
    shown: '18/03/2024',
    cluster: 'Cụm thi đua số 2',
  },
};

const QUERIES = [
  { q: 'lai chau', expect: [CONF.c2023, CONF.c2024], who: 'Lai Châu' },
  { q: 'dien bien', expect: [CONF.c2017, CONF.c2023, CONF.c2024], who: 'Điện Biên' },
  { q: 'LẠNG SƠN', expect: [CONF.c2017, CONF.c2023], who: 'Lạng Sơn' },
];

const HEADER_FORM = 'form[role=search]:not(main form)';
const FORM_INPUT = 'input[type=search][name=q]';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// data: URLs are part of the page itself and never leave the machine.
const onlyFiles = (url) => url.startsWith('file://') || url.startsWith('data:');

/** What #search-results shows, one object per <li>; a result's link is its link to a conference page. */
function readResults(page) {
  return page.evaluate(() => {
    const resultLink = (li) =>
      [...li.querySelectorAll('a[href]')].find((a) => /\/hoi-nghi\//.test(a.href)) || li.querySelector('a[href]');
    const list = document.querySelector('#search-results');
    if (!list) return null;
    return [...list.querySelectorAll('li')].map((li) => {
      const a = resultLink(li);
      return {
        href: a ? a.href : null,
        title: a ? a.textContent.replace(/\s+/g, ' ').trim() : null,
        text: li.textContent.replace(/\s+/g, ' ').trim(),
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
        times: [...li.querySelectorAll('time')].map((t) => t.getAttribute('datetime')),
        html: li.outerHTML.length > 400 ? li.outerHTML.slice(0, 400) + '…' : li.outerHTML,
      };
    });
  });
}

/**
 * Waits until #search-results shows the answer to `q` (every expected
 * conference linked, and every <mark> a match of `q`, so results left over
 * from the previous query do not count), then checks each result.
 */
async function expectResults(page, { q, expect, who }) {
  const want = expect.map((c) => fileUrl(c.href));
  const settled = await page
    .waitForFunction(
      ({ hrefs, q }) => {
        const resultLink = (li) =>
          [...li.querySelectorAll('a[href]')].find((a) => /\/hoi-nghi\//.test(a.href)) || li.querySelector('a[href]');
        const fold = (s) =>
          s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
        const fq = fold(q);
        const terms = fq.split(' ');
        const lis = [...document.querySelectorAll('#search-results li')];
        const got = lis.map((li) => resultLink(li)?.href);
        if (!hrefs.every((h) => got.includes(h))) return false;
        return lis.every((li) => {
          const marks = [...li.querySelectorAll('mark')].map((m) => fold(m.textContent));
          return marks.length > 0 && marks.every((f) => f && (fq.includes(f) || terms.some((t) => f.includes(t))));
        });
      },
      { hrefs: want, q },
      { timeout: 5_000, polling: 100 },
    )
    .then(
      () => true,
      () => false,
    );
  if (!settled) {
    const got = await readResults(page);
    const missing = expect.filter((c) => !(got || []).some((r) => r.href === fileUrl(c.href)));
    if (!got || missing.length) {
      assert.fail(
        `query ${JSON.stringify(q)} should list ${who}'s write-ups ${JSON.stringify(expect.map((c) => c.title))} ` +
          `in #search-results; after 5 s it lists: ${JSON.stringify(got && got.map((r) => r.title), null, 1)}`,
      );
    }
    // Otherwise the checks below say what is wrong.
  }
  const results = await readResults(page);
  const terms = fold(q).split(' ');
  const problems = [];
  for (const [i, r] of results.entries()) {
    const issues = [];
    if (!r.href) issues.push('has no link');
    else if (!/\/hoi-nghi\/[^/]+\/[^/]+\/index\.html$/.test(r.href)) issues.push(`its link ${r.href} is not a conference page`);
    if (r.href && !r.title) issues.push('its link has no text (the title)');
    if (!r.times.some(Boolean) && !/\b\d{2}\/\d{2}\/\d{4}\b/.test(r.text)) issues.push('shows no date');
    if (!/Cụm thi đua số \S+|Không thuộc cụm/.test(r.text)) issues.push('shows no cluster');
    if (!r.marks.length) issues.push('has no <mark>');
    const stray = r.marks.filter((m) => {
      const f = fold(m);
      return !f || !(fold(q).includes(f) || terms.some((t) => f.includes(t)));
    });
    if (stray.length) issues.push(`marks what does not match the query: ${stray.map((m) => `<mark>${m}</mark>`).join(' ')}`);
    if (issues.length) problems.push(`result ${i + 1}: ${issues.join('; ')}\n      ${r.html}`);
  }
  for (const c of expect) {
    const r = results.find((x) => x.href === fileUrl(c.href));
    const at = `result for ${c.href}`;
    if (!r.title.includes(c.title)) problems.push(`${at}: title ${JSON.stringify(r.title)}, expected ${JSON.stringify(c.title)}`);
    if (!r.times.includes(c.iso) && !r.text.includes(c.shown)) problems.push(`${at}: date ${c.shown} (${c.iso}) not shown in ${JSON.stringify(r.text)}`);
    if (!r.text.includes(c.cluster)) problems.push(`${at}: cluster ${JSON.stringify(c.cluster)} not shown in ${JSON.stringify(r.text)}`);
  }
  if (problems.length) {
    const late = settled ? '' : ' (waited 5 s for them to match the query: are they still those of the previous query?)';
    assert.fail(`query ${JSON.stringify(q)}: ${problems.length} problem(s) in the search results${late}:\n  ${problems.join('\n  ')}`);
  }
  assert.ok(settled, `query ${JSON.stringify(q)}: the results did not settle within 5 s`);
  return results;
}

/** The search page's own input if <main> has one, else the header's. */
async function searchPageInput(page) {
  const inMain = page.locator(`main ${FORM_INPUT}, main input[type=search]`);
  if (await inMain.count()) return inMain.first();
  const header = page.locator(`${HEADER_FORM} ${FORM_INPUT}`);
  assert.ok(await header.count(), `${page.url()}: the search page has no search input (${CONTRACT})`);
  return header.first();
}

test('search: every page has the header search form, leading to tim-kiem/index.html', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    for (const rel of htmlPages()) {
      await page.goto(fileUrl(rel), { waitUntil: 'domcontentloaded' });
      const form = page.locator(HEADER_FORM);
      if ((await form.count()) !== 1) {
        problems.push(`${rel}: ${await form.count()} form[role=search] outside <main>, expected 1`);
        continue;
      }
      if ((await form.locator(FORM_INPUT).count()) !== 1) {
        problems.push(`${rel}: its form[role=search] has no ${FORM_INPUT}`);
        continue;
      }
      const { action, method } = await form.evaluate((f) => ({ action: f.action, method: f.method }));
      const want = fileUrl('tim-kiem/index.html');
      if (action !== want) problems.push(`${rel}: the search form's action is ${action}, expected ${want}`);
      if (method !== 'get') problems.push(`${rel}: the search form's method is ${method}, expected get`);
    }
    const pages = htmlPages().length;
    if (problems.length === pages && problems.every((p) => p.includes(': 0 form[role=search]'))) {
      assert.fail(`none of the ${pages} pages has a form[role=search] outside <main>: the search feature is missing (${CONTRACT})`);
    }
    if (problems.length) assert.fail(`search form missing or wrong (${CONTRACT}):\n  ${problems.join('\n  ')}`);
  } finally {
    await context.close();
  }
});

test('search from file://: submit from the header, live results, diacritics and case ignored, keyboard reachable', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const watcher = await watch(context, onlyFiles, 'file://');
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(fileUrl('index.html'), { waitUntil: 'load' });

    // Submit from the home page's header form.
    const headerInput = page.locator(`${HEADER_FORM} ${FORM_INPUT}`);
    assert.equal(
      await headerInput.count(),
      1,
      `index.html: no form[role=search] with ${FORM_INPUT} in the header: the search feature is missing (${CONTRACT})`,
    );
    await headerInput.click();
    await headerInput.pressSequentially(QUERIES[0].q, { delay: 10 });
    await Promise.all([
      page.waitForURL(/\/tim-kiem\/index\.html\?/, { waitUntil: 'load' }).catch(() => {
        assert.fail(`pressing Enter in the header search box should open tim-kiem/index.html?q=...; the browser is at ${page.url()} (${CONTRACT})`);
      }),
      headerInput.press('Enter'),
    ]);
    const url = new URL(page.url());
    assert.equal(url.href.split('?')[0], fileUrl('tim-kiem/index.html'), 'submitting the header form opens tim-kiem/index.html');
    assert.equal(url.searchParams.get('q'), QUERIES[0].q, `the search page's URL carries the query: ${page.url()}`);
    assert.equal(
      await page.locator('#search-results').count(),
      1,
      `tim-kiem/index.html has no #search-results element (${CONTRACT})`,
    );
    await expectResults(page, QUERIES[0]);

    // Typing in the search page's input updates the results in place.
    await page.evaluate(() => {
      window.__noReload = true;
    });
    const input = await searchPageInput(page);
    for (const query of QUERIES.slice(1)) {
      await input.click();
      await input.press('ControlOrMeta+a');
      await input.press('Backspace');
      await input.pressSequentially(query.q, { delay: 20 });
      await expectResults(page, query);
      assert.equal(
        await page.evaluate(() => window.__noReload === true),
        true,
        `typing ${JSON.stringify(query.q)} reloaded the page instead of updating the results live`,
      );
    }

    // A query that matches nothing lists no conference.
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.press('Backspace');
    await input.pressSequentially('xyzzyqqq', { delay: 10 });
    await page.waitForFunction(() => !document.querySelector('#search-results li a[href*="hoi-nghi/"]'), null, {
      timeout: 5_000,
    }).catch(async () => {
      assert.fail(`query "xyzzyqqq" should list nothing; lists ${JSON.stringify((await readResults(page)).map((r) => r.title))}`);
    });

    // Keyboard: from the input, Tab reaches the first result link before any other result.
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.press('Backspace');
    await input.pressSequentially(QUERIES[0].q, { delay: 10 });
    await expectResults(page, QUERIES[0]);
    await input.focus();
    const path = [];
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        const li = document.querySelector('#search-results li');
        const first = li && ([...li.querySelectorAll('a[href]')].find((a) => /\/hoi-nghi\//.test(a.href)) || li.querySelector('a[href]'));
        return {
          first: el === first,
          inResults: !!el && !!el.closest && !!el.closest('#search-results'),
          desc: el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${JSON.stringify((el.textContent || el.value || '').trim().slice(0, 60))}` : 'nothing',
        };
      });
      path.push(where.desc);
      if (where.first) reached = true;
      else if (where.inResults) break;
    }
    assert.ok(reached, `Tab from the search input should reach the first result link; focus went: ${path.join(' → ')}`);

    // The focused first result opens its conference page.
    const first = (await readResults(page))[0];
    await Promise.all([page.waitForURL(first.href, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    assert.equal(await h1(page, assert), first.title, `the first result's page ${first.href} has the result's title as <h1>`);

    assertClean(assert, watcher, 'searching from file://');
  } finally {
    await context.close();
  }
});
