// Tier 2: one full journey per applicant type, in both languages. Each example profile
// (examples/profiles/<type>.json) is entered through the UI exactly as a person would (Start
// screen, then every answered question by its control), and the results screen must show, for
// every incentive, the status and amount the native engine computes for the same file
// (`incentives evaluate <file> --json --as-of <today>`), and the same totals.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { servedApp, openPage, waitForApp } from './support.mjs';
import {
  ROOT, cliEvaluate, todayIso, useLanguage, startAs, answerAll, openResults, readResults,
  readTotals, readQuestions, assertMatchesReport,
} from './journey.mjs';

let server;
let browser;
let questions;
const today = todayIso();
const dir = path.join(ROOT, 'examples/profiles');
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();

servedApp((started) => ({ server, browser } = started));

before(async () => {
  questions = await readQuestions();
});

test('there is an example profile for every applicant type', async () => {
  const types = new Set();
  for (const file of files) {
    const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    if (profile.applicant) types.add(profile.applicant);
  }
  for (const type of ['enterprise', 'investment_promoter', 'hr_agency', 'assistance_workshop',
    'factory_investor', 'county_government', 'college']) {
    assert.ok(types.has(type), `examples/profiles has a ${type} profile`);
  }
});

for (const file of files) {
  for (const lang of ['zh', 'en']) {
    test(`journey: ${file} (${lang}) shows what the engine computes`, async () => {
      const profilePath = path.join(dir, file);
      const profile = JSON.parse(await readFile(profilePath, 'utf8'));
      const report = await cliEvaluate(profilePath, today);
      const { context, page, guard } = await openPage(browser, server.origin);
      await useLanguage(context, lang);
      await page.goto(server.url);
      await waitForApp(page);
      assert.equal(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en');

      if (!profile.applicant) {
        // Nobody chosen yet: the results screen invites the visitor to start, and shows no card.
        await openResults(page);
        await page.waitForSelector('[data-testid="results-empty"]');
        assert.equal(await page.locator('[data-testid^="incentive-"]').count(), 0);
        guard.assertClean(assert);
        await context.close();
        return;
      }

      await startAs(page, profile);
      const unanswered = await answerAll(page, profile, questions);
      assert.deepEqual(unanswered, [], `${file}: every answer of the profile could be entered`);
      await openResults(page);

      const shown = await readResults(page);
      const totals = await readTotals(page);
      assertMatchesReport(assert, shown, totals, report, `${file} (${lang})`);

      // The plan's status is stated as the engine sees it (today is after 2025: out of period).
      const notice = page.locator('[data-testid="plan-notice"]');
      assert.equal(await notice.getAttribute('data-in-period'), String(report.plan.in_period));
      assert.equal(await notice.getAttribute('data-draft'), String(report.plan.draft));
      if (!report.plan.in_period) {
        assert.equal(await page.locator('[data-testid="out-of-period"]').count(), 1);
      }
      // Exact amounts read in the page's language.
      const exact = report.results.find((r) => r.status === 'eligible' && r.amount_kind === 'exact');
      if (exact) {
        const text = await page.locator(`[data-testid="amount-${exact.id}"] .amount-figure`).textContent();
        // As people write amounts: 39万元 / 1.2亿元 in Chinese, RMB 390,000 in English.
        assert.match(text ?? '', lang === 'zh' ? /^(最高 )?\d+(\.\d+)?(万|亿|万亿)?元$/ : /^(up to )?RMB [\d,]+(\.\d\d)?$/, `amount of ${exact.id} in ${lang}: ${text}`);
      }
      guard.assertClean(assert);
      await context.close();
    });
  }
}
