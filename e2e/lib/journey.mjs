// The reader's path through the sample site, shared by the file:// and the
// HTTP tests: home → a cluster → a conference of it → its host unit → a year.
// Every step is a real click on a visible link found by its role and name; the
// link's href is checked before the click and the page's <h1> after it.

import { h1 } from './browser.mjs';

export const SITE_TITLE = 'Báo cáo phong trào thi đua “Vì an ninh Tổ quốc”';

export const STEPS = [
  { link: 'Cụm thi đua số 2', href: 'cum/cum-2/index.html', h1: 'Cụm thi đua số 2' },
  {
    link: 'Cụm thi đua số II tổng kết phong trào “Vì an ninh Tổ quốc” năm 2023',
    href: 'hoi-nghi/cum-2/2023-tong-ket/index.html',
    h1: 'Cụm thi đua số II tổng kết phong trào “Vì an ninh Tổ quốc” năm 2023',
  },
  { link: 'Lai Châu', href: 'don-vi/lai-chau/index.html', h1: 'Lai Châu' },
  { link: '2023', href: 'nam/2023/index.html', h1: 'Năm thi đua 2023' },
];

/**
 * Walks the path starting at `base + 'index.html'` (base ends with '/').
 * Only the first page is opened with goto; every other page is reached by a click.
 */
export async function walk(page, base, assert) {
  const start = new URL('index.html', base).href;
  const res = await page.goto(start, { waitUntil: 'load' });
  if (res) assert.ok(res.ok(), `opening ${start} answered ${res.status()}`);
  assert.equal(await h1(page, assert), SITE_TITLE, `<h1> of ${start}`);
  const visited = [page.url()];

  for (const step of STEPS) {
    const from = page.url();
    const want = new URL(step.href, base).href;
    const links = page.locator('main').getByRole('link', { name: step.link, exact: true });
    const count = await links.count();
    assert.ok(count > 0, `${from}: no link named ${JSON.stringify(step.link)} in <main>`);
    // Take the first visible link with that name that goes where the step says.
    let target = null;
    for (let i = 0; i < count && !target; i++) {
      const l = links.nth(i);
      if (!(await l.isVisible())) continue;
      const href = await l.evaluate((a) => a.href);
      if (href === want) target = l;
    }
    assert.ok(
      target,
      `${from}: no visible link named ${JSON.stringify(step.link)} pointing to ${want}; ` +
        `links with that name point to ${JSON.stringify(await links.evaluateAll((as) => as.map((a) => a.href)))}`,
    );
    await Promise.all([page.waitForURL(want, { waitUntil: 'load' }), target.click()]);
    assert.equal(page.url(), want, `clicking ${JSON.stringify(step.link)} on ${from}`);
    assert.equal(await h1(page, assert), step.h1, `<h1> of ${want}`);
    visited.push(page.url());
  }
  return visited;
}
