// 6. Chart text reads like the text around it: on a 390 px phone and on a
// 1280 px desktop, every piece of text of every chart (SVG labels and the
// sentence shown with or instead of a chart) is rendered at 11–16 CSS px, on
// every page that has a chart, of the sample site and of a generated site of
// 300 write-ups (bench/gen_corpus.py --count 300 --seed 1). A chart wider
// than the phone scrolls in its own box: the box never overflows the page.

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { launch } from './lib/browser.mjs';
import { generatedSite, listFiles, siteDir } from './lib/site.mjs';

const WIDTHS = [390, 1280];
const MIN_PX = 11;
const MAX_PX = 16;

let browser;
let generated;
let tmp;
before(async () => {
  browser = await launch();
  ({ tmp, site: generated } = generatedSite(300, 'charts'));
});
after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Pages of a built site that hold a chart (or the sentence in its place). */
function chartPages(dir) {
  return listFiles(dir, '.html').filter((rel) => readFileSync(path.join(dir, rel), 'utf8').includes('<figure class="chart"'));
}

/** The kind of a page, from its path: home, cluster, dossier, year, unit. */
function kindOf(rel) {
  if (rel === 'index.html') return 'home';
  if (rel.endsWith('ho-so.html')) return 'dossier';
  return rel.split('/')[0];
}

/**
 * Rendered size of every text of the page's charts: the computed font size
 * times the scale the SVG is drawn at (rotation included), and the HTML
 * sentences of the figures. Also the chart boxes wider than the viewport.
 */
function measure() {
  const out = { texts: [], overflow: [] };
  for (const fig of document.querySelectorAll('figure.chart')) {
    for (const t of fig.querySelectorAll('svg text')) {
      const label = t.textContent.trim();
      if (!label) continue;
      const m = t.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 1;
      out.texts.push({ label, px: parseFloat(getComputedStyle(t).fontSize) * scale });
    }
    for (const p of fig.querySelectorAll('.chart-note')) {
      out.texts.push({ label: p.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(p).fontSize) });
    }
    for (const box of fig.querySelectorAll('.chart-scroll')) {
      const r = box.getBoundingClientRect();
      if (r.right > document.documentElement.clientWidth + 0.5) out.overflow.push(Math.round(r.right));
    }
  }
  return out;
}

async function checkSite(name, dir) {
  const pages = chartPages(dir);
  const kinds = new Set(pages.map(kindOf));
  // Home, cluster (cum/), dossier, year (nam/) and unit (don-vi/) pages.
  for (const kind of ['home', 'cum', 'dossier', 'nam', 'don-vi']) {
    assert.ok(kinds.has(kind), `${name}: no page of kind ${kind} has a chart`);
  }
  const problems = [];
  let measured = 0;
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      for (const rel of pages) {
        await page.goto(pathToFileURL(path.join(dir, rel)).href, { waitUntil: 'domcontentloaded' });
        const { texts, overflow } = await page.evaluate(measure);
        measured += texts.length;
        for (const t of texts) {
          if (!(t.px >= MIN_PX - 0.01 && t.px <= MAX_PX + 0.01)) {
            problems.push(`${name} ${rel} at ${width} px: "${t.label}" is ${t.px.toFixed(1)} px`);
          }
        }
        for (const right of overflow) {
          problems.push(`${name} ${rel} at ${width} px: a chart box ends at ${right} px, past the page`);
        }
      }
    } finally {
      await context.close();
    }
  }
  assert.ok(measured > 0, `${name}: no chart text measured`);
  assert.deepEqual(problems.slice(0, 50), [], `${problems.length} chart texts outside ${MIN_PX}–${MAX_PX} px`);
}

test('chart text is 11–16 px on a phone and a desktop: sample site', { timeout: 300_000 }, async () => {
  await checkSite('sample', siteDir());
});

test('chart text is 11–16 px on a phone and a desktop: 300 generated write-ups', { timeout: 600_000 }, async () => {
  await checkSite('generated', generated);
});
