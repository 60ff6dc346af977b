// Static hosting, offline use and the security policy, tested on the release build:
// the CSP the app runs under, the service worker (offline reload, clean update on a new
// deploy), the web app manifest, and hosting under a sub-path.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile, rm, readdir } from 'node:fs/promises';
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
  // The visit's own downloads end too (the start screen prefetches the questionnaire 300 ms
  // after it shows): one still under way when the test takes the network away fails, and the
  // splitter logs that, although the cache has the file.
  await page.waitForLoadState('networkidle');
}

test('index.html carries a strict CSP, and the app mounts under it with no violation', async (t) => {
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
  // Closed even when a check fails: an open server would keep this file's process alive.
  t.after(() => server.close());
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(server.url);
  await waitForApp(page);
  assert.deepEqual(violations, []);
  guard.assertClean(assert);
  await context.close();
});

test('the manifest is valid and every icon it names exists', async () => {
  const manifest = JSON.parse(await readFile(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  const files = await readdir(DIST);
  for (const icon of manifest.icons) assert.ok(files.includes(icon.src), `${icon.src} is in dist`);
});

test('after one visit the app reloads and works with the network off, under a sub-path', async (t) => {
  const base = '/tools/qinzhou/';
  const server = await serveDist({ base });
  // Closed even when a check fails: an open server would keep this file's process alive.
  t.after(() => server.close());
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
});

test('after one visit of the start screen, every route works offline (every chunk is precached)', async () => {
  const server = await serveDist();
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  // A failed check must still close the server and the context: an open server keeps the
  // test file's process alive, and the whole run then hangs instead of reporting the failure.
  try {
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
        // Seeded states need their storage before the app starts: write it once this load's
        // app has read its own (else it may read the seed, set it aside and start afresh),
        // then reload.
        await waitForApp(tab);
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
  } finally {
    await context.close();
    await server.close();
  }
});

/** The files a first visit downloaded more than once: path → number of 200 responses. */
function downloadedTwice(log) {
  const counts = new Map();
  for (const { path: p, status } of log) if (status === 200) counts.set(p, (counts.get(p) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, n]) => n > 1));
}

for (const [name, hash, ready] of [
  ['the start screen', '', '[data-testid="plan-status"]'],
  ['a measure in the library, opened cold', '#/library/%E5%9B%9B.2(4)', '[data-testid="measure-四.2(4)"] h1'],
]) {
  test(`a first visit to ${name} downloads no file twice, and the worker still precaches every file`, async (t) => {
    // The server sees every request the browser did not answer from its HTTP cache, the service
    // worker's included (the counting is done where the bytes leave, not in one page's events).
    const server = await serveDist();
    // Closed even when a check fails: an open server would keep this file's process alive.
    t.after(() => server.close());
    const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
    await page.goto(server.url + hash);
    await page.waitForSelector(ready, { timeout: 30000 });
    await waitForServiceWorker(page);
    assert.deepEqual(downloadedTwice(server.log), {}, 'no file downloaded twice');

    // Every file of the build is in the cache, with its bytes as served.
    const sw = await readFile(path.join(DIST, 'sw.js'), 'utf8');
    const precache = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]);
    const files = (await readdir(DIST, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile() && d.name !== 'sw.js' && d.name !== 'index.html')
      .map((d) => './' + path.relative(DIST, path.join(d.parentPath ?? d.path, d.name)).split(path.sep).join('/'));
    assert.deepEqual(precache.map(([url]) => url).sort(), ['./', ...files].sort(), 'the precache list names every file');
    assert.ok(precache.some(([url, hashed]) => hashed && url.endsWith('.wasm')), 'the wasm is marked content-hashed');
    assert.ok(!precache.find(([url]) => url === './')[1], 'the page is not');
    const cached = await page.evaluate(async (urls) => {
      const cache = await caches.open((await caches.keys())[0]);
      const out = {};
      for (const url of urls) {
        const res = await cache.match(url);
        out[url] = res ? (await res.arrayBuffer()).byteLength : null;
      }
      return out;
    }, precache.map(([url]) => url));
    for (const [url] of precache) {
      const file = url === './' ? 'index.html' : url.slice(2);
      const size = (await readFile(path.join(DIST, file))).length;
      assert.equal(cached[url], size, `${url} is cached whole`);
    }
    // Each file reached the server at most once with a body: the worker's copies of what the
    // page fetched came from the HTTP cache (content-hashed) or a 304 (the page).
    const fetched = server.log.filter((e) => e.status === 200).map((e) => e.path);
    assert.ok(fetched.some((p) => p.endsWith('.wasm')), 'the wasm was downloaded (once)');
    guard.assertClean(assert);
    await context.close();
  });
}

/**
 * Deploy B in `root`: the page's inline stylesheet gains a rule, post-build re-run (a new CSP
 * hash for it, a new cache version). Returns the custom property the rule sets.
 */
async function deployChangedStyle(root) {
  const html = await readFile(path.join(root, 'index.html'), 'utf8');
  assert.equal((html.match(/<\/style>/g) ?? []).length, 1, 'index.html has one inline stylesheet');
  await writeFile(path.join(root, 'index.html'), html.replace('</style>', ':root { --deploy: B; } /* deploy B */\n</style>'));
  execFileSync('python3', [path.resolve('scripts/post-build.py'), root]);
  return '--deploy';
}

test('a new deploy replaces the cache cleanly', async (t) => {
  // Deploy A, visit it, then deploy B (its stylesheet changed, post-build re-run) at the same URL.
  const root = await mkdtemp(path.join(os.tmpdir(), 'qz-deploy-'));
  await cp(DIST, root, { recursive: true });
  const server = await serveDist({ root });
  // Closed even when a check fails: an open server would keep this file's process alive.
  t.after(() => server.close());
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.length, 1, 'one cache after the first visit');

  const property = await deployChangedStyle(root);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await pollPage(page, async (previous) => {
    const keys = await caches.keys();
    return keys.length === 1 && keys[0] !== previous;
  }, before[0]);
  const cachedPage = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys())[0]);
    const res = await cache.match('./');
    return res ? res.text() : null;
  });
  assert.match(cachedPage ?? '', /deploy B/, "the new cache holds the new deploy's page, and the old cache is gone");

  // Offline, the new deploy's page comes from the cache, and its new style applies under its CSP.
  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  const value = await page.evaluate((name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim(), property);
  assert.equal(value, 'B', 'the new rule applies');
  await context.setOffline(false);
  guard.assertClean(assert);
  await context.close();
  await rm(root, { recursive: true, force: true });
});
