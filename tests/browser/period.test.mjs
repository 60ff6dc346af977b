// Tier 2: the plan's period (issue 11, section 2). Every entry screen says, in both languages,
// that the plan is a draft for comments whose period has ended (the machine's clock is after
// 2025-12-31); the activity year is chosen in the questionnaire, changes the questions'
// words, and travels to the results, the receipt, the share link and the targets page; an old
// link without a year still opens. Beside the amounts of the results and a share link, on a
// phone's first screen: the status and the day the period ended. On a 390 px phone, typing key
// by key. Screenshots go to $SHOT_DIR (default: the system's temp folder) for a person to look at.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { servedApp, openPage, waitForApp, testid, seedOnce } from './support.mjs';
import { useLanguage, readPlan, readStatuses, startAs, todayIso, FORMAT_1_LINK } from './journey.mjs';

let server;
let browser;
let plan;
let status;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const SHOTS = process.env.SHOT_DIR || path.join(os.tmpdir(), 'qz-period-shots');
// A link naming a plan this app does not have (format 3, tests/corpus/links/links.txt).
const UNKNOWN_PLAN_LINK = 'AxQCDG5vLXN1Y2gtcGxhbgAAAAAAAJXriMQ';
const PLAN_ID = 'qinzhou-yixianyiye-2023-2025';

servedApp((started) => ({ server, browser } = started));

before(async () => {
  plan = await readPlan();
  status = (await readStatuses()).find((s) => s.id === plan.status);
  assert.ok(status && status.label.zh && status.label.en, `the plan's status ${plan.status} is in data/statuses.toml`);
  await mkdir(SHOTS, { recursive: true });
});

const ended = () => todayIso() > plan.validTo;
const lastYear = () => Number(plan.validTo.slice(0, 4));
const firstYear = () => Number(plan.validFrom.slice(0, 4));

/** What every notice must say, per language: the status (data/statuses.toml), the years, ended, lead unit. */
function assertNotice(text, lang, where) {
  const [first, last] = [firstYear(), lastYear()];
  if (lang === 'zh') {
    if (status.isDraft) assert.ok(text.includes(status.label.zh), `${where}: the status, ${status.label.zh}: ${text}`);
    else assert.doesNotMatch(text, /征求意见稿/, `${where}: an issued plan is no draft: ${text}`);
    assert.ok(text.includes(`${first}`) && text.includes(`${last}`), `${where}: the years: ${text}`);
    if (ended()) {
      assert.match(text, /结束|已过/, `${where}: ended: ${text}`);
      assert.match(text, /牵头单位/, `${where}: the lead unit decides: ${text}`);
    }
  } else {
    if (status.isDraft) assert.ok(text.toLowerCase().includes(status.label.en.toLowerCase()), `${where}: the status, ${status.label.en}: ${text}`);
    else assert.doesNotMatch(text, /draft/i, `${where}: an issued plan is no draft: ${text}`);
    assert.ok(text.includes(`${first}`) && text.includes(`${last}`), `${where}: the years: ${text}`);
    if (ended()) {
      assert.match(text, /ended/i, `${where}: ended: ${text}`);
      assert.match(text, /lead unit/i, `${where}: the lead unit decides: ${text}`);
    }
  }
  assert.doesNotMatch(text, /承诺|commit/i, `${where}: never “committed”`);
  // A draft's years are its period, never a validity or force that reads as today's.
  if (status.isDraft) assert.doesNotMatch(text, /有效|valid|in force/i, `${where}: claims no validity: ${text}`);
}

/** The plan line: the plan's title, status and data version, never its id (#15). */
async function assertPlanLine(scope, lang, where) {
  const line = scope.locator(testid('plan-line')).first();
  await line.waitFor();
  assert.ok(await line.isVisible(), `${where}: the plan line is on screen`);
  const text = await line.textContent();
  assert.equal(await line.getAttribute('data-plan-version'), plan.dataVersion, `${where}: the data version`);
  assert.ok(text.includes(plan.dataVersion), `${where}: the version in words: ${text}`);
  assert.match(text, lang === 'zh' ? /一县一业.*征求意见稿.*数据版本/ : /One County, One Industry.*Draft for comments.*data version/i, `${where}: ${text}`);
  assert.ok(!text.includes(PLAN_ID), `${where}: no internal id: ${text}`);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Beside the amounts, on a phone's first screen: the plan's status and, once its period has
 * ended, the day it ended (in words, as the app writes dates in sentences).
 */
async function assertStandingBesideAmounts(page, lang, where) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const line = page.locator(`${testid('results-summary')} ${testid('glance-period')}`);
  await line.waitFor();
  const box = await line.boundingBox();
  const bottom = box ? Math.round(box.y + box.height) : Infinity;
  assert.ok(bottom <= PHONE.viewport.height, `${where}: the plan's standing ends at ${bottom} px, on the first screen`);
  const text = (await line.textContent()).replace(/\s+/g, ' ');
  if (status.isDraft) assert.ok(text.includes(status.label[lang]), `${where}: the status, ${status.label[lang]}, beside the amounts: ${text}`);
  if (ended()) {
    const [y, m, d] = plan.validTo.split('-').map(Number);
    const day = lang === 'zh' ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
    assert.ok(text.includes(day), `${where}: the day the period ended, ${day}: ${text}`);
    assert.match(text, lang === 'zh' ? /结束/ : /ended/, `${where}: ended: ${text}`);
  }
  assert.doesNotMatch(text, /承诺|commit/i, `${where}: never “committed”`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

for (const lang of ['zh', 'en']) {
  test(`every entry screen says the plan is a draft whose period has ended (${lang}, 390 px)`, async () => {
    const { context, page, guard } = await openPage(browser, server.origin, PHONE);
    await useLanguage(context, lang);

    // Start screen.
    await page.goto(`${server.url}#/`);
    await waitForApp(page);
    const home = page.locator(testid('period-notice'));
    await home.waitFor();
    assert.equal(await home.getAttribute('data-ended'), String(ended()));
    assertNotice(await home.textContent(), lang, 'start');
    assert.ok(await home.isVisible(), 'the start notice is on screen');
    // The badge names the plan's years as its period, never as a validity that reads as today's.
    const badge = await page.textContent(testid('plan-status'));
    assert.ok(badge.includes(`${firstYear()}`) && badge.includes(`${lastYear()}`), `the badge's years: ${badge}`);
    assert.doesNotMatch(badge, /有效|valid/i, `the badge claims no validity: ${badge}`);
    await shot(page, `start-${lang}`);

    // Questions.
    await startAs(page, { applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel' });
    await page.waitForSelector(testid('year-choice'));
    assertNotice(await page.locator(testid('period-notice')).textContent(), lang, 'questions');
    await shot(page, `questions-${lang}`);

    // Results: the plan notice and the activity year.
    await page.click('header nav a[href="#/results"]');
    await page.waitForSelector(testid('results-screen'));
    assertNotice(await page.locator(testid('plan-notice')).textContent(), lang, 'results');
    const year = page.locator(`${testid('results-screen')} ${testid('activity-year')}`);
    assert.equal(await year.getAttribute('data-year'), String(lastYear()), 'after the period: its last year');
    await assertPlanLine(page.locator(testid('results-screen')), lang, 'results');
    await assertStandingBesideAmounts(page, lang, 'results');
    assert.equal(await page.locator(testid('made-under')).count(), 0, 'a profile of this plan and version: no notice');
    assert.equal(await page.locator(testid('plan-choice')).count(), 0, 'one plan shipped: no dead choice');
    await shot(page, `results-${lang}`);

    // Receipt header (not only its footer).
    await page.goto(`${server.url}#/receipt`);
    const head = page.locator(`${testid('receipt')} header ${testid('receipt-period')}`);
    await head.waitFor();
    assertNotice(await head.textContent(), lang, 'receipt header');
    const footer = await page.textContent(testid('receipt-validity'));
    assert.ok(footer.includes(plan.validFrom) && footer.includes(plan.validTo), `the receipt's period: ${footer}`);
    assert.doesNotMatch(footer, /有效|valid|in force/i, `the receipt's footer claims no validity: ${footer}`);
    await assertPlanLine(page.locator(`${testid('receipt')} header`), lang, 'receipt');
    await shot(page, `receipt-${lang}`);

    // Share view (an old link, without a year: it opens, with the default year).
    await page.goto(`${server.url}#/share/${FORMAT_1_LINK}`);
    await page.waitForSelector(testid('share-screen'));
    assertNotice(await page.locator(testid('plan-notice')).textContent(), lang, 'share');
    assert.equal(await page.locator(`${testid('share-screen')} ${testid('activity-year')}`).getAttribute('data-year'), String(lastYear()));
    await assertPlanLine(page.locator(testid('share-screen')), lang, 'share');
    await assertStandingBesideAmounts(page, lang, 'share');
    // An old link was made under data version 1.0.0 of this plan: a notice only if that changed.
    assert.equal(await page.locator(testid('made-under')).count(), plan.dataVersion === '1.0.0' ? 0 : 1);
    await shot(page, `share-old-link-${lang}`);

    // A link naming a plan this app does not have: a clear message, nothing else changed.
    await page.goto(`${server.url}#/share/${UNKNOWN_PLAN_LINK}`);
    const refused = page.locator(testid('share-error'));
    await refused.waitFor();
    assert.equal(await refused.getAttribute('data-error'), 'unknown_plan');
    const message = await page.locator(testid('share-error-message')).textContent();
    assert.match(message, lang === 'zh' ? /没有的政策方案.*没有丢失/ : /plan this version of the app does not have.*nothing is lost/, message);
    assert.ok(!message.includes('no-such-plan'), `no internal id: ${message}`);
    await shot(page, `share-unknown-plan-${lang}`);
    guard.assertClean(assert);
    await context.close();

    // Fair mode's start and its presets.
    const fair = await openPage(browser, server.origin, PHONE);
    await useLanguage(fair.context, lang);
    await fair.page.goto(`${server.url}?fair=1#/`);
    await fair.page.waitForSelector(testid('fair-start'));
    const fairNotice = fair.page.locator(`${testid('fair-start')} ${testid('period-notice')}`);
    assertNotice(await fairNotice.textContent(), lang, 'fair start');
    assert.ok(await fairNotice.isVisible());
    const tiles = await fair.page.locator('[data-testid^="preset-"]').allTextContents();
    assert.ok(tiles.length >= 4);
    for (const tile of tiles) assert.doesNotMatch(tile, /承诺|commit/i, `a preset: ${tile}`);
    await shot(fair.page, `fair-start-${lang}`);
    fair.guard.assertClean(assert);
    await fair.context.close();
  });
}

test('the activity year changes the questions, and travels to results, receipt, share link and targets (390 px)', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, PHONE);
  await useLanguage(context, 'zh');
  await page.goto(`${server.url}#/`);
  await waitForApp(page);
  await startAs(page, { applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel' });
  await page.click(testid('step-link-growth'));
  const question = page.locator(`${testid('fact-row-main_revenue')} label`);
  await question.waitFor();
  const last = lastYear();
  assert.match(await question.textContent(), new RegExp(`${last}年度主营业务收入`), 'the default year is named');
  assert.ok(await page.locator(testid(`year-${last}`)).isChecked(), 'the default is checked');

  // Choose 2024 (the year before the last): the question follows.
  const chosen = last - 1;
  await page.check(testid(`year-${chosen}`));
  await page.waitForFunction((y) => document.querySelector('[data-testid="fact-row-main_revenue"] label')?.textContent.includes(`${y}年度`), chosen);
  // Type an answer key by key.
  await page.locator(testid('fact-main_revenue')).pressSequentially('1.2亿', { delay: 30 });
  await page.locator(testid('fact-main_revenue')).press('Tab');
  await shot(page, 'questions-year-chosen-zh');

  // English wording too.
  await page.click(testid('lang-toggle'));
  await page.waitForFunction(() => /revenue/i.test(document.querySelector('[data-testid="fact-row-main_revenue"] label')?.textContent || ''));
  assert.match(await page.locator(`${testid('fact-row-main_revenue')} label`).textContent(), new RegExp(`in ${chosen}`));
  await shot(page, 'questions-year-chosen-en');
  await page.click(testid('lang-toggle'));

  // Results, receipt, link.
  await page.click('header nav a[href="#/results"]');
  await page.waitForSelector(testid('results-screen'));
  assert.equal(await page.locator(`${testid('results-screen')} ${testid('activity-year')}`).getAttribute('data-year'), String(chosen));
  await page.goto(`${server.url}#/receipt`);
  await page.waitForSelector(testid('receipt'));
  assert.equal(await page.locator(`${testid('receipt')} header ${testid('activity-year')}`).getAttribute('data-year'), String(chosen));
  const payload = await page.evaluate(() => {
    const svg = document.querySelector('[data-testid="receipt-qr"]');
    return svg ? 'qr' : null;
  });
  assert.equal(payload, 'qr');

  // The hand-off link carries the year: build it the way the app does, through its dialog.
  await page.goto(`${server.url}#/results`);
  await page.waitForSelector(testid('results-screen'));
  await page.click(testid('handoff-open'));
  const link = await page.locator(testid('handoff-link')).evaluate((el) => el.value || el.textContent);
  const fresh = await openPage(browser, server.origin, PHONE);
  await fresh.page.goto(`${server.url}${link.trim().slice(link.indexOf('#/share/'))}`);
  await fresh.page.waitForSelector(testid('share-screen'));
  assert.equal(await fresh.page.locator(`${testid('share-screen')} ${testid('activity-year')}`).getAttribute('data-year'), String(chosen));
  await shot(fresh.page, 'share-with-year-zh');
  await fresh.context.close();
  await page.keyboard.press('Escape');

  // Targets: that year's column is highlighted.
  await page.goto(`${server.url}#/targets`);
  await page.waitForSelector(testid('targets-activity-year'));
  assert.equal(await page.locator(testid('targets-activity-year')).getAttribute('data-year'), String(chosen));
  const highlighted = await page.locator(`${testid('targets-table-pubei')} td.activity-year`).evaluateAll((els) => els.map((e) => e.dataset.year));
  assert.ok(highlighted.length > 0 && highlighted.every((y) => y === String(chosen)), `highlighted: ${highlighted}`);
  await page.locator(testid('targets-table-pubei')).scrollIntoViewIfNeeded();
  await shot(page, 'targets-year-zh');
  guard.assertClean(assert);
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`a saved profile made under another data version opens and says so; profiles list its plan (${lang}, 390 px)`, async () => {
    const { context, page, guard } = await openPage(browser, server.origin, PHONE);
    const made = { version: 3, plan: PLAN_ID, data_version: '0.9.0', name: 'Old firm', applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel', answers: { in_park: true } };
    const older = { version: 2, name: 'Before plans', applicant: 'college' };
    const store = { version: 1, next_id: 3, active: 'p1', profiles: [
      { id: 'p1', modified: 1700000000000, profile: made },
      { id: 'p2', modified: 1700000000001, profile: older },
    ] };
    await seedOnce(context, lang, { 'qz.profiles': JSON.stringify(store) });
    await page.goto(`${server.url}#/results`);
    await page.waitForSelector(testid('results-screen'));
    const notice = page.locator(testid('made-under'));
    await notice.waitFor();
    assert.equal(await notice.getAttribute('data-kind'), 'version');
    const text = await notice.textContent();
    assert.ok(text.includes('0.9.0'), text);
    assert.match(text, lang === 'zh' ? /数据版本 0\.9\.0 制作/ : /made under data version 0\.9\.0/, text);
    await assertPlanLine(page.locator(testid('results-screen')), lang, 'results of an older version');
    await notice.scrollIntoViewIfNeeded();
    await shot(page, `results-made-under-${lang}`);

    await page.goto(`${server.url}#/profiles`);
    const lines = page.locator(testid('profile-plan'));
    await lines.first().waitFor();
    const texts = await lines.allTextContents();
    assert.equal(texts.length, 2);
    assert.ok(texts[0].includes('0.9.0') && texts[1].includes('1.0.0'), `each profile's version: ${texts}`);
    for (const t of texts) assert.ok(!t.includes(PLAN_ID), `no internal id: ${t}`);
    await shot(page, `profiles-plans-${lang}`);
    guard.assertClean(assert);
    await context.close();
  });
}
