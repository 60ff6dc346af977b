// The wasm split per screen (src/ui/lazy.rs, src/ui/chunks.rs, scripts/split_wasm.py), tested
// on the release build: the files it writes name only files that exist, every route opened
// cold shows its content, and a chunk that cannot be loaded gives a message with Retry while
// the rest of the app keeps working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DIST, servedApp, openPage, waitForApp, seedOnce, testid } from './support.mjs';
import { ROUTES } from './routes.mjs';
import { FORMAT_1_LINK } from './journey.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

/** The split build's files, from index.html: the main JS and wasm, the loader, the chunks. */
async function splitFiles() {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const mainJs = html.match(/from '\.\/([^']+\.js)'/)?.[1];
  const mainWasm = html.match(/module_or_path: '\.\/([^']+_bg\.wasm)'/)?.[1];
  const loader = html.match(/href="\.\/(split-loader-[0-9a-f]+\.js)"/)?.[1];
  return { html, mainJs, mainWasm, loader };
}

/** Every module specifier a JS file imports statically or dynamically. */
function importsOf(js) {
  const specifiers = [];
  for (const m of js.matchAll(/\b(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"]+)\1/g)) specifiers.push(m[2]);
  for (const m of js.matchAll(/\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g)) specifiers.push(m[2]);
  for (const m of js.matchAll(/^\s*import\s*(['"])([^'"]+)\1/gm)) specifiers.push(m[2]);
  return specifiers;
}

test('the split output has no unresolved import, and the precache and SRI cover every file', async () => {
  const files = new Set(await readdir(DIST));
  const { html, mainJs, mainWasm, loader } = await splitFiles();
  assert.ok(mainJs && files.has(mainJs), `index.html's script imports a JS file in dist (${mainJs})`);
  assert.ok(mainWasm && files.has(mainWasm), `index.html's script loads a wasm in dist (${mainWasm})`);
  assert.ok(loader && files.has(loader), 'index.html preloads the split loader, and it is in dist');

  for (const name of [...files].filter((f) => f.endsWith('.js'))) {
    const js = await readFile(path.join(DIST, name), 'utf8');
    assert.doesNotMatch(js, /__wasm_split_placeholder__/, `${name} imports no placeholder module`);
    for (const specifier of importsOf(js)) {
      assert.match(specifier, /^\.\//, `${name}: "${specifier}" is a relative import (sub-path hosting)`);
      assert.ok(files.has(specifier.slice(2)), `${name} imports ${specifier}, which is in dist`);
    }
  }
  const mainText = await readFile(path.join(DIST, mainJs), 'utf8');
  assert.ok(importsOf(mainText).includes(`./${loader}`), 'the main JS imports the loader by its hashed name');

  // Every chunk the loader names exists, is named by its content, and nothing else is left over.
  const loaderText = await readFile(path.join(DIST, loader), 'utf8');
  const chunks = [...loaderText.matchAll(/new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)/g)].map((m) => m[1]);
  assert.ok(chunks.some((c) => c.startsWith('split_')), 'the loader names the screens\' chunks');
  for (const chunk of chunks) {
    assert.ok(files.has(chunk), `the loader names ${chunk}, which is in dist`);
    const hash = chunk.match(/-([0-9a-f]{16})\.wasm$/)?.[1];
    const bytes = await readFile(path.join(DIST, chunk));
    const digest = createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest('hex');
    assert.equal(hash, digest.slice(0, 16), `${chunk} is named by its content`);
  }
  const wasmInDist = [...files].filter((f) => f.endsWith('.wasm'));
  assert.deepEqual(wasmInDist.sort(), [mainWasm, ...chunks].sort(), 'every wasm in dist is the main module or a chunk the loader names');

  // The service worker precaches the loader and every chunk, so each screen works offline.
  const sw = await readFile(path.join(DIST, 'sw.js'), 'utf8');
  // Entries are [url, content-hashed]: a content-hashed file may be taken from the HTTP cache.
  const precache = new Map(JSON.parse(sw.match(/const PRECACHE = (\[.*?\]);/s)[1]));
  for (const name of [mainJs, mainWasm, loader, ...chunks]) {
    assert.ok(precache.has(`./${name}`), `sw.js precaches ${name}`);
    assert.equal(precache.get(`./${name}`), true, `sw.js knows ${name} is named by its content`);
  }

  // index.html's integrity attributes match the files the split wrote.
  for (const m of html.matchAll(/<link[^>]*href="\.\/([^"]+)"[^>]*integrity="sha384-([^"]+)"/g)) {
    const digest = createHash('sha384').update(await readFile(path.join(DIST, m[1]))).digest('base64');
    assert.equal(m[2], digest, `the integrity of ${m[1]} matches the file`);
  }
});

test('every route opened cold, as the first page, shows its content', async () => {
  for (const route of ROUTES) {
    const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
    if (route.storage) await seedOnce(context, 'zh', route.storage);
    // As on a real line, the main wasm arrives after the shell is painted (from a local server
    // it can come first, and then the shell rightly leaves the fetching to the app).
    await page.route(/_bg\.wasm$/, async (r) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await r.continue();
    });
    await page.goto(server.url + route.hash);
    // When the screen showed (polled every frame): a screen prefetches its likely successor
    // 300 ms later (ui::lazy::prefetch), a fetch of its own that must not count below.
    await page.waitForFunction(
      (selector) => document.querySelector(selector) && (window.__readyAt ??= performance.now()),
      route.ready,
      { timeout: 20000, polling: 'raf' },
    );
    const readyAt = await page.evaluate(() => window.__readyAt);
    assert.equal(await page.locator(testid('chunk-failed')).count(), 0, `${route.name}: no chunk failed`);
    assert.equal(await page.locator(testid('chunk-loading')).count(), 0, `${route.name}: nothing still loading`);
    // The shell's script (index.html) preloaded the screen's chunks: the split loader's own
    // fetches were answered by those preloads (a fetch that was not shows as a resource of its
    // own, initiator "fetch"), and no file came twice.
    const library = route.hash.startsWith('#/library');
    if (library) {
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/measure-texts-/.test(e.name)), null, { timeout: 20000 });
    }
    const { preloaded, wasm, texts } = await wasmResources(page);
    const lazy = !['home', 'not found', 'start (saved profile)', 'start (unreadable saved data)'].includes(route.name);
    assert.equal(preloaded.length > 0, lazy, `${route.name}: the shell preloads chunks only for a screen outside the main wasm`);
    assert.deepEqual(wasm.filter((e) => e.initiator === 'fetch' && e.start < readyAt).map((e) => e.file), [], `${route.name}: every chunk the screen needed was preloaded`);
    const files = wasm.map((e) => e.file);
    assert.deepEqual(files.filter((f, i) => files.indexOf(f) !== i), [], `${route.name}: no wasm file fetched twice`);
    for (const file of preloaded) assert.ok(files.includes(file), `${route.name}: ${file} was fetched`);
    // A library page also needs the measures' texts: preloaded too, fetched once, by the preload.
    assert.equal(texts.preloaded.length, library ? 1 : 0, `${route.name}: the texts are preloaded only for a library page`);
    if (library) {
      assert.deepEqual(texts.fetched, [{ file: texts.preloaded[0], initiator: 'link' }], `${route.name}: the app's fetch of the texts used the preload`);
    }
    guard.assertClean(assert);
    await context.close();
  }
});

test('a cold library or results link moves nothing while its code and texts arrive (phone)', async () => {
  const saved = ROUTES.find((r) => r.name === 'receipt (saved profile)').storage;
  const cases = [
    { hash: '#/library/%E5%9B%9B.2(4)', ready: '[data-testid="measure-四.2(4)"] .clause-text .original' },
    { hash: '#/results', ready: '[data-testid="results-screen"] [data-testid="total-city"]', storage: saved },
  ];
  for (const lang of ['zh', 'en']) {
    for (const c of cases) {
      const { context, page, guard } = await openPage(browser, server.origin, {
        locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 844 },
      });
      if (c.storage) await seedOnce(context, lang, c.storage);
      // As on a slow line: the screen's code well after the frame, its texts later still (the
      // page once grew when they came, and the footer in view was pushed down by the screen).
      const later = (pattern, ms) => page.route(pattern, async (r) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        await r.continue();
      });
      await later(/\/(split_|chunk_)[^/]*\.wasm$/, 800);
      await later(/\/measure-texts-[0-9a-f]+\.json$/, 1600);
      await page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (!e.hadRecentInput) window.__shifts.push({ value: e.value, nodes: e.sources.map((s) => s.node?.className || s.node?.nodeName || '?') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(server.url + c.hash);
      await page.waitForSelector(c.ready, { timeout: 20000 });
      await page.waitForTimeout(2000);
      const shifts = await page.evaluate(() => window.__shifts);
      const total = shifts.reduce((sum, e) => sum + e.value, 0);
      assert.ok(total < 0.01, `${lang} ${c.hash}: layout shift ${total.toFixed(3)} from ${JSON.stringify(shifts)}`);
      guard.assertClean(assert);
      await context.close();
    }
  }
});

test('a chunk that was not preloaded shows as a fetch of its own (what the test above relies on)', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  // The start screen prefetches the questionnaire in the background (ui::lazy::prefetch).
  await page.waitForFunction(
    () => performance.getEntriesByType('resource').some((e) => e.initiatorType === 'fetch' && /\/split_questionnaire-[0-9a-f]+\.wasm$/.test(e.name)),
    null,
    { timeout: 20000 },
  );
  const { preloaded } = await wasmResources(page);
  assert.deepEqual(preloaded, [], 'nothing preloaded on the start screen');
  guard.assertClean(assert);
  await context.close();
});

test('a hand-off link fetches its own code, not the results\' or the receipt\'s, then the results while the visitor reads', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US', serviceWorkers: 'block' });
  await page.goto(`${server.url}#/share/${FORMAT_1_LINK}`);
  await page.waitForSelector(testid('total-city'), { timeout: 20000 });
  const results = /\/split_results-[0-9a-f]+\.wasm$/;
  const fetched = () => page.evaluate((source) => performance.getEntriesByType('resource')
    .filter((e) => new RegExp(source).test(e.name)).length, results.source);
  assert.equal(await fetched(), 0, 'the results and receipt code (with the hand-off dialog) are not needed to show the link');
  // Saving the shared result opens the results: prefetched (ui::lazy::prefetch).
  await page.waitForFunction((source) => performance.getEntriesByType('resource')
    .some((e) => e.initiatorType === 'fetch' && new RegExp(source).test(e.name)), results.source, { timeout: 20000 });
  guard.assertClean(assert);
  await context.close();
});

/** The wasm files the page fetched (path, initiator) and the ones the shell preloaded; the
 * same for the measures' texts. */
async function wasmResources(page) {
  return page.evaluate(() => {
    const file = (url) => new URL(url).pathname.split('/').pop();
    return {
      texts: {
        preloaded: [...document.querySelectorAll('link[data-preload="texts"]')].map((l) => file(l.href)),
        fetched: performance
          .getEntriesByType('resource')
          .filter((e) => /\/measure-texts-[0-9a-f]+\.json$/.test(new URL(e.name).pathname))
          .map((e) => ({ file: file(e.name), initiator: e.initiatorType })),
      },
      preloaded: [...document.querySelectorAll('link[data-preload="chunk"]')].map((l) => file(l.href)),
      wasm: performance
        .getEntriesByType('resource')
        .filter((e) => /\.wasm$/.test(new URL(e.name).pathname))
        .map((e) => ({ file: file(e.name), initiator: e.initiatorType, start: e.startTime })),
    };
  });
}

test('a chunk that cannot be loaded gives a message and Retry, and the rest of the app works', async () => {
  // Service workers off: the page's own requests are the ones blocked here.
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN', serviceWorkers: 'block' });
  let blocked = true;
  const failed = [];
  await page.route(/\/split_library-[0-9a-f]+\.wasm$/, (route) => {
    if (!blocked) return route.continue();
    failed.push(route.request().url());
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone after a deploy' });
  });
  await page.goto(server.url);
  await waitForApp(page);

  await page.click('nav a[href="#/library"]');
  const alert = page.locator(`${testid('chunk-failed')}[role="alert"]`);
  await alert.waitFor({ timeout: 20000 });
  assert.ok(failed.length > 0, 'the library chunk was requested and refused');
  assert.match(await alert.innerText(), /未能加载/, 'the message is in Chinese');
  assert.equal(await page.locator(testid('chunk-retry')).count(), 1, 'with a Retry button');
  // In the other language too.
  await page.click(testid('lang-toggle'));
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await alert.innerText(), /could not be loaded/);
  assert.match(await page.locator(testid('chunk-retry')).innerText(), /Retry/);

  // The header and the other screens keep working.
  await page.click('nav a[href="#/profiles"]');
  await page.waitForSelector('#main h1');
  assert.equal(await alert.count(), 0, 'another screen replaces the message');
  await page.click('a.brand');
  await page.waitForFunction(() => /One County, One Industry/.test(document.querySelector('#main h1')?.textContent ?? ''));

  // Still blocked: the library fails again; unblocked, Retry loads it.
  await page.click('nav a[href="#/library"]');
  await alert.waitFor({ timeout: 20000 });
  blocked = false;
  await page.click(testid('chunk-retry'));
  await page.waitForSelector(testid('library-count'), { timeout: 20000 });
  assert.equal(await alert.count(), 0, 'the message is gone');
  assert.deepEqual(guard.pageErrors, [], 'no uncaught error: the app did not abort');
  assert.deepEqual(guard.foreignRequests, []);
  await context.close();
});

/** Holds back the page's requests for `pattern` until the returned function is called. */
async function holdUntilReleased(page, pattern) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (r) => { await held; await r.continue(); });
  return release;
}

test('a screen opened cold keeps the loading shell until its code is there, with the language chosen in it', async () => {
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    const { context, page, guard } = await openPage(browser, server.origin, {
      locale: 'zh-CN', viewport: { width, height }, serviceWorkers: 'block',
    });
    // The results' code well after the app has mounted.
    const release = await holdUntilReleased(page, /\/(split_results|chunk_)[^/]*\.wasm$/);
    await page.goto(`${server.url}#/results`);
    // The app has mounted (its header is in the page) while the screen's code is held.
    await page.waitForSelector('.site-header .lang-toggle[data-testid="lang-toggle"]', { state: 'attached', timeout: 20000 });
    assert.ok(await page.isVisible('#app-shell'), `${width}px: the shell is still shown`);
    for (const hidden of ['header.site-header', testid('chunk-loading'), testid('site-footer')]) {
      assert.equal(await page.isVisible(hidden), false, `${width}px: ${hidden} waits behind the shell`);
    }
    // The person switches the language in the shell meanwhile, from the keyboard.
    await page.focus(testid('shell-lang-toggle'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    release();
    await page.waitForSelector(testid('results-screen'), { timeout: 20000 });
    assert.equal(await page.locator('#app-shell').count(), 0, `${width}px: the shell is gone once the screen is there`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en', `${width}px: the app keeps the shell's language`);
    assert.match(await page.locator('#main h1').innerText(), /Your results/, `${width}px: the screen is in English`);
    assert.ok(await page.evaluate(() => document.activeElement?.matches('.site-header .lang-toggle')),
      `${width}px: focus is on the app's language switch, where it was in the shell`);
    guard.assertClean(assert);
    await context.close();
  }
});

test('fair mode opened cold: the loading shell stays until the fair frame is there, and nothing moves', async () => {
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    const { context, page, guard } = await openPage(browser, server.origin, {
      locale: 'en-US', viewport: { width, height }, serviceWorkers: 'block',
    });
    // The fair frame's code well after the app has mounted.
    const release = await holdUntilReleased(page, /\/(split_manage|chunk_)[^/]*\.wasm$/);
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.url}?fair=1#/`);
    // The app has mounted (its loading line is in the page) while the frame's code is held.
    await page.waitForSelector(testid('chunk-loading'), { state: 'attached', timeout: 20000 });
    assert.ok(await page.isVisible('#app-shell'), `${width}px: the shell is still shown`);
    assert.equal(await page.isVisible(testid('chunk-loading')), false, `${width}px: one loading line, the shell's`);
    release();
    await page.waitForSelector(testid('fair-header'), { timeout: 20000 });
    assert.equal(await page.locator('#app-shell').count(), 0, `${width}px: the shell is gone once the frame is there`);
    await page.waitForTimeout(1000);
    const total = (await page.evaluate(() => window.__shifts)).reduce((a, b) => a + b, 0);
    assert.ok(total < 0.01, `${width}px: layout shift ${total.toFixed(3)}`);
    guard.assertClean(assert);
    await context.close();
  }
});

test('a screen or fair frame opened cold whose code cannot be loaded replaces the shell with the message', async () => {
  for (const [address, chunk, what] of [
    ['#/library', /\/split_library-[0-9a-f]+\.wasm$/, 'the library'],
    ['?fair=1#/', /\/split_manage-[0-9a-f]+\.wasm$/, 'fair mode (its whole frame a chunk)'],
  ]) {
    const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US', serviceWorkers: 'block' });
    await page.route(chunk, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone after a deploy' }));
    await page.goto(server.url + address);
    const alert = page.locator(`${testid('chunk-failed')}[role="alert"]`);
    await alert.waitFor({ timeout: 20000 });
    assert.equal(await page.locator('#app-shell').count(), 0, `${what}: the shell gave way to the message`);
    assert.match(await alert.innerText(), /could not be loaded/);
    assert.deepEqual(guard.pageErrors, [], `${what}: no uncaught error`);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('shell-failed')), false,
      `${what}: a chunk's failure is the app's to say, not the shell's "the app could not be loaded"`);
    // Outside fair mode (whose frame is the chunk) the header is there to go elsewhere.
    if (!address.startsWith('?fair')) assert.ok(await page.isVisible('header.site-header nav'), `${what}: the navigation is there`);
    await context.close();
  }
});
