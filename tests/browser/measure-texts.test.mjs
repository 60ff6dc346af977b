// The measures' full texts and notes are not in the wasm: build.rs writes them to
// measure-texts-<hash>.json, which the app fetches when a screen first needs them
// (src/ui/library/texts.rs). Checked here: the first screen does not load it; the library does,
// once, and then shows and searches the texts; after one visit it works offline.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { servedApp, DIST, openPage, waitForApp } from './support.mjs';

let browser;
let server;
let file;
let texts;

servedApp((started) => ({ server, browser } = started));

before(async () => {
  file = (await readdir(DIST)).find((f) => /^measure-texts-[0-9a-f]{16}\.json$/.test(f));
  assert.ok(file, 'dist holds measure-texts-<hash>.json');
  texts = JSON.parse(await readFile(path.join(DIST, file), 'utf8'));
});

const isTexts = (url) => url.includes('measure-texts-');

test('the first screen does not fetch the texts; the library fetches them once and shows them', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  const fetched = [];
  page.on('request', (req) => { if (isTexts(req.url())) fetched.push(req.url()); });
  await page.goto(server.url);
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(fetched, [], 'the start screen does not load the measures\' texts');

  await page.goto(`${server.url}#/library`);
  await page.waitForSelector('[data-testid="library-count"]');
  assert.equal(fetched.length, 1, 'fetched once');
  assert.ok(fetched[0].endsWith(`/${file}`), fetched[0]);

  // A phrase only the clause's text has (not its title or benefit line) is found by search.
  const number = '四.2(4)';
  const measure = texts[number];
  assert.ok(measure?.text?.zh, `${number} is in the texts file`);
  const title = await page.textContent(`[data-testid="measure-${number}"] h2`);
  const benefit = await page.textContent(`[data-testid="measure-${number}"] .benefit`);
  const phrase = [...measure.text.zh.matchAll(/[\u4e00-\u9fff]{6}/g)]
    .map((m) => m[0])
    .find((p) => !title.includes(p) && !benefit.includes(p));
  assert.ok(phrase, 'the text has a phrase of its own');
  await page.fill('[data-testid="library-search"]', phrase);
  const found = await page.locator('[data-testid^="measure-"]').evaluateAll((els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => e.dataset.testid.slice('measure-'.length)));
  assert.ok(found.includes(number), `"${phrase}" finds ${number}: ${found}`);

  // The full text, verbatim from the file, and the notes.
  await page.goto(`${server.url}#/library/${encodeURIComponent(number)}`);
  await page.waitForSelector('article h1');
  const original = await page.textContent('.clause-text [lang="zh-CN"].original');
  assert.equal(original.trim(), measure.text.zh.trim());
  if (measure.notes?.length) {
    assert.equal(await page.locator('.measure-detail > ul.note-list > li').count(), measure.notes.length);
  }
  assert.equal(fetched.length, 1, 'still fetched only once');
  guard.assertClean(assert);
  await context.close();
});

test('after one visit, the texts are there with the network off', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  for (let waited = 0; ; waited += 200) {
    const active = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker?.getRegistration();
      return Boolean(reg?.active && navigator.serviceWorker.controller);
    });
    if (active) break;
    assert.ok(waited < 20000, 'the service worker takes control');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await context.setOffline(true);
  await page.goto(`${server.url}#/library/${encodeURIComponent('一.1')}`);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector('.clause-text [lang="zh-CN"].original');
  assert.equal((await page.textContent('.clause-text [lang="zh-CN"].original')).trim(), texts['一.1'].text.zh.trim());
  await context.setOffline(false);
  guard.assertClean(assert);
  await context.close();
});

test('while the texts load, the list and a measure\'s page each say what is loading', async () => {
  for (const [locale, list, measure] of [
    ['en-US', 'Loading the library…', 'Loading this measure\'s text…'],
    ['zh-CN', '正在载入政策库……', '正在载入这项措施的条文……'],
  ]) {
    for (const [hash, words] of [['#/library', list], [`#/library/${encodeURIComponent('四.2(4)')}`, measure]]) {
      const { context, page, guard } = await openPage(browser, server.origin, { locale });
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route(/measure-texts-[0-9a-f]+\.json$/, async (route) => { await held; await route.continue(); });
      await page.goto(server.url + hash);
      const line = page.locator('.library-loading');
      await line.waitFor({ timeout: 20000 });
      assert.equal((await line.textContent()).trim(), words, `${locale} ${hash}`);
      release();
      await line.waitFor({ state: 'detached', timeout: 20000 });
      guard.assertClean(assert);
      await context.close();
    }
  }
});
