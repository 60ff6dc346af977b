// Tier 2: fair mode on the release build. One-tap samples against the native engine, the idle
// reset (with a short idle time from the address), memory-only storage (local storage is
// byte-for-byte the same after a whole visitor session), leaving by a deliberate action, and
// axe on the new screens. Expectations come from examples/presets/*.json through
// `incentives evaluate --json` and from data/plans/qinzhou-yixianyiye-2023-2025/plan.toml; none is written here.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, serveDist, openPage, waitForApp, testid, pollPage, waitForSaved } from './support.mjs';
import {
  ROOT, cliEvaluate, todayIso, readResults, readTotals, readPlan, readQuestions, answerFact,
  assertMatchesReport,
} from './journey.mjs';

let server;
let browser;
let plan;
let questions;
const today = todayIso();
const presetDir = path.join(ROOT, 'examples/presets');

servedApp((started) => ({ server, browser } = started));

before(async () => {
  plan = await readPlan();
  questions = await readQuestions();
});

async function presets() {
  const files = (await readdir(presetDir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => ({
    id: f.replace(/\.json$/, ''),
    file: path.join(presetDir, f),
    profile: JSON.parse(await readFile(path.join(presetDir, f), 'utf8')),
  })));
}

/** Every local-storage entry of the page's origin. */
function snapshot(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      out[key] = localStorage.getItem(key);
    }
    return out;
  });
}

/** A saved-profiles document with one profile, as the app stores it. */
function storeWith(profile) {
  return JSON.stringify({
    version: 1, next_id: 2, active: 'p1',
    profiles: [{ id: 'p1', modified: 1700000000000, profile }],
  });
}

/**
 * Pauses the fake clock (it runs with the real one until then) a moment ahead of now. Not 1 ms
 * ahead: under load more than that passes between reading the time and pausing, and Playwright
 * cannot fast-forward to the past. 100 ms is well inside the ±500 ms the tests allow.
 */
async function pauseNow(page) {
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 100));
}

/** Opens the app normally, puts a saved profile and a language in storage, then fair mode. */
async function fairPageWithSavedData(query = '?fair=1', lang = 'en', { clock = false } = {}) {
  const opened = await openPage(browser, server.origin);
  const { page } = opened;
  // A fake clock (Playwright's): it runs with the real one until the test pauses it.
  if (clock) await page.clock.install();
  await page.goto(server.url);
  await waitForApp(page);
  const saved = { version: 1, name: 'Staff demo profile', applicant: 'college', county: 'qinnan', answers: { college_programme_title: true } };
  await page.evaluate(([store, l]) => {
    localStorage.clear();
    localStorage.setItem('qz.profiles', store);
    localStorage.setItem('qz.lang', l);
    localStorage.setItem('unrelated.key', 'kept as is');
  }, [storeWith(saved), lang]);
  const before = await snapshot(page);
  await page.goto(`${server.url}${query}#/`);
  await page.waitForSelector(testid('fair-start'));
  if (clock) await pauseNow(page);
  return { ...opened, before, saved };
}


test('fair mode offers one sample per county and featured industry, and one per other applicant type', async () => {
  const { context, page, guard } = await fairPageWithSavedData();
  const all = await presets();
  const tiles = await page.locator('[data-testid^="preset-"]').evaluateAll((els) => els.map((e) => e.dataset.testid.slice(7)));
  assert.deepEqual([...tiles].sort(), all.map((p) => p.id).sort(), 'one tile per preset file');
  for (const county of plan.counties) {
    const hits = all.filter((p) => p.profile.applicant === 'enterprise' && p.profile.county === county.id
      && p.profile.industry === county.industry);
    assert.equal(hits.length, 1, `an enterprise sample for ${county.id} / ${county.industry}`);
  }
  const types = new Set(all.map((p) => p.profile.applicant));
  for (const type of ['investment_promoter', 'hr_agency', 'assistance_workshop', 'factory_investor', 'county_government', 'college']) {
    assert.ok(types.has(type), `a sample for ${type}`);
  }
  // The usual header and the visitor's saved data are not there; large touch targets are.
  assert.equal(await page.locator('html.fair').count(), 1);
  assert.equal(await page.locator(testid('resume')).count(), 0, 'the staff profile is not offered');
  const small = await page.locator('[data-testid^="preset-"], [data-testid="fair-own"], [data-testid="fair-start-over"]')
    .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 48).map((e) => e.dataset.testid));
  assert.deepEqual(small, [], 'touch targets are at least 48 px high');
  guard.assertClean(assert);
  await context.close();
});

test('one tap on each sample shows its full result, as the native engine computes it', async () => {
  const { context, page, guard } = await fairPageWithSavedData();
  for (const preset of await presets()) {
    const started = Date.now();
    await page.click(testid(`preset-${preset.id}`));
    await page.waitForSelector('[data-testid="results-screen"] [data-testid="total-city"]');
    assert.ok(Date.now() - started < 5000, `${preset.id}: the result shows within seconds`);
    assert.equal(await page.evaluate(() => location.hash), '#/results');
    const report = await cliEvaluate(preset.file, today);
    assertMatchesReport(assert, await readResults(page), await readTotals(page), report, preset.id);
    assert.ok(report.results.some((r) => r.status === 'eligible'), `${preset.id} has something eligible`);
    await page.click(testid('fair-start-over'));
    await page.waitForSelector(testid('fair-start'));
  }
  guard.assertClean(assert);
  await context.close();
});

test('in fair mode nothing a visitor enters is written to local storage', async () => {
  const { context, page, guard, before } = await fairPageWithSavedData();
  const all = await presets();
  const enterprise = all.find((p) => p.profile.applicant === 'enterprise');
  await page.click(testid(`preset-${enterprise.id}`));
  await page.waitForSelector(testid('results-screen'));
  // Answer questions through the questionnaire, switch language, open the hand-off.
  const fact = questions.facts.get('main_revenue');
  await page.evaluate((step) => { location.hash = `#/questions/${step}`; }, fact.step);
  await page.waitForSelector(testid('fact-row-main_revenue'));
  await answerFact(page, fact, '990000000');
  const bool = [...questions.facts.values()].find((f) => f.kind === 'bool' && f.step === fact.step);
  await answerFact(page, bool, true);
  // Text that does not parse is not kept as a draft either (session storage stays empty).
  await page.fill(testid('fact-main_revenue'), '12万5');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('qz.drafts')), null, 'no draft in fair mode');
  await page.click(testid('lang-toggle'));
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.click('.fair-header a[href="#/results"]');
  await page.waitForSelector(testid('results-screen'));
  await page.click(testid('handoff-open'));
  await page.waitForSelector(`${testid('handoff-dialog')}[open]`);
  const link = await page.inputValue(testid('handoff-link'));
  assert.ok(link.startsWith(`${server.url}#/share/`), `the hand-off link leaves fair mode behind: ${link}`);
  await page.keyboard.press('Escape');
  // Own answers from scratch, too.
  await page.click(testid('fair-start-over'));
  await page.click(testid('fair-own'));
  await page.click(testid('applicant-hr_agency'));
  await page.click(testid('begin'));
  await page.waitForSelector(testid('fact-row-placed_workers'));
  await answerFact(page, questions.facts.get('placed_workers'), '40');
  // The app's delayed save has run (and, in fair mode, written nothing).
  await waitForSaved(page);
  assert.deepEqual(await snapshot(page), before, 'local storage is byte-for-byte unchanged');
  guard.assertClean(assert);
  await context.close();
});

test('the saved-profiles screen says that fair mode keeps nothing on this device', async () => {
  const { context, page, guard } = await fairPageWithSavedData();
  await page.goto(`${server.url}#/profiles`);
  await page.waitForSelector(testid('profiles-lead'));
  const normal = (await page.textContent(testid('profiles-lead'))).trim();
  await page.goto(`${server.url}?fair=1#/profiles`);
  await page.waitForSelector(testid('profiles-lead'));
  const fair = (await page.textContent(testid('profiles-lead'))).trim();
  assert.notEqual(fair, normal, 'not the normal "kept in this browser" text');
  assert.match(fair, /fair mode/i);
  assert.equal(await page.locator(testid('resume')).count(), 0);
  guard.assertClean(assert);
  await context.close();
});

test('leaving fair mode takes a deliberate action, and brings the saved profiles back', async () => {
  const { context, page, guard, before, saved } = await fairPageWithSavedData();
  await page.click(testid('preset-college'));
  await page.waitForSelector(testid('results-screen'));
  // Opening the leave dialog does not leave; Esc and "Stay" keep fair mode.
  await page.click(testid('fair-leave'));
  await page.waitForSelector(`${testid('fair-leave-dialog')}[open]`);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'fair-leave-cancel', '"Stay" has focus');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(`${testid('fair-leave-dialog')}[open]`).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'fair-leave', 'focus returns');
  await page.click(testid('fair-leave'));
  await page.click(testid('fair-leave-cancel'));
  assert.match(await page.evaluate(() => location.search), /fair=1/);
  assert.equal(await page.locator('html.fair').count(), 1);
  // Confirmed: normal mode, with the staff's saved profile as it was.
  await page.click(testid('fair-leave'));
  await Promise.all([page.waitForNavigation(), page.click(testid('fair-leave-confirm'))]);
  await waitForApp(page);
  assert.equal(await page.evaluate(() => location.search), '');
  assert.equal(await page.locator('html.fair').count(), 0);
  await page.waitForSelector(testid('resume'));
  assert.match(await page.textContent(testid('resume')), new RegExp(saved.name));
  // (Normal mode may rewrite the document in its own key order; the profile is what counts.)
  const after = JSON.parse((await snapshot(page))['qz.profiles']);
  const was = JSON.parse(before['qz.profiles']);
  assert.deepEqual(after.profiles.map((e) => [e.id, e.profile.name, e.profile.answers]),
    was.profiles.map((e) => [e.id, e.profile.name, e.profile.answers]), 'the saved profiles are untouched');
  guard.assertClean(assert);
  await context.close();
});

test('settings switch fair mode on with an idle time, and refuse one out of range', async () => {
  const { context, page, guard } = await openPage(browser, server.origin);
  await page.goto(`${server.url}#/settings`);
  await page.waitForSelector(testid('fair-idle'));
  await page.fill(testid('fair-idle'), '5');
  assert.ok((await page.textContent(testid('fair-idle-error'))).trim().length > 0, 'a too-short idle time is refused');
  await page.click(testid('fair-enter'));
  assert.equal(await page.evaluate(() => location.search), '', 'and fair mode does not start');
  await page.fill(testid('fair-idle'), '45');
  assert.equal((await page.textContent(testid('fair-idle-error'))).trim(), '');
  await Promise.all([page.waitForNavigation(), page.click(testid('fair-enter'))]);
  await page.waitForSelector(testid('fair-start'));
  assert.equal(await page.evaluate(() => location.search), '?fair=1&idle=45');
  await page.goto(`${server.url}?fair=1&idle=45#/settings`);
  await page.waitForSelector(testid('fair-on'));
  assert.match(await page.textContent(testid('fair-on')), /45/);
  guard.assertClean(assert);
  await context.close();
});

test('the idle time is typed key by key as a person does: what is typed stays, and a mistake is named', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${server.url}#/settings`);
  const field = page.locator(testid('fair-idle'));
  await field.waitFor();
  const type = async (text) => {
    await field.click();
    await field.press('Control+a');
    await field.press('Backspace');
    await field.pressSequentially(text, { delay: 30 });
  };
  const error = async () => (await page.textContent(testid('fair-idle-error'))).trim();
  await type('1.5');
  assert.equal(await field.inputValue(), '1.5', 'the text stays as typed');
  assert.ok((await error()).length > 0, 'not a whole number of seconds in range: said so');
  await type('１２０');
  assert.equal(await error(), '', 'full-width digits read as 120');
  await type('90');
  assert.equal(await field.inputValue(), '90');
  assert.equal(await error(), '');
  await Promise.all([page.waitForNavigation(), page.click(testid('fair-enter'))]);
  await page.waitForSelector(testid('fair-start'));
  assert.equal(await page.evaluate(() => location.search), '?fair=1&idle=90');
  guard.assertClean(assert);
  await context.close();
});

/**
 * Runs the page's fake clock 250 ms at a time (as the idle timer ticks) until `fn` holds in the
 * page, at most `limitMs`. Returns the fake milliseconds it took.
 */
async function runClockUntil(page, fn, { limitMs, what }) {
  for (let ms = 0; ms <= limitMs; ms += 250) {
    if (await page.evaluate(fn)) return ms;
    await page.clock.runFor(250);
  }
  throw new Error(`${what}: not within ${limitMs} ms of fake time`);
}

test('idle reset (fake clock): after the idle time a 20 s countdown warns, "I\'m still here" restarts it, then everything is cleared', async () => {
  const idle = 30;
  // When the warning opens and when everything is cleared, in seconds of quiet.
  // The idle time is what staff set: the countdown starts after it, and runs 20 s.
  const warnAfter = idle;
  const resetAfter = idle + 20;
  const { context, page, guard, before } = await fairPageWithSavedData(`?fair=1&idle=${idle}`, 'en', { clock: true });
  const warningOpen = () => document.querySelector('[data-testid="idle-warning"]')?.open === true;
  const startShown = () => document.querySelector('[data-testid="fair-start"]') !== null;
  // Untouched start screen: nothing to clear, so no countdown however long.
  await page.clock.runFor((resetAfter + 5) * 1000);
  assert.equal(await page.evaluate(warningOpen), false, 'no countdown on an untouched start screen');

  await page.click(testid('preset-enterprise_lingshan_toys'));
  await page.waitForSelector(testid('results-screen'));
  let calm = await runClockUntil(page, warningOpen, { limitMs: (resetAfter + 5) * 1000, what: 'the warning' });
  assert.ok(Math.abs(calm - warnAfter * 1000) <= 500, `the warning comes ${warnAfter} s after the last activity (took ${calm} ms)`);
  const remaining = Number(await page.getAttribute(testid('idle-warning'), 'data-remaining'));
  assert.equal(remaining, 20, 'the countdown starts at 20 s');
  assert.match(await page.textContent(testid('idle-countdown')), /^20$/);
  await page.clock.runFor(5000);
  assert.equal(Number(await page.getAttribute(testid('idle-warning'), 'data-remaining')), 15, 'and counts down');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'idle-still-here');
  await page.clock.resume();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target).join(' ')}`), [], 'axe: the warning');

  await page.click(testid('idle-still-here'));
  await pauseNow(page);
  assert.equal(await page.evaluate(warningOpen), false, '"I\'m still here" closes the warning');
  assert.equal(await page.evaluate(() => location.hash), '#/results', 'and keeps the visitor where they were');
  assert.ok(await page.locator(testid('total-city')).count() > 0, 'with their result');

  // Now nobody touches anything: the warning comes back, then the reset. Stepping on past it
  // runs every timer of the old screen and of the new one (a callback that outlived its owner
  // once crashed here: RuntimeError: unreachable).
  calm = await runClockUntil(page, warningOpen, { limitMs: (resetAfter + 5) * 1000, what: 'the warning again' });
  assert.ok(Math.abs(calm - warnAfter * 1000) <= 500, `the warning comes back after ${warnAfter} s (took ${calm} ms)`);
  const gone = calm + await runClockUntil(page, startShown, { limitMs: 25 * 1000, what: 'the reset' });
  assert.ok(Math.abs(gone - resetAfter * 1000) <= 500, `reset after ${resetAfter} s of quiet (took ${gone} ms)`);
  await page.clock.runFor((resetAfter + 5) * 1000);
  assert.deepEqual(guard.pageErrors, [], 'no error in any timer around the reset');
  assert.equal(await page.evaluate(warningOpen), false, 'the start screen again: nothing to clear, no countdown');
  assert.ok(['', '#/'].includes(await page.evaluate(() => location.hash)));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the language is back to the start');
  // Everything cleared: the results screen is empty again, and the new guard times it.
  await page.click('.fair-header a[href="#/results"]');
  await page.waitForSelector(testid('results-empty'));
  calm = await runClockUntil(page, warningOpen, { limitMs: (resetAfter + 5) * 1000, what: 'the new guard\'s warning' });
  assert.ok(Math.abs(calm - warnAfter * 1000) <= 500, `the next visitor gets the same countdown (took ${calm} ms)`);
  await page.click(testid('idle-reset-now'));
  await page.clock.runFor(2000);
  assert.equal(await page.evaluate(startShown), true, '"Clear now" resets at once');
  await page.clock.runFor((resetAfter + 5) * 1000);
  assert.deepEqual(await snapshot(page), before, 'local storage untouched throughout');
  guard.assertClean(assert);
  await context.close();
});

test('fair mode works with the network off, under a sub-path, and the QR link stays on it', async () => {
  const sub = await serveDist({ base: '/expo/qinzhou/' });
  const { context, page, guard } = await openPage(browser, sub.origin);
  await page.goto(sub.url);
  await waitForApp(page);
  await pollPage(page, async () => {
    const reg = await navigator.serviceWorker?.getRegistration();
    return Boolean(reg?.active && navigator.serviceWorker.controller);
  });
  await context.setOffline(true);
  await page.goto(`${sub.url}?fair=1&idle=60#/`);
  await page.waitForSelector(testid('fair-start'));
  await page.click(testid('preset-hr_agency'));
  await page.waitForSelector('[data-testid="results-screen"] [data-testid="total-city"]');
  const report = await cliEvaluate(path.join(presetDir, 'hr_agency.json'), today);
  assertMatchesReport(assert, await readResults(page), await readTotals(page), report, 'offline');
  await page.click(testid('handoff-open'));
  const link = await page.inputValue(testid('handoff-link'));
  assert.ok(link.startsWith(`${sub.url}#/share/`), link);
  await context.setOffline(false);
  guard.assertClean(assert);
  await context.close();
  await sub.close();
});

for (const lang of ['zh', 'en']) {
  test(`axe finds no violations on the fair start screen and the leave dialog (${lang})`, async () => {
    const { context, page, guard } = await fairPageWithSavedData('?fair=1', lang);
    const check = async (what) => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' | ')}`), [], `${what} (${lang})`);
    };
    await check('fair start');
    await page.click(testid('preset-enterprise_qinnan_timber'));
    await page.waitForSelector(testid('results-screen'));
    await check('fair results');
    await page.click(testid('fair-leave'));
    await page.waitForSelector(`${testid('fair-leave-dialog')}[open]`);
    await check('leave dialog');
    await page.keyboard.press('Escape');
    await page.click(testid('fair-start-over'));
    await page.click(testid('fair-own'));
    await page.waitForSelector(testid('begin'));
    await check('own answers');
    guard.assertClean(assert);
    await context.close();
  });
}
