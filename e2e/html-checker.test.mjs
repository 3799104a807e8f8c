// 4. Every .html file of the build is valid HTML according to the Nu Html
// Checker (the checker behind validator.w3.org/nu), run locally from the
// vnu-jar package with the system Java.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { htmlPages, siteDir } from './lib/site.mjs';

const require = createRequire(import.meta.url);

test('Nu Html Checker: no error in any page of the build', { timeout: 120_000 }, () => {
  const vnu = String(require('vnu-jar')); // the package exports the path of vnu.jar
  const java = process.env.JAVA || 'java';
  const dir = siteDir();
  const files = htmlPages().map((rel) => path.join(dir, rel));
  assert.ok(files.length > 20, `expected more than 20 pages, found ${files.length}`);
  // Every kind of page is among them, the tag pages and dossiers included.
  const kinds = [
    'index.html', 'cum/index.html', 'cum/cum-2/index.html', 'hoi-nghi/cum-2/2023-tong-ket/index.html',
    'don-vi/index.html', 'don-vi/lai-chau/index.html', 'nam/index.html', 'nam/2023/index.html',
    'danh-hieu/index.html', 'danh-hieu/co-thi-dua-cua-chinh-phu/index.html', 'chu-de/index.html',
    'chu-de/tay-bac/index.html', 'cum/cum-2/ho-so.html', 'nam/2023/ho-so.html', 'tim-kiem/index.html', '404.html',
  ];
  const checked = new Set(htmlPages());
  assert.deepEqual(kinds.filter((k) => !checked.has(k)), [], 'page kinds missing from the build');

  const run = spawnSync(java, ['-Xss4m', '-jar', vnu, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ifError(run.error);
  // vnu writes its JSON report to stderr and exits 1 when it found errors.
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch {
    assert.fail(`the checker did not print JSON (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
  }
  const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
  if (errors.length) {
    const lines = errors.map((m) => {
      const file = m.url ? path.relative(dir, fileURLToPath(m.url.replace(/^file:(?!\/\/)/, 'file://'))) : '(no file)';
      const line = m.lastLine ?? m.firstLine ?? '?';
      const col = m.firstColumn ?? m.lastColumn;
      const extract = m.extract ? `\n      ${m.extract.replace(/\n/g, '⏎')}` : '';
      return `${file}:${line}${col ? ':' + col : ''}: ${m.message}${extract}`;
    });
    assert.fail(`${errors.length} HTML checker error(s):\n  ${lines.join('\n  ')}`);
  }
  assert.equal(run.status, 0, `the checker exited ${run.status}:\n${run.stderr}`);
});
