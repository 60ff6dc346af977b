// Tier 2: the policy library. Every expectation is derived from data/plans/qinzhou-yixianyiye-2023-2025/measures/*.toml and the
// plan's source text; none is written here.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, waitForApp } from './support.mjs';
import { ROOT, useLanguage, readMeasures, readPlan } from './journey.mjs';

let server;
let browser;
let measures;
let plan;
const APPLICANTS = ['enterprise', 'investment_promoter', 'hr_agency', 'assistance_workshop',
  'factory_investor', 'county_government', 'college'];

servedApp((started) => ({ server, browser } = started));

let levels;

before(async () => {
  measures = await readMeasures();
  plan = await readPlan();
  // Each measure's incentive levels (六.1 is the city's, its 技改 subsidy the region's).
  const text = await readFile(path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/incentives.toml'), 'utf8');
  levels = new Map();
  for (const block of text.split(/^\[\[incentives\]\]$/m).slice(1)) {
    const measure = block.match(/^measure = "([^"]+)"/m)?.[1];
    const level = block.match(/^level = "([^"]+)"/m)?.[1];
    if (measure && level) levels.set(measure, [...(levels.get(measure) ?? []), level]);
  }
});

/** Whether a measure gives anything at a level: its giver or one of its incentives. */
const givesAt = (m, level) => m.giver === level || (levels.get(m.number) ?? []).includes(level);

/** A measure naming no industry is for the featured industry of each county it covers. */
const coversIndustry = (m, industry) => (m.industries.length
  ? m.industries.includes(industry)
  : (m.counties.length ? m.counties : plan.counties.map((c) => c.id))
    .some((id) => plan.counties.find((c) => c.id === id)?.industry === industry));

async function openLibrary(lang, hash = '#/library', ready = '[data-testid="library-count"]') {
  const opened = await openPage(browser, server.origin);
  await useLanguage(opened.context, lang);
  await opened.page.goto(server.url + hash);
  await waitForApp(opened.page);
  await opened.page.waitForSelector(ready);
  return opened;
}

/** The measure numbers currently listed (visible), in order. */
async function shown(page) {
  return page.locator('[data-testid^="measure-"]').evaluateAll((els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => e.dataset.testid.slice('measure-'.length)));
}

const count = async (page) => Number(await page.getAttribute('[data-testid="library-count"]', 'data-count'));

test('unfiltered, the library lists every measure of the data, in order', async () => {
  const { context, page, guard } = await openLibrary('en');
  assert.equal(measures.length, plan.measureNumbers.length, 'every measure listed in plan.toml measure_numbers is in the data');
  assert.ok(measures.length > 0);
  assert.equal(await count(page), measures.length);
  assert.deepEqual(await shown(page), measures.map((m) => m.number));
  assert.match(await page.textContent('[data-testid="library-count"]'), new RegExp(`${measures.length}\\D+${measures.length}`));
  guard.assertClean(assert);
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`a measure's giver chip calls only money a reward: priorities, services and duties are not (${lang})`, async () => {
    const { context, page, guard } = await openLibrary(lang);
    const chips = await page.$$eval('[data-testid^="measure-"]', (cards) => cards.map((c) => ({
      number: c.dataset.testid.replace('measure-', ''),
      giver: c.querySelector('.chips .chip[class*="level-"]')?.textContent.trim() ?? '',
    })));
    const byNumber = new Map(measures.map((m) => [m.number, m]));
    const reward = /奖补|reward/i;
    let notMoney = 0;
    for (const chip of chips) {
      const m = byNumber.get(chip.number);
      assert.ok(m && chip.giver.length > 0, `${chip.number}: a giver chip`);
      if (m.giver === 'city' && !m.kind.startsWith('cash')) {
        notMoney += 1;
        assert.doesNotMatch(chip.giver, reward, `${chip.number} (${m.kind}) is no reward: ${chip.giver}`);
      }
    }
    assert.ok(notMoney > 0, 'the data has city measures that give no money, so the test can fail');
    guard.assertClean(assert);
    await context.close();
  });
}

for (const lang of ['zh', 'en']) {
  test(`search finds 四.2(4) by its Chinese and its English name, whatever the language (${lang})`, async () => {
    const { context, page, guard } = await openLibrary(lang);
    for (const query of ['以企招商', 'enterprise-led', 'Enterprise–Led']) {
      await page.fill('[data-testid="library-search"]', query);
      const numbers = await shown(page);
      assert.ok(numbers.includes('四.2(4)'), `"${query}" finds 四.2(4): ${numbers}`);
      assert.ok(numbers.length < measures.length, `"${query}" narrows the list`);
      assert.equal(await count(page), numbers.length, 'the count follows the list');
    }
    await page.fill('[data-testid="library-search"]', 'zzz-no-such-words');
    assert.equal(await count(page), 0);
    assert.equal(await page.locator('.no-match').isVisible(), true, 'an empty result says so');
    guard.assertClean(assert);
    await context.close();
  });
}

test('each option counts the measures it would show, and the counts follow the other filters', async () => {
  const { context, page, guard } = await openLibrary('zh', '#/library?county=pubei');
  const optionCounts = (select) => page.locator(`[data-testid="${select}"] option`).evaluateAll((els) =>
    els.map((o) => [o.value, Number((o.textContent.match(/[（(](\d+)[）)]\s*$/) || [])[1])]));
  const before = await optionCounts('filter-industry');
  for (const [value, n] of before) {
    assert.ok(Number.isInteger(n), `industry option ${value || 'any'} shows a count`);
    await page.selectOption('[data-testid="filter-industry"]', value);
    assert.equal(await count(page), n, `浦北县 + ${value || 'any industry'}: the count it showed`);
  }
  // 浦北县 + 化工 (钦北区's industry) narrows the list; the county's own industry keeps more.
  const of = (value) => before.find(([v]) => v === value)[1];
  assert.ok(of('chemicals') < of('tangerine_peel'), `化工 ${of('chemicals')} < 陈皮 ${of('tangerine_peel')}`);
  // The county's counts change with the industry chosen.
  await page.selectOption('[data-testid="filter-industry"]', 'chemicals');
  const counties = await optionCounts('filter-county');
  await page.selectOption('[data-testid="filter-industry"]', '');
  assert.notDeepEqual(await optionCounts('filter-county'), counties, 'the county counts follow the industry');
  guard.assertClean(assert);
  await context.close();
});

test('each filter shows exactly the measures the data gives it, and they combine', async () => {
  const { context, page, guard } = await openLibrary('en');
  const all = measures.map((m) => m.number);
  const covers = (list, id) => list.length === 0 || list.includes(id);
  const cases = [
    ['filter-county', plan.counties.map((c) => c.id), (m, v) => covers(m.counties, v)],
    ['filter-industry', plan.industries.map((i) => i.id), (m, v) => coversIndustry(m, v)],
    ['filter-beneficiary', APPLICANTS, (m, v) => m.beneficiaries.includes(v)],
    ['filter-kind', [...new Set(measures.map((m) => m.kind))], (m, v) => m.kind === v],
    ['filter-level', [...new Set(measures.map((m) => m.giver))], (m, v) => givesAt(m, v)],
  ];
  for (const [select, values, keep] of cases) {
    let narrowed = false;
    for (const value of values) {
      await page.selectOption(`[data-testid="${select}"]`, value);
      const expected = measures.filter((m) => keep(m, value)).map((m) => m.number);
      assert.deepEqual(await shown(page), expected, `${select} = ${value}`);
      if (expected.length < all.length) narrowed = true;
    }
    // The data decides whether a filter can narrow (today every measure applies in all four
    // counties and featured industries): where it can, the screen must narrow too.
    const dataNarrows = values.some((v) => measures.some((m) => !keep(m, v)));
    assert.equal(narrowed, dataNarrows, `${select} narrows exactly when the data does`);
    await page.selectOption(`[data-testid="${select}"]`, '');
    assert.equal(await count(page), all.length, `${select} cleared`);
  }
  // Combined: kind and level together, then search on top.
  const kind = 'service';
  const level = 'city';
  await page.selectOption('[data-testid="filter-kind"]', kind);
  await page.selectOption('[data-testid="filter-level"]', level);
  const both = measures.filter((m) => m.kind === kind && givesAt(m, level)).map((m) => m.number);
  assert.deepEqual(await shown(page), both);
  assert.ok(both.length < measures.filter((m) => m.kind === kind).length || both.length < measures.filter((m) => givesAt(m, level)).length);
  // The filters are in the address: a reload (or a shared link) restores them.
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /kind=service/);
  assert.match(hash, /level=city/);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector('[data-testid="library-count"]');
  assert.deepEqual(await shown(page), both, 'filters survive a reload');
  assert.equal(await page.inputValue('[data-testid="filter-kind"]'), kind);
  await page.click('[data-testid="library-clear"]');
  assert.equal(await count(page), measures.length, 'clear shows everything again');
  assert.equal(await page.inputValue('[data-testid="filter-kind"]'), '');
  guard.assertClean(assert);
  await context.close();
});

test('a deep link opens one measure in full: text verbatim, translation, units, figures', async () => {
  const source = (await readFile(path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/source/qinzhou-yixianyiye-2023-2025.txt'), 'utf8')).replace(/\s+/g, '');
  for (const lang of ['zh', 'en']) {
    const { context, page, guard } = await openLibrary(lang, '#/library/%E5%9B%9B.2(4)', 'article h1');
    const articles = page.locator('[data-testid^="measure-"]');
    assert.equal(await articles.count(), 1, 'exactly one measure');
    assert.equal(await articles.getAttribute('data-testid'), 'measure-四.2(4)');
    assert.match(await page.textContent('h1'), /四\.2\(4\)/);
    const original = (await page.textContent('.clause-text [lang="zh-CN"].original')).replace(/\s+/g, '');
    assert.ok(original.length > 20 && source.includes(original), 'the Chinese text is verbatim from the plan');
    assert.ok((await page.textContent('.clause-text [lang="en"].translation')).trim().length > 20);
    const m = measures.find((x) => x.number === '四.2(4)');
    for (const unit of m.leadUnits) {
      assert.ok((await page.textContent('.contacts')).includes(unit), `lead unit ${unit}`);
    }
    assert.ok(await page.locator('.contacts .unit-en').count() >= m.leadUnits.length, 'units have English names');
    // Every figure of its incentives has a clause.
    const rows = page.locator('table.params tbody tr');
    assert.ok(await rows.count() > 0);
    for (const clause of await rows.locator('.clause-ref').allTextContents()) assert.ok(clause.trim().length > 0);
    guard.assertClean(assert);
    await context.close();
  }
});

test('a measure opened from the list, and back: the filtered list is as it was', async () => {
  const { context, page, guard } = await openLibrary('zh');
  await page.selectOption('[data-testid="filter-kind"]', 'cash_formula');
  const list = await shown(page);
  await page.click(`[data-testid="measure-${list[0]}"] .open-link a`);
  await page.waitForSelector(`[data-testid="measure-${list[0]}"] h1`);
  await page.goBack();
  await page.waitForSelector('[data-testid="library-count"]');
  assert.deepEqual(await shown(page), list);
  guard.assertClean(assert);
  await context.close();
});

test('an unknown measure number says so and leads back to the library', async () => {
  const { context, page, guard } = await openPage(browser, server.origin);
  await page.goto(`${server.url}#/library/%E5%9B%9B.9(9)`);
  await waitForApp(page);
  await page.waitForSelector('h1');
  assert.match(await page.textContent('h1'), /四\.9\(9\)/);
  assert.equal(await page.locator('main a[href="#/library"]').count() > 0, true);
  guard.assertClean(assert);
  await context.close();
});

test('on a phone the library fits the screen width', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { viewport: { width: 360, height: 740 } });
  await page.goto(`${server.url}#/library/%E5%9B%9B.2(4)`);
  await waitForApp(page);
  await page.waitForSelector('table.params');
  const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5).map((el) => `${el.tagName}.${el.className}`));
  assert.deepEqual(wide, []);
  guard.assertClean(assert);
  await context.close();
});

test('axe finds no violations in the library with every measure expanded', async () => {
  const { context, page, guard } = await openLibrary('en');
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(summary, []);
  guard.assertClean(assert);
  await context.close();
});
