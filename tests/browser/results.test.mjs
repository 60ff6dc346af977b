// Tier 2: the results screen. Expectations come from the native engine (`incentives evaluate
// --json`) for the same profile, and from the plan's data files; none is written here.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, waitForApp } from './support.mjs';
import {
  ROOT, cliEvaluate, todayIso, useLanguage, startAs, answerAll, answerFact, openResults,
  readResults, readTotals, readQuestions, readPlan, assertMatchesReport,
} from './journey.mjs';

let server;
let browser;
let questions;
let plan;
const today = todayIso();
const enterpriseFile = path.join(ROOT, 'examples/profiles/enterprise.json');

servedApp((started) => ({ server, browser } = started));

before(async () => {
  questions = await readQuestions();
  plan = await readPlan();
});

/** A page with the enterprise example entered through Start and the questionnaire. */
async function enterpriseOnResults(lang = 'en', contextOptions = {}) {
  const profile = JSON.parse(await readFile(enterpriseFile, 'utf8'));
  const opened = await openPage(browser, server.origin, contextOptions);
  await useLanguage(opened.context, lang);
  await opened.page.goto(server.url);
  await waitForApp(opened.page);
  await startAs(opened.page, profile);
  assert.deepEqual(await answerAll(opened.page, profile, questions), []);
  await openResults(opened.page);
  return { ...opened, profile };
}

test('with no applicant chosen, results invite the visitor to start and state the plan status', async () => {
  const { context, page, guard } = await openPage(browser, server.origin);
  await useLanguage(context, 'en');
  await page.goto(`${server.url}#/results`);
  await page.waitForSelector('[data-testid="results-empty"]');
  assert.equal(await page.getAttribute('[data-testid="results-start"]', 'href'), '#/');
  assert.equal(await page.locator('[data-testid^="incentive-"]').count(), 0, 'no card before the applicant is known');
  const notice = page.locator('[data-testid="plan-notice"]');
  assert.equal(await notice.getAttribute('data-draft'), 'true');
  const outside = today > plan.validTo || today < plan.validFrom;
  assert.equal(await notice.getAttribute('data-in-period'), String(!outside));
  assert.equal(await page.locator('[data-testid="out-of-period"]').count(), outside ? 1 : 0);
  const text = await notice.textContent();
  assert.ok(text.includes(plan.validFrom) && text.includes(plan.validTo), 'the period is stated');
  // Today in words (an ISO date would break at its hyphens on a phone): 4 December 2026.
  const [y, m, d] = today.split('-').map(Number);
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  if (outside) assert.ok(text.includes(`${d} ${month} ${y}`), `today is named next to the period: ${text}`);
  guard.assertClean(assert);
  await context.close();
});

test('cards are grouped by status, each condition and amount as the engine says', async () => {
  const { context, page, guard } = await enterpriseOnResults('en');
  const report = await cliEvaluate(enterpriseFile, today);
  assertMatchesReport(assert, await readResults(page), await readTotals(page), report, 'enterprise');

  for (const r of report.results) {
    const group = r.status === 'not_applicable' ? 'not_applicable' : r.status;
    const inGroup = page.locator(`[data-testid="group-${group}"] [data-testid="incentive-${r.id}"]`);
    assert.equal(await inGroup.count(), 1, `${r.id} sits in the ${group} group`);
    if (r.status === 'not_applicable') {
      assert.equal(await inGroup.isVisible(), false, `${r.id} is collapsed away`);
      continue;
    }
    const card = page.locator(`[data-testid="incentive-${r.id}"]`);
    // Status in words and an icon, not by colour alone.
    const badge = (await card.locator('.status-badge').textContent()).trim();
    assert.ok(badge.length > 2, `${r.id} has a status in words`);
    // Conditions: one line each, same outcome, each citing its clause.
    const outcomes = await card.locator('[data-condition]').evaluateAll((els) =>
      els.map((e) => [e.dataset.condition, e.dataset.outcome, e.textContent]));
    assert.deepEqual(outcomes.map(([id, o]) => [id, o]), r.conditions.map((c) => [c.id, c.outcome]), `${r.id} conditions`);
    for (const [i, [, , text]] of outcomes.entries()) {
      assert.ok(text.includes(r.conditions[i].clause), `${r.id}/${r.conditions[i].id} cites ${r.conditions[i].clause}`);
    }
    // Unanswered conditions link to the step of their question, naming the question's field.
    for (const c of r.conditions.filter((c) => c.outcome === 'unanswered' && c.fact && questions.facts.has(c.fact))) {
      const href = await card.locator(`[data-condition="${c.id}"] a[data-fact="${c.fact}"]`).getAttribute('href');
      assert.equal(href, `#/questions/${questions.facts.get(c.fact).step}?question=${c.fact}`, `${r.id}: link to answer ${c.fact}`);
    }
    // The trace: one line per step.
    assert.equal(await card.locator('.trace li').count(), r.trace.length, `${r.id} trace steps`);
    // The clause text, expandable, in Chinese and English.
    const details = card.locator('details.clause-details');
    assert.equal(await details.count(), 1, `${r.id} has its clause text`);
    assert.ok((await details.locator('[lang="zh-CN"].original').textContent()).trim().length > 0);
    assert.ok((await details.locator('[lang="en"].translation').textContent()).trim().length > 0);
  }

  // Amounts that are bounds read "up to"; missing amounts are said in words, never a number.
  for (const r of report.results.filter((r) => r.status !== 'not_applicable' && r.status !== 'not_eligible')) {
    const amount = page.locator(`[data-testid="amount-${r.id}"]`);
    if (r.amount_kind === 'up_to') assert.match(await amount.locator('.amount-figure').textContent(), /up to/);
    if (r.amount_kind === 'no_amount_in_plan') {
      assert.equal(await amount.locator('.amount-figure').count(), 0, `${r.id} shows no invented figure`);
    }
  }
  // Services link to the library.
  for (const s of report.services) {
    const href = await page.getAttribute(`[data-testid="service-${s.number}"] a`, 'href');
    assert.equal(decodeURIComponent(href), `#/library/${s.number}`);
  }
  // Not checked by this tool.
  assert.equal(await page.locator('[data-testid="results-unchecked"] li').count(), report.unchecked.length);
  guard.assertClean(assert);
  await context.close();
});

test('the sought-from-the-region total is never part of the city total', async () => {
  const { context, page, guard } = await enterpriseOnResults('zh');
  const report = await cliEvaluate(enterpriseFile, today);
  const totals = await readTotals(page);
  const sum = (level, end) => report.results
    .filter((r) => r.status === 'eligible' && r.level === level && r[`amount_${end}`] !== null)
    .reduce((acc, r) => acc + Number(r[`amount_${end}`]), 0);
  assert.equal(Number(totals.city.max), sum('city', 'max'), 'city total: city-level incentives only');
  assert.equal(Number(totals.region.max), sum('region', 'max'), 'region total: region-level incentives only');
  assert.ok(report.results.some((r) => r.level === 'region' && r.status === 'eligible'),
    'the example has sought money, so the test can fail');
  // The short list under the totals: an item whose amount is not the city's says so beside it.
  const items = await page.$$eval('[data-testid^="glance-item-"]', (lis) => lis.map((li) => ({
    id: li.dataset.testid.replace('glance-item-', ''),
    tag: li.querySelector('.glance-tag')?.textContent.trim() ?? null,
  })));
  const levels = new Map(report.results.map((r) => [r.id, r.level]));
  assert.ok(items.some((i) => levels.get(i.id) === 'region'), `a sought item in the short list: ${JSON.stringify(items)}`);
  for (const item of items) {
    if (levels.get(item.id) === 'city') assert.equal(item.tag, null, `${item.id}: the city's own, no tag`);
    else assert.ok(item.tag && /争取|自定/.test(item.tag), `${item.id} (${levels.get(item.id)}): tagged ${item.tag}`);
  }
  guard.assertClean(assert);
  await context.close();
});

test('results follow the answers: changing one answer changes the card as the engine does', async () => {
  const { context, page, guard, profile } = await enterpriseOnResults('en');
  // Flip the first answered yes/no fact that some eligible incentive depends on.
  const report = await cliEvaluate(enterpriseFile, today);
  const eligible = report.results.find((r) => r.status === 'eligible'
    && r.conditions.some((c) => c.fact && questions.facts.get(c.fact)?.kind === 'bool' && profile.answers[c.fact] !== undefined));
  assert.ok(eligible, 'the example has an eligible incentive with a yes/no condition');
  const fact = eligible.conditions.find((c) => c.fact && questions.facts.get(c.fact)?.kind === 'bool').fact;
  const changed = { ...profile, answers: { ...profile.answers, [fact]: !profile.answers[fact] } };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qz-results-'));
  const changedFile = path.join(dir, 'changed.json');
  await writeFile(changedFile, JSON.stringify(changed));
  const expected = await cliEvaluate(changedFile, today);
  assert.notEqual(expected.results.find((r) => r.id === eligible.id).status, 'eligible');

  // Back to the questionnaire, change the answer, and back to results.
  await page.click('header nav a[href="#/questions"]');
  await page.click(`[data-testid="step-link-${questions.facts.get(fact).step}"]`);
  await page.waitForSelector(`[data-testid="fact-row-${fact}"]`);
  await answerFact(page, questions.facts.get(fact), changed.answers[fact]);
  await openResults(page);
  assertMatchesReport(assert, await readResults(page), await readTotals(page), expected, 'after the change');
  guard.assertClean(assert);
  await context.close();
});

test('the language toggle re-labels the results without changing a figure', async () => {
  const { context, page, guard } = await enterpriseOnResults('en');
  const before = await readResults(page);
  const h1 = await page.textContent('h1');
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.notEqual(await page.textContent('h1'), h1);
  assert.deepEqual(await readResults(page), before);
  guard.assertClean(assert);
  await context.close();
});

test('printing: navigation hidden, every clause opened, and closed again afterwards', async () => {
  const { context, page, guard } = await enterpriseOnResults('en');
  const closed = await page.locator('details:not([open])').count();
  assert.ok(closed > 0);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('details:not([open])').count(), 0, 'every <details> opens for print');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.locator('.print-button').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('details:not([open])').count(), closed, 'and close again after');
  guard.assertClean(assert);
  await context.close();
});

test('on a phone the results fit the screen width', async () => {
  const { context, page, guard } = await enterpriseOnResults('zh', { viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').slice(0, 40)}"`);
    return { by: document.documentElement.scrollWidth - width, wide };
  });
  assert.deepEqual(overflow.wide, [], `nothing wider than the screen (overflow ${overflow.by}px)`);
  guard.assertClean(assert);
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`axe finds no violations on a full results page, every detail open (${lang})`, async () => {
    const { context, page, guard } = await enterpriseOnResults(lang);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(summary, []);
    guard.assertClean(assert);
    await context.close();
  });
}
