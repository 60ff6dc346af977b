// Page objects and data readers shared by the results, library, targets and journey tests.
// Expectations are never hard-coded: they come from the plan's data files (read with small
// line-based parsers: every field used here sits on one line of its TOML block) or from the
// native command `incentives evaluate … --json`, which runs the same engine natively.

import { readFile, readdir, access } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
/**
 * A hand-off link made before the activity year existed (format 1, tests/corpus/links): the
 * example enterprise profile. An old link still opens, with the default year.
 */
export const FORMAT_1_LINK = 'AW0B82YBpKgBLnQcUHViZWkgY2hlbnBpIHByb2Nlc3NvciwgMjAyNAE8cwF90gFP2QF7viiDjwYBDl8BzQEB2AAnkHEIADC9ASspJ8PkDwHg3SFqST4kLMEPARF_AWhpJrbrAyBP9wwmSpgMAEE_yjA6ZA';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Splits a TOML file into the blocks that start with `[[header]]` (up to the next `[`-line). */
function blocks(text, header) {
  const out = [];
  let current = null;
  for (const line of text.split('\n')) {
    if (/^\[\[?[^\]]+\]\]?\s*$/.test(line.trim()) && !line.startsWith(' ')) {
      if (current) out.push(current);
      current = line.trim() === `[[${header}]]` || line.trim() === `[${header}]` ? [] : null;
      continue;
    }
    if (current) current.push(line);
  }
  if (current) out.push(current);
  return out.map((lines) => lines.join('\n'));
}

const str = (block, key) => (block.match(new RegExp(`^${key} = "([^"]*)"`, 'm')) || [])[1];
const list = (block, key) => {
  const m = block.match(new RegExp(`^${key} = \\[([^\\]]*)\\]`, 'm'));
  return m ? [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]) : [];
};

/** The measures of data/plans/qinzhou-yixianyiye-2023-2025/measures/*.toml: number, kind, giver, beneficiaries, counties, industries. */
export async function readMeasures() {
  const dir = path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/measures');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.toml')).sort();
  const measures = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const b of blocks(text, 'measures')) {
      measures.push({
        number: str(b, 'number'),
        kind: str(b, 'kind'),
        giver: str(b, 'giver'),
        beneficiaries: list(b, 'beneficiaries'),
        counties: list(b, 'counties'),
        industries: list(b, 'industries'),
        leadUnits: list(b, 'lead_units'),
      });
    }
  }
  return measures;
}

/** Facts (id, kind, step, applicants, the hint's own examples) and step ids, in data order, from data/plans/qinzhou-yixianyiye-2023-2025/incentives.toml. */
export async function readQuestions() {
  const text = await readFile(path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/incentives.toml'), 'utf8');
  const steps = blocks(text, 'steps').map((b) => str(b, 'id'));
  const facts = new Map();
  for (const b of blocks(text, 'facts')) {
    facts.set(str(b, 'id'), {
      id: str(b, 'id'), kind: str(b, 'kind'), step: str(b, 'step'),
      applicants: list(b, 'applicants'), examples: list(b, 'examples'),
    });
  }
  return { steps, facts };
}

/** data/statuses.toml: each status's id, labels and whether it is a draft. */
export async function readStatuses() {
  const text = await readFile(path.join(ROOT, 'data/statuses.toml'), 'utf8');
  return blocks(text, 'statuses').map((b) => ({
    id: str(b, 'id'),
    isDraft: /is_draft = true/.test(b),
    label: {
      zh: (b.match(/label = \{ zh = "([^"]+)"/) || [])[1],
      en: (b.match(/label = \{[^}]*en = "([^"]+)"/) || [])[1],
    },
  }));
}

/** Counties, industries and section 二 from data/plans/qinzhou-yixianyiye-2023-2025/plan.toml. */
export async function readPlan() {
  const text = await readFile(path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/plan.toml'), 'utf8');
  const counties = blocks(text, 'counties').map((b) => ({ id: str(b, 'id'), industry: str(b, 'industry') }));
  const industries = blocks(text, 'industries').map((b) => ({ id: str(b, 'id') }));
  const cityGoals = blocks(text, 'goals.city').map((b) => ({
    id: str(b, 'id'),
    value: str(b, 'value'),
    unit: str(b, 'unit'),
    qualifier: str(b, 'qualifier'),
  }));
  const countyTargets = blocks(text, 'goals.counties').map((b) => ({
    county: str(b, 'county'),
    metric: str(b, 'metric'),
    unit: str(b, 'unit'),
    values: [...b.matchAll(/\{\s*year = (\d+), value = "([^"]+)", qualifier = "([a-z_]+)"/g)].map((m) => ({
      year: Number(m[1]),
      value: m[2],
      qualifier: m[3],
    })),
  }));
  const meta = blocks(text, 'meta')[0] || '';
  return {
    counties, industries, cityGoals, countyTargets,
    validFrom: str(meta, 'valid_from'), validTo: str(meta, 'valid_to'), dataVersion: str(meta, 'data_version'),
    // [meta] measure_numbers = [ "一.1", … ]: the plan's measures as it numbers them.
    status: str(meta, 'status'),
    measureNumbers: [...((meta.match(/measure_numbers = \[([^\]]*)\]/) || [])[1] || '').matchAll(/"([^"]+)"/g)].map((m) => m[1]),
  };
}

/** A decimal string as the engine normalizes it: no trailing zeros, no trailing dot. */
export function normalizeDecimal(text) {
  if (text === null || text === undefined || text === '') return '';
  let s = String(text);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Today in the local time zone, as the browser's clock gives it (YYYY-MM-DD). */
export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The native evaluation of a profile file, as JSON (the CLI built by `cargo test`/`cargo build`). */
export async function cliEvaluate(file, asOf = todayIso()) {
  const args = ['evaluate', file, '--json', '--as-of', asOf];
  const binary = path.join(ROOT, 'target/debug/incentives');
  let stdout;
  try {
    await access(binary);
    ({ stdout } = await run(binary, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    if (err && err.code !== 'ENOENT' && err.stdout === undefined) throw err;
    ({ stdout } = await run('cargo', ['run', '--quiet', '--bin', 'incentives', '--', ...args], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    }));
  }
  return JSON.parse(stdout);
}

/** Sets the app's language before any page script runs. */
export async function useLanguage(context, lang) {
  await context.addInitScript((l) => {
    try {
      if (!sessionStorage.getItem('qz.test.lang-set')) {
        localStorage.setItem('qz.lang', l);
        sessionStorage.setItem('qz.test.lang-set', '1');
      }
    } catch {
      /* storage may be off */
    }
  }, lang);
}

const testid = (id) => `[data-testid="${id}"]`;

/** A fraction as the percent a person types: "0.65" → "65". */
export function fractionToPercent(fraction) {
  const [int, frac = ''] = String(fraction).split('.');
  const digits = int + frac.padEnd(2, '0');
  const point = int.length + 2;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/** Start screen: applicant type, county, industry, then begin. */
export async function startAs(page, profile) {
  await page.click(testid(`applicant-${profile.applicant}`));
  if (profile.county) await page.click(testid(`county-${profile.county}`));
  // The start screen asks the industry only of applicants for whom it can change a result.
  if (profile.industry && await page.locator(testid('start-industries')).count()) {
    await page.click(testid(`industry-${profile.industry}`));
  }
  await page.click(testid('begin'));
}

/** Answers one fact through its control, by kind (the questionnaire's test-id contract). */
export async function answerFact(page, fact, value) {
  switch (fact.kind) {
    case 'bool':
      await page.check(testid(`fact-${fact.id}-${value ? 'yes' : 'no'}`));
      break;
    case 'choice':
      await page.check(testid(`fact-${fact.id}-${value}`));
      break;
    case 'percent':
      await page.fill(testid(`fact-${fact.id}`), `${fractionToPercent(value)}%`);
      await page.press(testid(`fact-${fact.id}`), 'Tab');
      break;
    default:
      await page.fill(testid(`fact-${fact.id}`), String(value));
      await page.press(testid(`fact-${fact.id}`), 'Tab');
  }
}

/**
 * Questionnaire: visits every step (by its `step-link-<id>`) and answers each fact of the
 * profile found there; a fact that appears only after another answer is picked up on the
 * next pass. Returns the ids of answered facts the questionnaire never offered.
 */
export async function answerAll(page, profile, questions) {
  const pending = new Map(Object.entries(profile.answers || {}));
  for (const step of questions.steps) {
    const todo = [...pending.keys()].filter((id) => questions.facts.get(id)?.step === step);
    if (todo.length === 0) continue;
    const link = page.locator(testid(`step-link-${step}`));
    if ((await link.count()) > 0) {
      await link.first().click();
    } else {
      await page.evaluate((s) => { location.hash = `#/questions/${s}`; }, step);
    }
    // A question may appear only after another answer, a frame later: stop after two quiet passes.
    for (let pass = 0, quiet = 0; pass < 8 && quiet < 2; pass += 1) {
      if (pass > 0) await page.waitForTimeout(quiet > 0 ? 250 : 50);
      let progress = false;
      for (const id of [...pending.keys()].filter((f) => questions.facts.get(f)?.step === step)) {
        if ((await page.locator(testid(`fact-row-${id}`)).count()) === 0) continue;
        await answerFact(page, questions.facts.get(id), pending.get(id));
        const error = page.locator(testid(`fact-${id}-error`));
        if ((await error.count()) > 0) {
          throw new Error(`the answer to ${id} was refused: ${await error.first().textContent()}`);
        }
        pending.delete(id);
        progress = true;
      }
      quiet = progress ? 0 : quiet + 1;
    }
  }
  return [...pending.keys()];
}

/** Goes to the results screen through the main navigation. */
export async function openResults(page) {
  await page.click('header nav a[href="#/results"]');
  await page.waitForSelector(testid('results-screen'));
}

/** Every incentive shown on the results screen: id → { status, min, max }. */
export async function readResults(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-testid^="incentive-"][data-status]')) {
      const id = el.dataset.testid.slice('incentive-'.length);
      const amount = el.querySelector(`[data-testid="amount-${id}"]`);
      out[id] = {
        status: el.dataset.status,
        min: amount ? amount.dataset.min : null,
        max: amount ? amount.dataset.max : null,
      };
    }
    return out;
  });
}

/** The totals boxes: { city: {min, max}, region: {min, max}, county: n }. */
export async function readTotals(page) {
  return page.evaluate(() => {
    const box = (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el ? { min: el.dataset.min, max: el.dataset.max, count: el.dataset.count } : null;
    };
    return { city: box('total-city'), region: box('total-region'), county: box('total-county') };
  });
}

/** Asserts that the screen shows exactly what the native report says, incentive by incentive. */
export function assertMatchesReport(assert, shown, totals, report, label) {
  for (const r of report.results) {
    const card = shown[r.id];
    assert.ok(card, `${label}: ${r.id} (${r.status}) is on the results screen`);
    assert.equal(card.status, r.status, `${label}: status of ${r.id}`);
    if (r.status !== 'not_applicable') {
      assert.equal(card.min, normalizeDecimal(r.amount_min), `${label}: data-min of ${r.id}`);
      assert.equal(card.max, normalizeDecimal(r.amount_max), `${label}: data-max of ${r.id}`);
    }
  }
  assert.equal(Object.keys(shown).length, report.results.length, `${label}: no extra cards`);
  for (const giver of ['city', 'region']) {
    assert.equal(totals[giver].min, normalizeDecimal(report.totals[giver].range.min), `${label}: ${giver} total min`);
    assert.equal(totals[giver].max, normalizeDecimal(report.totals[giver].range.max), `${label}: ${giver} total max`);
  }
  assert.equal(Number(totals.county.count), report.totals.county_decides, `${label}: county-decides count`);
}
