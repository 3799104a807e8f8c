// A tiny static file server, as an intranet web server would publish the site
// under a sub-path: files of `dir` are served for URLs under `prefix`, anything
// else is 404. Bound to 127.0.0.1 on an ephemeral port.

import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

export async function serve(dir, prefix = '/bao-cao/') {
  const root = path.resolve(dir);
  const log = [];
  const server = http.createServer((req, res) => {
    const notFound = () => {
      log.push(`404 ${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound();
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return notFound();
    }
    if (!pathname.startsWith(prefix)) return notFound();
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();
    let st;
    try {
      st = statSync(file);
      if (st.isDirectory() && pathname.endsWith('/')) {
        file = path.join(file, 'index.html');
        st = statSync(file);
      }
    } catch {
      return notFound();
    }
    if (!st.isFile()) return notFound();
    log.push(`200 ${req.method} ${req.url}`);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'content-length': st.size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    base: `http://127.0.0.1:${port}${prefix}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
