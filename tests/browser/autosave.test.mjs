// Tier 2: the delayed autosave (src/ui/autosave.rs). The saved profiles are written a moment after
// the last change, not on every key; nothing typed may be lost on a reload, a closed tab, a hidden
// page or another tab's save. Typed key by key, as a person types.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, waitForSaved, testid } from './support.mjs';

let server;
let browser;
servedApp((started) => ({ server, browser } = started));

const FIELD = testid('fact-led_project_investment');
const STORE = JSON.stringify({
  version: 1,
  next_id: 2,
  active: 'p1',
  profiles: [{
    id: 'p1',
    modified: 1700000000000,
    profile: { version: 1, name: 'Autosave firm', applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel', answers: {} },
  }],
});

/** The stored answer to the investment question, read at once (no waiting). */
const storedInvestment = (page) => page.evaluate(() => {
  const doc = JSON.parse(localStorage.getItem('qz.profiles') || 'null');
  return doc?.profiles?.find((p) => p.id === doc.active)?.profile?.answers?.led_project_investment ?? null;
});
const saveState = (page) => page.evaluate(() => document.documentElement.dataset.saveState);
const saveSeq = (page) => page.evaluate(() => Number(document.documentElement.dataset.saveSeq));

/** Seeds the profiles once per context (not per tab: a second tab must see what the first wrote). */
async function seed(context, lang) {
  await context.addInitScript(([l, store]) => {
    if (localStorage.getItem('qz.test.seeded')) return;
    localStorage.setItem('qz.test.seeded', '1');
    localStorage.setItem('qz.lang', l);
    localStorage.setItem('qz.profiles', store);
  }, [lang, STORE]);
}

const ECHO = testid('fact-led_project_investment-echo');
/** Waits until the page's answer (its echo, which follows the profile) shows `figure`. */
const waitForEcho = (page, figure) => page.waitForFunction(([sel, f]) => document.querySelector(sel)?.textContent.includes(f), [ECHO, figure]);

async function openInvestment(context) {
  const page = await context.newPage();
  await page.goto(`${server.url}#/questions/investment`);
  await page.waitForSelector(FIELD);
  await waitForSaved(page);
  return page;
}

async function typeAmount(page, text) {
  await page.click(FIELD);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.locator(FIELD).pressSequentially(text);
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.value === want, [FIELD, text]);
}

test('typing writes once after the last key, not on every key', async () => {
  const { context, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await seed(context, 'en');
  const page = await openInvestment(context);
  const before = await saveSeq(page);
  await typeAmount(page, '123456789');
  assert.equal(await saveState(page), 'pending', 'right after the keys, the write is still to come');
  assert.equal(await storedInvestment(page), null, 'and nothing was written per key');
  const after = await waitForSaved(page);
  assert.equal(await storedInvestment(page), '123456789');
  // Nine keys (plus the clearing ones), quickly: one write, two if the machine paused mid-way.
  assert.ok(after - before >= 1 && after - before <= 2, `writes for a burst of typing: ${after - before}`);
  assert.equal(await saveState(page), 'saved');
  guard.assertClean(assert);
  await context.close();
});

test('a reload right after typing keeps every key', async () => {
  const { context, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await seed(context, 'en');
  const page = await openInvestment(context);
  await typeAmount(page, '7654321');
  assert.equal(await saveState(page), 'pending');
  await page.reload();
  await page.waitForSelector(FIELD);
  assert.equal(await storedInvestment(page), '7654321', 'written on pagehide');
  assert.equal(await page.inputValue(FIELD), '7,654,321');
  guard.assertClean(assert);
  await context.close();
});

test('a closed tab keeps every key: the next tab finds it', async () => {
  const { context, page: blank, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await seed(context, 'zh');
  await blank.close();
  const page = await openInvestment(context);
  await typeAmount(page, '5000万');
  assert.equal(await saveState(page), 'pending');
  await page.close({ runBeforeUnload: true });
  const next = await openInvestment(context);
  assert.equal(await storedInvestment(next), '50000000');
  assert.equal(await next.inputValue(FIELD), '50,000,000');
  guard.assertClean(assert);
  await context.close();
});

test('hiding the page writes at once', async () => {
  const { context, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await seed(context, 'en');
  const page = await openInvestment(context);
  await typeAmount(page, '42000');
  assert.equal(await storedInvestment(page), null);
  // As when the person switches apps on a phone: the page becomes hidden.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  assert.equal(await storedInvestment(page), '42000', 'written in the visibilitychange handler');
  assert.equal(await saveState(page), 'saved');
  guard.assertClean(assert);
  await context.close();
});

test('two tabs: the other tab takes what this one typed once it is written', async () => {
  const { context, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await seed(context, 'en');
  const page = await openInvestment(context);
  const other = await openInvestment(context);
  await typeAmount(page, '3000000');
  await waitForSaved(page);
  await waitForEcho(other, '3,000,000');
  // And the other tab's own change builds on it, written before it takes anything back.
  await typeAmount(other, '4000000');
  await waitForEcho(page, '4,000,000');
  assert.equal(await storedInvestment(page), '4000000');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qz.backup.'))), [], 'no conflict');
  guard.assertClean(assert);
  await context.close();
});
