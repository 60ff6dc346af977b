// Tier 2 smoke test: the release build mounts in Chromium with no console errors and no
// request to any other origin, with its title in both languages and the landmarks in place.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, waitForApp } from './support.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

test('the home page mounts in Chinese for a Chinese browser, with its landmarks', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  const lang = await page.getAttribute('html', 'lang');
  assert.equal(lang, 'zh-CN', '<html lang> is Chinese');
  const h1 = await page.textContent('h1');
  assert.match(h1 ?? '', /一县一业/, 'h1 names the plan in Chinese');
  assert.equal(await page.locator('main').count(), 1, 'exactly one main landmark');
  // The title is in the page's language (ui/route_focus.rs); English is checked below.
  assert.match(await page.title(), /一县一业/);
  guard.assertClean(assert);
  await context.close();
});

test('an English browser gets English, and the toggle switches language and remembers it', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await page.goto(server.url);
  await waitForApp(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match((await page.textContent('h1')) ?? '', /One County, One Industry/);
  assert.match(await page.title(), /One County, One Industry/i, 'the title follows the language');
  await page.click('[data-testid=lang-toggle]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.match((await page.textContent('h1')) ?? '', /一县一业/);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'the choice survives a reload');
  guard.assertClean(assert);
  await context.close();
});
