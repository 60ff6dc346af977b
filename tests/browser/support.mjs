// Shared helpers for the browser tests: a static server for dist/ (optionally under a
// sub-path), Debian's Chromium through playwright-core, and page guards that record console
// errors and any request to another origin.

import { createHash } from 'node:crypto';
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.DIST_DIR || path.resolve(here, '../../dist');

/** Content types by file extension, for the test server and the bench hosts. */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/**
 * Serves `root` at http://127.0.0.1:<free port><base>. Returns { url, close, log }.
 *
 * Caching as common static hosts do by default (Netlify, Cloudflare Pages, Vercel: `max-age=0,
 * must-revalidate` with an ETag; nginx: ETag and Last-Modified): every response carries an ETag
 * and Last-Modified and `Cache-Control: no-cache`, and a request whose If-None-Match matches gets
 * 304 without a body. `log` lists every request that reached the server (a copy the browser took
 * from its HTTP cache never does), as { path, status, dest: Sec-Fetch-Dest }, to count downloads.
 */
export async function serveDist({ root = DIST, base = '/' } = {}) {
  const log = [];
  const server = http.createServer(async (req, res) => {
    const entry = { path: req.url, status: 0, dest: req.headers['sec-fetch-dest'] || '' };
    log.push(entry);
    res.on('finish', () => { entry.status = res.statusCode; });
    try {
      const { pathname } = new URL(req.url, 'http://x');
      if (!pathname.startsWith(base)) {
        res.writeHead(404).end('not under the base path');
        return;
      }
      let rel = decodeURIComponent(pathname.slice(base.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, rel);
      if (!file.startsWith(path.resolve(root))) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      const body = await readFile(file);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      const headers = {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
        etag,
        'last-modified': info.mtime.toUTCString(),
      };
      const known = (req.headers['if-none-match'] || '').split(',').map((t) => t.trim());
      if (known.includes(etag) || known.includes('*')) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${base}`,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * A fresh context and page that records console errors, page errors and every request
 * that leaves `origin`. Call `guard.assertClean()` at the end of a test.
 */
export async function openPage(browser, origin, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const guard = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') guard.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => guard.pageErrors.push(String(err)));
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!url.startsWith(origin + '/')) guard.foreignRequests.push(url);
  });
  guard.assertClean = (assert) => {
    assert.deepEqual(guard.pageErrors, [], 'no uncaught page errors');
    assert.deepEqual(guard.consoleErrors, [], 'no console errors');
    assert.deepEqual(guard.foreignRequests, [], 'no request to another origin');
  };
  return { context, page, guard };
}

/** Waits until the Leptos app has mounted (the main landmark exists). */
export async function waitForApp(page) {
  await page.waitForSelector('main', { timeout: 15000 });
}

/**
 * One server for dist/ and one browser for a whole test file: started before its first test,
 * closed after its last. `use` receives `{ server, browser }` once they are up.
 */
export function servedApp(use, serveOptions = {}) {
  let started = {};
  before(async () => {
    started = { server: await serveDist(serveOptions), browser: await launchBrowser() };
    use(started);
  });
  after(async () => {
    await started.browser?.close();
    await started.server?.close();
  });
}

/** `[data-testid="…"]`, the selector of an element the app marks for tests. */
export const testid = (id) => `[data-testid="${id}"]`;

/**
 * Polls `fn` in the page until it returns something truthy, and returns that. Unlike
 * waitForFunction it awaits an async `fn`. `what` names the wait in the timeout's message.
 */
export async function pollPage(page, fn, arg, { what = String(fn), timeoutMs = 60000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Seeds local storage once per tab before the app starts: the language and `storage`'s keys.
 * Once, so a reload in the test sees what the app itself wrote since.
 */
export async function seedOnce(context, lang, storage = {}) {
  await context.addInitScript(([l, items]) => {
    try {
      if (!sessionStorage.getItem('qz.test.seeded')) {
        localStorage.setItem('qz.lang', l);
        for (const [key, value] of items) localStorage.setItem(key, value);
        sessionStorage.setItem('qz.test.seeded', '1');
      }
    } catch { /* storage may be off */ }
  }, [lang, Object.entries(storage)]);
}

/**
 * Waits until the app has written every change of the saved profiles: it writes them a moment
 * after the last change (src/ui/autosave.rs), and `<html data-save-state>` says `pending` until
 * then (`saved` once written or nothing to write; `off` or `failed` when it cannot write).
 * Returns `data-save-seq`, the number of writes so far.
 */
export async function waitForSaved(page, { timeout = 15000 } = {}) {
  await page.waitForFunction(() => {
    const state = document.documentElement.dataset.saveState;
    return Boolean(state) && state !== 'pending';
  }, null, { timeout });
  return Number(await page.evaluate(() => document.documentElement.dataset.saveSeq));
}
