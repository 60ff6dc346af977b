// Tier 2: the printable receipt (#/receipt). Its content against the native engine and the
// plan's data (answers, every incentive with status, amount and clause, totals by level, data
// version, validity, date printed, disclaimer), and printed to PDF by headless Chromium: one A4
// page, for the samples with the most answers and incentives, in both languages.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, testid } from './support.mjs';
import { ROOT, cliEvaluate, todayIso, normalizeDecimal, readPlan, readQuestions } from './journey.mjs';

let server;
let browser;
let plan;
let disclaimer;
const today = todayIso();
const presetDir = path.join(ROOT, 'examples/presets');

servedApp((started) => ({ server, browser } = started));

before(async () => {
  plan = await readPlan();
  const toml = await readFile(path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/plan.toml'), 'utf8');
  const m = toml.match(/^disclaimer = \{ zh = "([^"]*)", en = "([^"]*)" \}/m);
  disclaimer = { zh: m[1], en: m[2] };
});

async function presetFiles() {
  return (await readdir(presetDir)).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(presetDir, f));
}

/** The longest receipt there can be: an enterprise that answered every question, long name. */
async function everyAnswerFile() {
  const { facts } = await readQuestions();
  const text = await readFile(path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/incentives.toml'), 'utf8');
  const enterprise = new Set(text.split(/^\[\[/m)
    .filter((block) => block.startsWith('facts]]') && /^applicants = \[[^\]]*"enterprise"/m.test(block))
    .map((block) => block.match(/^id = "([^"]+)"/m)[1]));
  const value = { bool: true, money: '123456789.5', count: '12', percent: '0.5' };
  const answers = Object.fromEntries([...facts.values()].filter((f) => enterprise.has(f.id)).map((f) => [f.id, value[f.kind]]));
  assert.ok(Object.keys(answers).length > 25, 'every enterprise question');
  const profile = {
    version: 1, name: 'Every question answered, with a long name that has to wrap on the printed receipt',
    applicant: 'enterprise', county: 'qinnan', industry: 'timber_furniture', answers,
  };
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'qz-receipt-')), 'every-answer.json');
  await writeFile(file, JSON.stringify(profile));
  return file;
}

async function receiptFor(file, lang) {
  const profile = JSON.parse(await readFile(file, 'utf8'));
  const opened = await openPage(browser, server.origin);
  const store = JSON.stringify({ version: 1, next_id: 2, active: 'p1', profiles: [{ id: 'p1', modified: 0, profile }] });
  await opened.context.addInitScript(([s, l]) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('qz.profiles', s);
    localStorage.setItem('qz.lang', l);
  }, [store, lang]);
  await opened.page.goto(`${server.url}#/receipt`);
  await opened.page.waitForSelector(testid('receipt'));
  return { ...opened, profile };
}

/** Pages of a PDF: `/Type /Page` objects (not `/Pages`). */
function pdfPages(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

test('the receipt holds the answers, every incentive, the totals by level, version, validity, date and disclaimer', async () => {
  const file = path.join(presetDir, 'enterprise_lingshan_toys.json');
  const { context, page, guard, profile } = await receiptFor(file, 'en');
  const report = await cliEvaluate(file, today);

  const answers = await page.locator('[data-testid^="answer-"]').evaluateAll((els) =>
    els.filter((e) => e.dataset.testid !== 'answer-list').map((e) => e.dataset.testid.slice(7)));
  assert.deepEqual([...answers].sort(), Object.keys(profile.answers).sort(), 'every answer, once');
  const revenue = await page.textContent(testid('answer-main_revenue'));
  assert.match(revenue, /105,000,000/, 'amounts as a person reads them');

  const relevant = report.results.filter((r) => r.status !== 'not_applicable');
  assert.equal(await page.locator('[data-testid="incentive-table"] tbody tr').count(), relevant.length);
  for (const r of relevant) {
    const row = page.locator(testid(`incentive-${r.id}`));
    assert.equal(await row.getAttribute('data-status'), r.status, r.id);
    const amount = row.locator(testid(`amount-${r.id}`));
    assert.equal(await amount.getAttribute('data-min'), normalizeDecimal(r.amount_min), `${r.id} min`);
    assert.equal(await amount.getAttribute('data-max'), normalizeDecimal(r.amount_max), `${r.id} max`);
    assert.equal((await row.locator('.clause').textContent()).trim(), r.clause, `${r.id} clause`);
    assert.ok((await row.locator('.status').textContent()).trim().length > 3, `${r.id}: status in words`);
  }
  for (const giver of ['city', 'region']) {
    assert.equal(await page.getAttribute(testid(`total-${giver}`), 'data-min'), normalizeDecimal(report.totals[giver].range.min));
    assert.equal(await page.getAttribute(testid(`total-${giver}`), 'data-max'), normalizeDecimal(report.totals[giver].range.max));
  }
  assert.equal(Number(await page.getAttribute(testid('total-county'), 'data-count')), report.totals.county_decides);

  assert.match(await page.textContent(testid('receipt-data-version')), new RegExp(plan.dataVersion.replace(/\./g, '\\.')));
  const validity = await page.textContent(testid('receipt-validity'));
  assert.ok(validity.includes(plan.validFrom) && validity.includes(plan.validTo), validity);
  assert.match(await page.textContent(testid('receipt-date')), new RegExp(today));
  assert.equal((await page.textContent(testid('receipt-disclaimer'))).trim(), disclaimer.en);
  guard.assertClean(assert);
  await context.close();
});

test('a short answer stays on one line beside its question ("24 sets", "18 persons", "Yes"), on a desk and on a phone', async () => {
  for (const sample of ['enterprise_qinnan_timber.json', 'assistance_workshop.json']) {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const profile = JSON.parse(await readFile(path.join(presetDir, sample), 'utf8'));
      const { context, page, guard } = await openPage(browser, server.origin, { viewport });
      const store = JSON.stringify({ version: 1, next_id: 2, active: 'p1', profiles: [{ id: 'p1', modified: 0, profile }] });
      await context.addInitScript((st) => { localStorage.setItem('qz.profiles', st); localStorage.setItem('qz.lang', 'en'); }, store);
      await page.goto(`${server.url}#/receipt`);
      await page.waitForSelector(testid('answer-list'));
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const split = await page.evaluate(() => [...document.querySelectorAll('.answer-row dd')]
        .filter((dd) => dd.textContent.trim().length <= 14)
        .filter((dd) => {
          const range = document.createRange();
          range.selectNodeContents(dd);
          return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1;
        })
        .map((dd) => dd.textContent.trim()));
      assert.deepEqual(split, [], `${sample} at ${viewport.width} px: short answers split over lines`);
      guard.assertClean(assert);
      await context.close();
    }
  }
});

test('printed, it is one A4 page with only the receipt on it, for every sample, in both languages', async () => {
  for (const lang of ['zh', 'en']) {
    for (const file of [...await presetFiles(), await everyAnswerFile()]) {
      const { context, page, guard } = await receiptFor(file, lang);
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.site-header', '.site-footer', testid('receipt-print'), testid('handoff-open')]) {
        assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
      }
      assert.ok(await page.locator(testid('receipt-disclaimer')).isVisible());
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      assert.equal(pdfPages(pdf), 1, `${path.basename(file)} (${lang}): one page`);
      guard.assertClean(assert);
      await context.close();
    }
  }
});

test('the page-count check can fail: the results screen of the biggest sample prints on several pages', async () => {
  const { context, page } = await receiptFor(path.join(presetDir, 'enterprise_qinnan_timber.json'), 'en');
  await page.evaluate(() => { location.hash = '#/results'; });
  await page.waitForSelector('[data-testid="results-screen"] [data-testid="total-city"]');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdfPages(pdf) > 1, 'the full results are longer than one page');
  await context.close();
});

test('with nothing answered the receipt says so, and axe finds no violations (both languages)', async () => {
  for (const lang of ['zh', 'en']) {
    const { context, page, guard } = await openPage(browser, server.origin);
    await context.addInitScript((l) => localStorage.setItem('qz.lang', l), lang);
    await page.goto(`${server.url}#/receipt`);
    await page.waitForSelector(testid('receipt-empty'));
    // Nothing to print or hand over: no Print or "Take this with you" above the empty state.
    for (const action of ['receipt-print', 'handoff-open']) {
      assert.equal(await page.locator(testid(action)).count(), 0, `no ${action} with nothing answered (${lang})`);
    }
    const empty = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    assert.deepEqual(empty.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target).join(' ')}`), [], `empty receipt (${lang})`);
    guard.assertClean(assert);
    await context.close();

    const full = await receiptFor(path.join(presetDir, 'enterprise_pubei_chenpi.json'), lang);
    for (const action of ['receipt-print', 'handoff-open']) {
      assert.equal(await full.page.locator(testid(action)).count(), 1, `${action} with a result (${lang})`);
    }
    const results = await new AxeBuilder({ page: full.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target).join(' ')}`), [], `receipt (${lang})`);
    full.guard.assertClean(assert);
    await full.context.close();
  }
});
