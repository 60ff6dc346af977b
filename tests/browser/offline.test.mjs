// Static hosting, offline use and the security policy, tested on the release build:
// the CSP the app runs under, the service worker (offline reload, clean update on a new
// deploy), the web app manifest, and hosting under a sub-path.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, appendFile, rm, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DIST, serveDist, launchBrowser, openPage, waitForApp, pollPage, testid } from './support.mjs';
import { ROUTES } from './routes.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});


async function waitForServiceWorker(page) {
  await pollPage(page, async () => {
    const reg = await navigator.serviceWorker?.getRegistration();
    return Boolean(reg?.active && navigator.serviceWorker.controller);
  });
}

test('index.html carries a strict CSP, and the app mounts under it with no violation', async () => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const match = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(match, 'a CSP meta tag is present');
  const csp = match[1];
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.doesNotMatch(csp, /'unsafe-eval'/);
  assert.match(html, /integrity="sha384-/, "Trunk's integrity attributes are on");

  const server = await serveDist();
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(server.url);
  await waitForApp(page);
  assert.deepEqual(violations, []);
  guard.assertClean(assert);
  await context.close();
  await server.close();
});

test('the manifest is valid and every icon it names exists', async () => {
  const manifest = JSON.parse(await readFile(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  const files = await readdir(DIST);
  for (const icon of manifest.icons) assert.ok(files.includes(icon.src), `${icon.src} is in dist`);
});

test('after one visit the app reloads and works with the network off, under a sub-path', async () => {
  const base = '/tools/qinzhou/';
  const server = await serveDist({ base });
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(scope, server.url, 'the worker is scoped to the sub-path');

  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  assert.match((await page.textContent('h1')) ?? '', /一县一业/);
  // A deep link works offline too.
  await page.goto(server.url + '#/about');
  await waitForApp(page);
  await context.setOffline(false);
  guard.assertClean(assert);
  await context.close();
  await server.close();
});

test('after one visit of the start screen, every route works offline (every chunk is precached)', async () => {
  const server = await serveDist();
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  // Each route in a new tab of the same browser profile: a cold start from the cache alone,
  // which must fetch each screen's chunks from it.
  for (const route of ROUTES) {
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (err) => errors.push(String(err)));
    await tab.goto(server.url + route.hash);
    if (route.storage) {
      // Seeded states need their storage before the app starts: write it, then reload.
      await tab.evaluate((items) => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }, route.storage);
      await tab.reload();
    }
    await tab.waitForSelector(route.ready, { timeout: 20000 });
    assert.equal(await tab.locator(testid('chunk-failed')).count(), 0, `${route.name}: every chunk came from the cache`);
    assert.deepEqual(errors, [], `${route.name}: no page error offline`);
    if (route.storage) await tab.evaluate(() => localStorage.clear());
    await tab.close();
  }
  await context.setOffline(false);
  guard.assertClean(assert);
  await context.close();
  await server.close();
});

test('a new deploy replaces the cache cleanly', async () => {
  // Deploy A, visit it, then deploy B (one file changed, post-build re-run) at the same URL.
  const root = await mkdtemp(path.join(os.tmpdir(), 'qz-deploy-'));
  await cp(DIST, root, { recursive: true });
  const server = await serveDist({ root });
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.length, 1, 'one cache after the first visit');

  const css = (await readdir(root)).find((f) => f.startsWith('main-') && f.endsWith('.css'));
  await appendFile(path.join(root, css), '\n/* deploy B */\n');
  execFileSync('python3', [path.resolve('scripts/post-build.py'), root]);

  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await pollPage(page, async (old) => {
    const keys = await caches.keys();
    return keys.length === 1 && keys[0] !== old;
  }, before[0]);
  const cached = await page.evaluate(async (name) => {
    const cache = await caches.open((await caches.keys())[0]);
    const res = await cache.match(name);
    return res ? res.text() : null;
  }, './' + css);
  assert.match(cached ?? '', /deploy B/, 'the new cache holds the new file');
  guard.assertClean(assert);
  await context.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
});
