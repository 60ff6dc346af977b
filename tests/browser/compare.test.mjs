// Tier 2: compare two profiles (#/compare). Two saved profiles that differ only in the
// investment (0.9亿 against 1亿, either side of the Lingshan threshold), and one profile against
// a copy with one answer changed in the page. Every row and total is checked against the native
// engine's reports of both profiles; differences are marked by sign and words, not colour alone.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, testid } from './support.mjs';
import { ROOT, cliEvaluate, todayIso, normalizeDecimal } from './journey.mjs';

let server;
let browser;
let dir;
const today = todayIso();
const base = path.join(ROOT, 'examples/presets/enterprise_lingshan_toys.json');
const FACT = 'led_project_investment';

servedApp((started) => ({ server, browser } = started));

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qz-compare-'));
});

/** The base sample with one answer changed, as a file for the native command. */
async function variant(name, value) {
  const profile = JSON.parse(await readFile(base, 'utf8'));
  profile.name = name;
  profile.answers[FACT] = value;
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
  await writeFile(file, JSON.stringify(profile));
  return { profile, file, report: await cliEvaluate(file, today) };
}

async function comparePage(profiles, lang = 'en', ready = testid('compare-table'), contextOptions = {}) {
  const opened = await openPage(browser, server.origin, contextOptions);
  const store = JSON.stringify({
    version: 1, next_id: profiles.length + 1, active: 'p1',
    profiles: profiles.map((profile, i) => ({ id: `p${i + 1}`, modified: 0, profile })),
  });
  await opened.context.addInitScript(([s, l]) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('qz.profiles', s);
    localStorage.setItem('qz.lang', l);
  }, [store, lang]);
  await opened.page.goto(`${server.url}#/compare`);
  await opened.page.waitForSelector(ready);
  return opened;
}

async function readCompare(page) {
  return page.evaluate(() => ({
    rows: Object.fromEntries([...document.querySelectorAll('[data-testid^="compare-row-"]')].map((tr) => [
      tr.dataset.testid.slice('compare-row-'.length),
      { ...tr.dataset, diffText: tr.querySelector('.diff').textContent.trim() },
    ])),
    totals: Object.fromEntries(['city', 'region', 'county'].map((g) => {
      const tr = document.querySelector(`[data-testid="compare-total-${g}"]`);
      return [g, { ...tr.dataset }];
    })),
    count: Number(document.querySelector('[data-testid="compare-summary"]').dataset.count),
  }));
}

/** Every row and total as both reports say, differences marked where they differ. */
function assertMatches(shown, ra, rb, label) {
  let differences = 0;
  for (const a of ra.results) {
    const b = rb.results.find((r) => r.id === a.id);
    const row = shown.rows[a.id];
    if (a.status === 'not_applicable' && b.status === 'not_applicable') {
      assert.equal(row, undefined, `${label}: ${a.id} concerns neither`);
      continue;
    }
    assert.ok(row, `${label}: ${a.id} is compared`);
    assert.equal(row.statusA, a.status, `${label}: ${a.id} status A`);
    assert.equal(row.statusB, b.status, `${label}: ${a.id} status B`);
    assert.equal(row.minA, normalizeDecimal(a.amount_min), `${label}: ${a.id} min A`);
    assert.equal(row.maxA, normalizeDecimal(a.amount_max), `${label}: ${a.id} max A`);
    assert.equal(row.minB, normalizeDecimal(b.amount_min), `${label}: ${a.id} min B`);
    assert.equal(row.maxB, normalizeDecimal(b.amount_max), `${label}: ${a.id} max B`);
    const differs = a.status !== b.status || a.amount_kind !== b.amount_kind
      || a.amount_min !== b.amount_min || a.amount_max !== b.amount_max;
    assert.equal(row.differs, String(differs), `${label}: ${a.id} differs`);
    // Not by colour alone: a sign and words.
    assert.match(row.diffText, differs ? /^≠ \S/ : /^= \S/, `${label}: ${a.id} says it`);
    if (differs) differences += 1;
  }
  for (const giver of ['city', 'region']) {
    const t = shown.totals[giver];
    assert.equal(t.minA, normalizeDecimal(ra.totals[giver].range.min), `${label}: ${giver} A min`);
    assert.equal(t.maxA, normalizeDecimal(ra.totals[giver].range.max), `${label}: ${giver} A max`);
    assert.equal(t.minB, normalizeDecimal(rb.totals[giver].range.min), `${label}: ${giver} B min`);
    assert.equal(t.maxB, normalizeDecimal(rb.totals[giver].range.max), `${label}: ${giver} B max`);
    const differs = JSON.stringify(ra.totals[giver]) !== JSON.stringify(rb.totals[giver]);
    assert.equal(t.differs, String(differs), `${label}: ${giver} total differs`);
    if (differs) differences += 1;
  }
  assert.equal(Number(shown.totals.county.countA), ra.totals.county_decides);
  assert.equal(Number(shown.totals.county.countB), rb.totals.county_decides);
  if (ra.totals.county_decides !== rb.totals.county_decides) differences += 1;
  assert.equal(shown.count, differences, `${label}: the summary counts every difference`);
  return differences;
}

test('two saved profiles, 0.9亿 against 1亿: the threshold row and the city total differ, as the engine says', async () => {
  const below = await variant('Invest 0.9亿', '90000000');
  const at = await variant('Invest 1亿', '100000000');
  const reward = (r) => r.results.find((x) => x.id === 'enterprise_led_investment_reward');
  assert.equal(reward(below.report).status, 'not_eligible', 'the data puts 0.9亿 below the threshold');
  assert.equal(reward(at.report).status, 'eligible', 'and 1亿 at it');
  const { context, page, guard } = await comparePage([below.profile, at.profile]);
  assert.match(await page.textContent(testid('compare-name-a')), /0\.9亿/);
  assert.match(await page.textContent(testid('compare-name-b')), /1亿/);
  const shown = await readCompare(page);
  const n = assertMatches(shown, below.report, at.report, '0.9亿 vs 1亿');
  assert.ok(n >= 2, 'the threshold changes something');
  assert.equal(shown.rows.enterprise_led_investment_reward.differs, 'true');
  assert.ok(await page.locator('tr.differs').count() >= 2, 'differing rows are highlighted');

  // Swap the sides through the pickers.
  await page.selectOption(testid('compare-a'), 'p2');
  await page.selectOption(testid('compare-b'), 'p1');
  assertMatches(await readCompare(page), at.report, below.report, 'swapped');
  // The same profile on both sides: nothing differs.
  await page.selectOption(testid('compare-b'), 'p2');
  const same = await readCompare(page);
  assert.equal(same.count, 0);
  assert.equal(Object.values(same.rows).filter((r) => r.differs === 'true').length, 0);
  guard.assertClean(assert);
  await context.close();
});

test('one profile against a copy with one answer changed in the page', async () => {
  const at = await variant('Invest 1亿', '100000000');
  const below = await variant('Invest 0.9亿', '90000000');
  const { context, page, guard } = await comparePage([at.profile]);
  // With one saved profile, B is "A with one answer changed".
  assert.equal(await page.inputValue(testid('compare-b')), 'what-if');
  await page.waitForSelector(testid('compare-what-if'));
  assert.equal((await readCompare(page)).count, 0, 'unchanged: no difference');
  await page.selectOption(testid('compare-fact'), FACT);
  await page.fill(testid('compare-value'), '0.9亿');
  await page.press(testid('compare-value'), 'Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-summary"]').dataset.count !== '0');
  assertMatches(await readCompare(page), at.report, below.report, 'what if 0.9亿');
  // A typing mistake is said, and until it is corrected B's question counts as unanswered:
  // neither A's answer nor any part of the text is used in its place.
  await page.fill(testid('compare-value'), '1.2.3亿');
  await page.press(testid('compare-value'), 'Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-value-error"]').textContent.trim() !== '');
  assert.equal(await page.getAttribute(testid('compare-value'), 'aria-invalid'), 'true');
  assert.match(await page.textContent(testid('compare-value-error')), /未回答|not answered/);
  const led = testid('compare-row-enterprise_led_investment_reward');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.statusB === 'needs_answers', led);
  assert.equal(await page.getAttribute(led, 'data-status-a'), 'eligible');
  // A near miss offers its fix, which one tap applies.
  await page.fill(testid('compare-value'), '1忆');
  await page.press(testid('compare-value'), 'Tab');
  await page.click(testid('compare-value-fix'));
  assert.equal(await page.inputValue(testid('compare-value')), '1亿');
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-summary"]').dataset.count === '0');
  guard.assertClean(assert);
  await context.close();
});

test('changing one answer asks the questions the change makes relevant, and their answers count for B', async () => {
  // A: 0.9亿, below the threshold, with the reward's other questions never answered.
  const full = await variant('Invest 1亿', '100000000');
  const reward = full.report.results.find((r) => r.id === 'enterprise_led_investment_reward');
  const others = reward.conditions.map((c) => c.fact).filter((f) => f && f !== FACT && full.profile.answers[f] !== undefined);
  assert.ok(others.length > 0, 'the reward has other questions, so the test can fail');
  const strip = (profile) => ({ ...profile, answers: Object.fromEntries(Object.entries(profile.answers).filter(([f]) => !others.includes(f))) });
  const write = async (profile, name) => {
    const file = path.join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify(profile));
    return cliEvaluate(file, today);
  };
  const a = strip((await variant('Invest 0.9亿 (short)', '90000000')).profile);
  const b = { ...a, answers: { ...a.answers, [FACT]: '100000000' } };
  const [ra, rb] = [await write(a, 'a-short'), await write(b, 'b-short')];
  // The questions still missing for what needs answers in B but did not in A.
  const expected = [...new Set(rb.results
    .filter((r) => r.status === 'needs_answers' && ra.results.find((x) => x.id === r.id)?.status !== 'needs_answers')
    .flatMap((r) => r.missing))];
  assert.ok(expected.length > 0, 'at 1亿 the reward needs its other answers');

  const { context, page, guard } = await comparePage([a]);
  await page.waitForSelector(testid('compare-what-if'));
  await page.selectOption(testid('compare-fact'), FACT);
  await page.locator(testid('compare-value')).fill('');
  await page.locator(testid('compare-value')).pressSequentially('1亿');
  await page.press(testid('compare-value'), 'Tab');
  await page.waitForSelector(testid('compare-relevant'));
  const asked = await page.locator(`${testid('compare-relevant')} [data-testid^="compare-extra-"]`).evaluateAll((els) =>
    els.map((e) => e.dataset.testid.slice('compare-extra-'.length)));
  assert.deepEqual([...asked].sort(), [...expected].sort(), 'exactly the questions the change makes relevant');
  const lead = await page.textContent(`${testid('compare-relevant')} > p`);
  assert.match(lead, asked.length === 1 ? /makes this question relevant; answer it for B/ : /makes these questions relevant; answer them for B/,
    `the lead fits ${asked.length} asked`);
  // Answered as in the full sample, B is the full sample at 1亿.
  for (const fact of asked) {
    const value = full.profile.answers[fact];
    const field = page.locator(testid(`compare-extra-${fact}`));
    if (typeof value === 'boolean') await field.selectOption(value ? 'yes' : 'no');
    else {
      await field.pressSequentially(String(value));
      await field.press('Tab');
    }
  }
  const row = `[data-testid="compare-row-${reward.id}"]`;
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.dataset.statusB === want, [row, reward.status]);
  assert.equal(await page.getAttribute(row, 'data-status-b'), reward.status, 'B follows the answers given in compare');
  guard.assertClean(assert);
  await context.close();
});

test('a profile with no applicant type yet: the message and a link to the start, no empty list of questions', async () => {
  const at = await variant('Invest 1亿', '100000000');
  const blank = { version: 1, name: '', answers: {} };
  const { context, page, guard } = await comparePage([blank, at.profile], 'en', testid('compare-empty'));
  await page.selectOption(testid('compare-b'), 'what-if');
  await page.waitForTimeout(200);
  assert.equal(await page.locator(testid('compare-what-if')).count(), 0, 'no form to change an answer of nothing');
  assert.equal(await page.locator(testid('compare-fact')).count(), 0, 'no empty list of questions');
  assert.match(await page.textContent(testid('compare-empty')), /no applicant type/);
  assert.equal(await page.getAttribute(`${testid('compare-empty')} a`, 'href'), '#/');
  // A with an applicant: the form is there, with A's questions to choose from.
  await page.selectOption(testid('compare-a'), 'p2');
  await page.waitForSelector(testid('compare-what-if'));
  assert.ok((await page.locator(`${testid('compare-fact')} option`).count()) > 1, 'questions to choose from');
  assert.equal(await page.locator(testid('compare-empty')).count(), 0);
  guard.assertClean(assert);
  await context.close();
});

test('on a phone in Chinese the comparison\'s columns stay readable and the table scrolls in its box', async () => {
  const below = await variant('Invest 0.9亿', '90000000');
  const at = await variant('Invest 1亿', '100000000');
  const { context, page, guard } = await comparePage([below.profile, at.profile], 'zh', testid('compare-table'), { viewport: { width: 390, height: 844 } });
  await page.waitForSelector(testid('compare-answers'));
  const narrow = await page.$$eval('.compare-table tbody :is(th, td), .compare-answers tbody :is(th, td)', (cells) => cells
    .filter((cell) => cell.textContent.trim().length >= 3)
    .map((cell) => {
      const style = getComputedStyle(cell);
      const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: cell.textContent.trim().slice(0, 20), chars: width / parseFloat(style.fontSize) };
    })
    .filter((cell) => cell.chars < 3));
  assert.deepEqual(narrow, [], 'every cell gets at least three characters a line');
  const diffs = await page.$$eval('.compare-table td.diff', (cells) => cells.map((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  }));
  assert.ok(diffs.length > 0 && diffs.every((lines) => lines === 1), `each difference mark on one line: ${diffs}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page itself does not scroll sideways (${overflow} px)`);
  guard.assertClean(assert);
  await context.close();
});

test('a side whose name already says the answer that differs does not say it twice', async () => {
  const named = { version: 1, name: 'Peel plant', applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel', answers: {} };
  // Unnamed: the app names it by its applicant type, the answer that differs.
  const unnamed = { version: 1, name: '', applicant: 'college', answers: {} };
  for (const [lang, college, label] of [['zh', '高等院校或职业院校', '申请人类型'], ['en', 'College or vocational school', 'Applicant type']]) {
    const { context, page, guard } = await comparePage([named, unnamed], lang);
    const a = (await page.textContent(testid('compare-name-a'))).trim();
    const b = (await page.textContent(testid('compare-name-b'))).trim();
    assert.equal(b, `B: ${college}`, `${lang}: B is named once: ${b}`);
    assert.ok(a.startsWith('A: Peel plant') && a.includes(label), `${lang}: A's name does not say its applicant type, so the note does: ${a}`);
    guard.assertClean(assert);
    await context.close();
  }
});

test('the comparison can fail: a wrong expectation is caught', async () => {
  const below = await variant('Invest 0.9亿', '90000000');
  const at = await variant('Invest 1亿', '100000000');
  const { context, page } = await comparePage([below.profile, at.profile]);
  const shown = await readCompare(page);
  assert.throws(() => assertMatches(shown, below.report, below.report, 'wrong'));
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`axe finds no violations on the compare screen (${lang})`, async () => {
    const below = await variant('Invest 0.9亿', '90000000');
    const at = await variant('Invest 1亿', '100000000');
    const { context, page, guard } = await comparePage([below.profile, at.profile], lang);
    const check = async (what) => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' | ')}`), [], `${what} (${lang})`);
    };
    await check('two profiles');
    await page.selectOption(testid('compare-b'), 'what-if');
    await page.waitForSelector(testid('compare-what-if'));
    await check('what if');
    guard.assertClean(assert);
    await context.close();
  });
}
