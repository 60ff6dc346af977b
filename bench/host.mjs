// Shared by the bench scripts (bench/lighthouse.mjs, bench/coldvisit.mjs): the release build
// served from 127.0.0.1 as a common static host serves it. With `gzip` (what e.g. GitHub Pages
// sends) compressible files go out gzip-compressed (level 9) when the browser asks; `br` for
// brotli hosts (quality 11); `none` for a raw server. `Cache-Control: no-cache`, no ETag: every
// load of a fresh browser context downloads every file.

import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { MIME } from '../tests/browser/support.mjs';

export const ENCODINGS = ['gzip', 'br', 'none'];
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml']);

/**
 * A static host for `root` on 127.0.0.1, compressing as `encoding` says (cached per file).
 * Returns { url, origin, close }.
 */
export async function host(root, encoding = 'gzip') {
  const cache = new Map();
  const server = http.createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://x');
      let rel = decodeURIComponent(pathname.slice(1));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, rel);
      const info = file.startsWith(path.resolve(root)) ? await stat(file).catch(() => null) : null;
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const ext = path.extname(file);
      const headers = { 'content-type': MIME[ext] || 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding' };
      let body = await readFile(file);
      const accepts = String(req.headers['accept-encoding'] || '');
      const use = encoding === 'br' && /\bbr\b/.test(accepts) ? 'br' : encoding !== 'none' && /\bgzip\b/.test(accepts) ? 'gzip' : null;
      if (use && COMPRESSIBLE.has(ext)) {
        const key = `${use}:${file}:${info.mtimeMs}`;
        if (!cache.has(key)) {
          cache.set(key, use === 'br'
            ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
            : zlib.gzipSync(body, { level: 9 }));
        }
        body = cache.get(key);
        headers['content-encoding'] = use;
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/`, origin, close: () => new Promise((resolve) => server.close(resolve)) };
}
