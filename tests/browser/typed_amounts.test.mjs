// Tier 2: amounts typed key by key on a phone (390×844), as a person does. Shorthand (300w) is
// understood; a near miss (1.2忆) is an error with a one-tap fix and is never read as a figure:
// the question counts as unanswered in the questions, results, receipt, hand-off and compare,
// each of which says so and links to it; a reload keeps the text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, waitForApp, testid, waitForSaved } from './support.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true };
const SHOTS = process.env.SCREENSHOT_DIR || path.resolve('target', 'screenshots');

/** A screenshot of the viewport, or of one element (scrolled into view) when `selector` is given. */
async function shot(page, name, selector) {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `typed-${name}.png`);
  if (selector) await page.locator(selector).first().screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: false });
}

/** axe-core on the page as it is now: no violation. */
async function assertAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' | ')}`);
  assert.deepEqual(found, [], what);
}

/** The active profile's answers in local storage, once the app has written its last change. */
async function stored(page) {
  await waitForSaved(page);
  return page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('qz.profiles') || 'null');
    return doc?.profiles.find((p) => p.id === doc.active)?.profile.answers ?? {};
  });
}

/** An enterprise of Pubei's featured industry, on a phone, at the given step. */
async function enterprise(locale, step) {
  const opened = await openPage(browser, server.origin, { ...PHONE, locale });
  const { page } = opened;
  await page.goto(server.url);
  await waitForApp(page);
  await page.check(testid('applicant-enterprise'));
  await page.check(testid('county-pubei'));
  await page.check(testid('industry-tangerine_peel'));
  await page.click(testid('begin'));
  await page.waitForSelector(testid('live-summary'));
  await page.goto(`${server.url}#/questions/${step}`);
  await page.waitForFunction((s) => location.hash === `#/questions/${s}`, step);
  return opened;
}

/** Clicks into a field and types one key at a time. */
async function typeKeys(page, fact, text) {
  const field = page.locator(testid(`fact-${fact}`));
  await field.click();
  await field.pressSequentially(text, { delay: 30 });
  return field;
}

test('300w typed key by key is 300万: the robot subsidy is 20% of 3,000,000 yuan, never of 300', async () => {
  const { context, page, guard } = await enterprise('zh-CN', 'firm');
  await page.check(testid('fact-above_size-yes'));
  await page.goto(`${server.url}#/questions/growth`);
  await page.waitForSelector(testid('fact-robots_installed'));
  const field = page.locator(testid('fact-robot_purchase_amount'));
  assert.equal(await field.getAttribute('inputmode'), 'text', 'a keyboard that has 万, 亿 and w');
  await typeKeys(page, 'robots_installed', '12');
  await typeKeys(page, 'robot_purchase_amount', '300w');
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers.robot_purchase_amount === '3000000');
  const echo = (await page.textContent(testid('fact-robot_purchase_amount-echo'))).trim();
  assert.match(echo, /3,000,000|300万/, echo);
  assert.equal(await page.locator(testid('fact-robot_purchase_amount-error')).count(), 0);
  await field.press('Tab');
  await shot(page, 'shorthand-300w', testid('fact-row-robot_purchase_amount'));

  await page.goto(`${server.url}#/results`);
  const amount = page.locator(testid('amount-industrial_robot_subsidy')).first();
  await amount.waitFor({ state: 'attached' });
  assert.equal(await amount.getAttribute('data-min'), '600000', '20% of 3,000,000');
  assert.equal(await page.locator(testid('unreadable-notice')).count(), 0, 'nothing unreadable');
  guard.assertClean(assert);
  await context.close();
});

test('1.2忆 is an error with a one-tap fix and counts as unanswered everywhere until fixed', async () => {
  const { context, page, guard } = await enterprise('zh-CN', 'investment');
  const fact = 'led_project_investment';
  // A valid answer first: typing over it must not leave it (nor any prefix) in place.
  await typeKeys(page, fact, '8000万');
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers.led_project_investment === '80000000');
  const field = page.locator(testid(`fact-${fact}`));
  await field.fill('');
  await typeKeys(page, fact, '1.2忆');

  const error = page.locator(testid(`fact-${fact}-error`));
  await error.waitFor();
  const fix = page.locator(testid(`fact-${fact}-fix`));
  await fix.waitFor();
  assert.match(await fix.textContent(), /1\.2亿/);
  assert.match(await error.textContent(), /忆|亿/);
  assert.match(await error.textContent(), /未回答/);
  assert.equal((await page.textContent(testid(`fact-${fact}-echo`))).trim(), '', 'no stale echo');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await page.waitForFunction(() => !('led_project_investment' in (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers));
  // The questions that follow stay asked (the project is not "below the threshold").
  await page.waitForSelector(testid('fact-row-led_project_fai_this_year'));
  await shot(page, 'near-miss-field', testid(`fact-row-${fact}`));
  await assertAccessible(page, 'a near miss and its fix');

  // Results: the question is unanswered, the notice names it and links to it; no 1.20 元.
  await page.goto(`${server.url}#/results`);
  const notice = page.locator(testid('unreadable-notice'));
  await notice.waitFor();
  assert.match(await notice.textContent(), /1\.2忆/);
  assert.equal(await page.getAttribute(testid(`unreadable-fix-${fact}`), 'href'), `#/questions/investment?question=${fact}`, 'the link focuses the question (ui/route_focus.rs)');
  const led = page.locator(testid('incentive-enterprise_led_investment_reward')).first();
  assert.notEqual(await led.getAttribute('data-status'), 'not_eligible');
  const body = await page.textContent('main');
  assert.doesNotMatch(body, /1\.20 元|1\.2 元|¥1\.20/, 'the prefix is never a figure');
  await shot(page, 'near-miss-results');
  await assertAccessible(page, 'results with an unreadable answer');

  // Receipt: the same, and the answer is not listed.
  await page.goto(`${server.url}#/receipt`);
  await page.waitForSelector(testid('receipt'));
  assert.match(await page.textContent(testid('unreadable-notice')), /1\.2忆/);
  assert.equal(await page.locator(testid(`answer-${fact}`)).count(), 0);
  assert.doesNotMatch(await page.textContent('main'), /1\.20 元|1\.2 元/);
  await shot(page, 'near-miss-receipt', testid('unreadable-notice'));

  // The hand-off dialog says the link leaves it out.
  await page.click(testid('handoff-open'));
  await page.waitForSelector(`${testid('handoff-dialog')}[open]`);
  assert.match(await page.textContent(`${testid('handoff-dialog')} ${testid('unreadable-link-notice')}`), /1\.2忆/);
  await page.keyboard.press('Escape');

  // Compare names it for the profile being answered.
  await page.goto(`${server.url}#/compare`);
  await page.waitForSelector(testid('compare-table'));
  assert.match(await page.textContent('[data-testid^="unreadable-of-"]'), /1\.2忆/);
  await shot(page, 'near-miss-compare', '[data-testid^="unreadable-of-"]');
  await assertAccessible(page, 'compare with an unreadable answer');

  // A reload keeps the text, its error and its fix.
  await page.goto(`${server.url}#/questions/investment`);
  await page.reload();
  await field.waitFor();
  assert.equal(await field.inputValue(), '1.2忆');
  await fix.waitFor();

  // One tap: 1.2亿, understood and stored; the notices are gone.
  await fix.click();
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers.led_project_investment === '120000000');
  assert.equal(await field.inputValue(), '1.2亿');
  assert.equal(await error.count(), 0);
  assert.match((await page.textContent(testid(`fact-${fact}-echo`))).trim(), /120,000,000|1\.2亿/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('qz.drafts')), null, 'no draft left');
  await shot(page, 'near-miss-fixed', testid(`fact-row-${fact}`));
  await page.goto(`${server.url}#/results`);
  await page.waitForSelector(testid('results-screen'));
  assert.equal(await page.locator(testid('unreadable-notice')).count(), 0);
  guard.assertClean(assert);
  await context.close();
});

test('in English too: the letter o for 0 gets its fix, and k and m are understood', async () => {
  const { context, page, guard } = await enterprise('en-US', 'investment');
  const fact = 'led_project_investment';
  // The hint's examples read as an English list, their Chinese units marked for a screen reader.
  const hint = page.locator(`#fact-${fact}-hint`);
  assert.match(await hint.textContent(), /for example: 1\.5亿, 5000万, 300w or 120,000$/);
  const marked = (await hint.locator('[lang="zh-CN"]').allTextContents()).join(' | ');
  assert.match(marked, /1\.5亿.*5000万/, marked);
  assert.doesNotMatch(marked, /example|300w|or/, `only the Chinese units are marked: ${marked}`);
  await typeKeys(page, fact, '5o0k');
  const fix = page.locator(testid(`fact-${fact}-fix`));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim() === 'Did you mean 500k?',
    testid(`fact-${fact}-fix`));
  assert.match(await page.textContent(testid(`fact-${fact}-error`)), /letter o/);
  await shot(page, 'near-miss-en', testid(`fact-row-${fact}`));
  await fix.click();
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers.led_project_investment === '500000');
  const field = page.locator(testid(`fact-${fact}`));
  await field.fill('');
  await typeKeys(page, fact, '1.5m');
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers.led_project_investment === '1500000');
  // "1," cannot be read, so questions above come back while typing: focus and caret stay.
  await field.fill('');
  await page.waitForFunction(() => !('led_project_investment' in (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers));
  await typeKeys(page, fact, '1,250,000');
  assert.equal(await field.inputValue(), '1,250,000');
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers.led_project_investment === '1250000');
  await field.fill('');
  await typeKeys(page, fact, '1.5m');
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qz.profiles') || 'null')
    ?.profiles ?? [{ profile: { answers: {} } }])[0].profile.answers.led_project_investment === '1500000');
  guard.assertClean(assert);
  await context.close();
});

test('an unreadable answer in a question the other answers then skip: "Correct it" opens it, focused, with the text typed', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { ...PHONE, locale: 'en-GB' });
  await page.goto(server.url);
  await waitForApp(page);
  await page.check(testid('applicant-investment_promoter'));
  await page.check(testid('county-qinnan'));
  await page.click(testid('begin'));
  const fact = 'promoted_project_fai_two_years';
  await page.waitForSelector(testid(`fact-${fact}`));
  await page.locator(testid(`fact-${fact}`)).pressSequentially('3oo万', { delay: 20 });
  await page.waitForSelector(testid(`fact-${fact}-error`));
  // A project below the threshold: the two-year investment can no longer change any result.
  await page.locator(testid('fact-promoted_project_investment')).pressSequentially('2000万', { delay: 20 });
  await page.waitForSelector(testid(`fact-row-${fact}`), { state: 'detached' });
  await page.goto(`${server.url}#/results`);
  await page.click(testid(`unreadable-fix-${fact}`));
  await page.waitForFunction((id) => document.activeElement?.dataset.testid === `fact-${id}`, fact);
  const field = page.locator(testid(`fact-${fact}`));
  assert.ok(await field.isVisible(), 'the skipped question is shown');
  assert.equal(await field.inputValue(), '3oo万', 'with the text typed');
  assert.equal(await page.getAttribute(testid('toggle-skipped'), 'aria-pressed'), 'true', 'and the skipped questions said to be shown');
  guard.assertClean(assert);
  await context.close();
});
