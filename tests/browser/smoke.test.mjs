// Tier 2 smoke test: the release build mounts in Chromium with no console errors and no
// request to any other origin, with its title in both languages and the landmarks in place.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, openPage, waitForApp } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the home page mounts with its bilingual title, lang attribute and landmarks', async () => {
  const { context, page, guard } = await openPage(browser, server.origin);
  await page.goto(server.url);
  await waitForApp(page);
  const lang = await page.getAttribute('html', 'lang');
  assert.match(lang ?? '', /^(zh|en)/, '<html lang> is set');
  const h1 = await page.textContent('h1');
  assert.match(h1 ?? '', /一县一业/, 'h1 names the plan in Chinese');
  assert.equal(await page.locator('main').count(), 1, 'exactly one main landmark');
  const title = await page.title();
  assert.match(title, /一县一业/);
  assert.match(title, /One County, One Industry/i);
  guard.assertClean(assert);
  await context.close();
});
