// Where the built site is, and small helpers over its files.
//
// run.sh builds the site once and passes its folder in BAOCAO_SITE. When the
// tests are started without it (`npm test` in e2e/), the site is built here
// with the release binary (BAOCAO_BIN, default ../target/release/baocao) into a
// temporary folder, so a single test file can be run on its own.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = process.env.BAOCAO_ROOT || path.resolve(here, '..', '..');
export const BIN =
  process.env.BAOCAO_BIN ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(REPO_ROOT, 'target'), 'release', 'baocao');

let cached;

/**
 * Generates a corpus of `count` write-ups (bench/gen_corpus.py, seed 1) in a
 * new temporary folder and builds it. Returns the folder (to remove after
 * the tests) and the built site in it. The build's warnings (the generator
 * repeats conferences) are kept, not shown.
 */
export function generatedSite(count, name) {
  const tmp = mkdtempSync(path.join(tmpdir(), `baocao-e2e-${name}-`));
  const root = path.join(tmp, 'corpus');
  execFileSync('python3', [path.join(REPO_ROOT, 'bench', 'gen_corpus.py'), '--count', String(count), '--seed', '1', '--out', root], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const site = path.join(tmp, 'site');
  execFileSync(BIN, ['build', '--root', root, '--output', site], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  return { tmp, site };
}

/** Absolute path of the built site folder (built on first use if BAOCAO_SITE is unset). */
export function siteDir() {
  if (cached) return cached;
  if (process.env.BAOCAO_SITE) {
    cached = path.resolve(process.env.BAOCAO_SITE);
    if (!existsSync(path.join(cached, 'index.html'))) {
      throw new Error(`BAOCAO_SITE=${cached} holds no index.html: build the site first (bash e2e/run.sh does)`);
    }
    return cached;
  }
  if (!existsSync(BIN)) {
    throw new Error(`no baocao binary at ${BIN}: run \`cargo build --release\` or set BAOCAO_BIN / BAOCAO_SITE`);
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'baocao-e2e-'));
  const out = path.join(tmp, 'site');
  execFileSync(BIN, ['build', '--root', REPO_ROOT, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  cached = out;
  return cached;
}

/** file:// URL of a page of the site, e.g. fileUrl('cum/cum-2/index.html'). */
export function fileUrl(rel = 'index.html') {
  return pathToFileURL(path.join(siteDir(), rel)).href;
}

/** Every file under dir whose name ends with ext, as paths relative to dir, sorted. */
export function listFiles(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function htmlPages() {
  return listFiles(siteDir(), '.html');
}

export function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Folds Vietnamese text the way a reader types it without diacritics:
 * "LẠNG SƠN" -> "lang son", "Điện Biên" -> "dien bien".
 */
export function fold(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
