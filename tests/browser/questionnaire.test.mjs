// Tier 2: the start screen and the questionnaire in Chromium. Money fields understand what
// people type and say what they understood; text that cannot be read leaves the question
// unanswered (never a stale figure) and is kept as typed; the live summary follows the
// answers. State survives a reload. (Typing key by key on a phone: typed_amounts.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, waitForApp, waitForSaved } from './support.mjs';
import { readQuestions } from './journey.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

const id = (testid) => `[data-testid="${testid}"]`;

/** Page object for the start screen and the questionnaire. */
class Questionnaire {
  constructor(page) {
    this.page = page;
  }

  async start({ applicant, county, industry }) {
    const { page } = this;
    await page.waitForSelector(id(`applicant-${applicant}`));
    await page.check(id(`applicant-${applicant}`));
    if (county) await page.check(id(`county-${county}`));
    if (industry) await page.check(id(`industry-${industry}`));
    await page.click(id('begin'));
    await page.waitForFunction(() => location.hash.startsWith('#/questions'));
    await page.waitForSelector(id('live-summary'));
  }

  async step(stepId) {
    await this.page.click(id(`step-link-${stepId}`));
    await this.page.waitForFunction((s) => location.hash === `#/questions/${s}`, stepId);
  }

  field(fact) {
    return this.page.locator(id(`fact-${fact}`));
  }

  async type(fact, text) {
    await this.field(fact).fill(text);
  }

  /** Types and leaves the field, as a person does. */
  async enter(fact, text) {
    await this.field(fact).fill(text);
    await this.field(fact).press('Tab');
  }

  async echo(fact) {
    return ((await this.page.textContent(id(`fact-${fact}-echo`))) ?? '').trim();
  }

  async yes(fact) {
    await this.page.check(id(`fact-${fact}-yes`));
  }

  async summary() {
    return ((await this.page.textContent(id('live-summary'))) ?? '').replace(/\s+/g, ' ').trim();
  }

  async cityTotal() {
    return ((await this.page.textContent(id('summary-city'))) ?? '').trim();
  }

  async stored() {
    await waitForSaved(this.page);
    return this.page.evaluate(() => {
      const doc = JSON.parse(localStorage.getItem('qz.profiles') || 'null');
      if (!doc) return null;
      return doc.profiles.find((p) => p.id === doc.active)?.profile ?? null;
    });
  }
}

/** An enterprise of Pubei's featured industry, at the enterprise-led investment step. */
async function atInvestmentStep(lang = 'zh-CN') {
  const opened = await openPage(browser, server.origin, { locale: lang });
  await opened.page.goto(server.url);
  await waitForApp(opened.page);
  const q = new Questionnaire(opened.page);
  await q.start({ applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel' });
  await q.step('investment');
  return { ...opened, q };
}

test('money fields accept 1.5亿, 5000万, １２３万 and 120,000 and echo the amount in yuan', async () => {
  const { context, page, guard, q } = await atInvestmentStep();
  const field = q.field('led_project_investment');
  assert.equal(await field.getAttribute('type'), 'text');
  assert.equal(await field.getAttribute('inputmode'), 'text', 'a keyboard that can type 万 and 亿');
  const cases = [
    ['1.5亿', '= 150,000,000 元', '150000000'],
    ['5000万', '= 50,000,000 元', '50000000'],
    ['１２３万', '= 1,230,000 元', '1230000'],
    ['120,000', '= 120,000 元', '120000'],
  ];
  for (const [typed, echo, stored] of cases) {
    await q.type('led_project_investment', typed);
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.textContent.trim() === want,
      [id('fact-led_project_investment-echo'), echo],
    );
    assert.equal(await q.echo('led_project_investment'), echo, typed);
    assert.equal((await q.stored()).answers.led_project_investment, stored, `${typed} is saved`);
    assert.equal(await field.inputValue(), typed, 'the text stays as typed');
    assert.equal(await page.locator(id('fact-led_project_investment-error')).count(), 0);
  }
  guard.assertClean(assert);
  await context.close();
});

test('an invalid amount shows an inline error and leaves the question unanswered, in both languages', async () => {
  const { context, page, guard, q } = await atInvestmentStep();
  for (const fact of ['led_project_from_outside_city', 'led_project_in_chain', 'led_project_in_production']) {
    await q.yes(fact);
  }
  await q.type('led_project_investment', '1.5亿');
  await q.enter('led_project_fai_this_year', '5000万');
  // 2‰ × 50,000,000 = 100,000 (10万元), under the 500,000 cap (四.2(4)).
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('10万元'), id('summary-city'));
  const summaryBefore = await q.summary();
  const echoBefore = await q.echo('led_project_fai_this_year');
  assert.equal(echoBefore, '= 50,000,000 元');

  await q.enter('led_project_fai_this_year', '12万5');
  const error = page.locator(id('fact-led_project_fai_this_year-error'));
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /无法识别这个金额/);
  assert.match((await error.textContent()) ?? '', /未回答/, 'says the question is unanswered');
  assert.doesNotMatch((await error.textContent()) ?? '', /50,000,000/, 'no stale answer beside the error');
  const field = q.field('led_project_fai_this_year');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = ((await field.getAttribute('aria-describedby')) ?? '').split(' ');
  const errorSlot = await error.evaluate((el) => el.parentElement.id);
  assert.ok(describedBy.includes(errorSlot), 'the error describes the field');
  assert.equal(await field.inputValue(), '12万5', 'the invalid text is not thrown away');
  assert.equal(await q.echo('led_project_fai_this_year'), '', 'no echo of a stale value');
  await page.waitForFunction((sel) => !document.querySelector(sel)?.textContent.includes('100,000'), id('summary-city'));
  assert.ok(!('led_project_fai_this_year' in (await q.stored()).answers), 'not stored as an answer');

  // The error follows the language.
  await page.click(id('lang-toggle'));
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match((await error.textContent()) ?? '', /could not be read/);
  assert.match((await error.textContent()) ?? '', /not answered/);
  assert.equal(await q.echo('led_project_fai_this_year'), '');

  // A reload keeps what was typed (this tab's draft), with its error.
  await page.reload();
  await field.waitFor();
  assert.equal(await field.inputValue(), '12万5', 'the typed text survives a reload');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /not answered/);
  assert.equal(await q.echo('led_project_fai_this_year'), '');
  assert.ok(!('led_project_fai_this_year' in (await q.stored()).answers), 'still not an answer');

  // Correcting it clears the error and updates everything.
  await q.type('led_project_fai_this_year', '6000万');
  await page.waitForFunction((sel) => !document.querySelector(sel), id('fact-led_project_fai_this_year-error'));
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.equal(await q.echo('led_project_fai_this_year'), '= ¥60,000,000');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('RMB 120,000'), id('summary-city'));
  assert.equal(await page.evaluate(() => sessionStorage.getItem('qz.drafts')), null, 'the draft is gone once corrected');

  // Clearing the field makes the question unanswered.
  await q.enter('led_project_fai_this_year', '');
  await page.waitForFunction(() => {
    const doc = JSON.parse(localStorage.getItem('qz.profiles') || '{}');
    return !('led_project_fai_this_year' in (doc.profiles?.[0]?.profile.answers ?? {}));
  });
  assert.equal(await q.echo('led_project_fai_this_year'), '');
  assert.equal(await page.locator(id('fact-led_project_fai_this_year-error')).count(), 0);
  assert.doesNotMatch(await q.cityTotal(), /120,000/);
  guard.assertClean(assert);
  await context.close();
});

test('yes / no questions can be set back to "not answered"', async () => {
  const { context, page, guard, q } = await atInvestmentStep();
  const fact = 'led_project_in_chain';
  await q.yes(fact);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('qz.profiles') || 'null')?.profiles[0].profile.answers.led_project_in_chain === true);
  await page.check(id(`fact-${fact}-no`));
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('qz.profiles') || 'null')?.profiles[0].profile.answers.led_project_in_chain === false);
  await page.check(id(`fact-${fact}-unanswered`));
  await page.waitForFunction(() => !('led_project_in_chain' in JSON.parse(localStorage.getItem('qz.profiles') || 'null')?.profiles[0].profile.answers));
  assert.equal(await page.isChecked(id(`fact-${fact}-unanswered`)), true);
  assert.equal(await page.isChecked(id(`fact-${fact}-yes`)), false);
  // The three radios are one group, in a fieldset with a legend.
  const group = await page.locator(id(`fact-row-${fact}`)).evaluate((row) => ({
    legend: row.querySelector('fieldset > legend')?.textContent.trim().length > 0,
    names: [...row.querySelectorAll('input[type=radio]')].map((r) => r.name),
  }));
  assert.ok(group.legend);
  assert.equal(new Set(group.names).size, 1);
  assert.equal(group.names.length, 3);
  guard.assertClean(assert);
  await context.close();
});

test('only this applicant\'s questions are asked, in steps with progress, and pointless ones are skipped', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url + '#/questions');
  await waitForApp(page);
  // No applicant yet: the questionnaire sends people to the start.
  await page.waitForSelector('main a[href="#/"]');
  assert.equal(await page.locator(id('live-summary')).count(), 0);
  await page.goto(server.url + '#/');
  const q = new Questionnaire(page);
  await page.click(id('begin'));
  await page.waitForSelector(id('applicant-error'));
  assert.equal(await page.evaluate(() => location.hash), '#/', 'begin needs an applicant');
  await q.start({ applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel' });

  const steps = await page.$$eval('[data-testid^="step-link-"]', (links) => links.map((a) => a.dataset.testid));
  assert.ok(steps.includes('step-link-firm') && steps.includes('step-link-investment'), steps.join());
  for (const other of ['promoter', 'hr_agency', 'workshop', 'factory', 'county', 'college']) {
    assert.ok(!steps.includes(`step-link-${other}`), `no ${other} step for an enterprise`);
  }
  assert.equal(await page.locator(id('fact-row-promoter_kind')).count(), 0);
  // The first step is current (waited for: on a loaded machine the list can be drawn a frame
  // before its current mark); next-step walks through the list.
  await page.waitForSelector(`${id(steps[0])}[aria-current="step"]`, { timeout: 5000 });
  assert.equal(await page.getAttribute(id(steps[0]), 'aria-current'), 'step');
  await page.click(id('next-step'));
  const second = steps[1].replace('step-link-', '');
  await page.waitForFunction((s) => location.hash === `#/questions/${s}`, second);
  await page.waitForSelector(`${id(steps[1])}[aria-current="step"]`, { timeout: 5000 });
  assert.equal(await page.getAttribute(id(steps[1]), 'aria-current'), 'step');
  // Focus moves once the new step is drawn (ui/route_focus.rs, a frame after the hash changes).
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'focus moves to the new step');

  // Answering "no" to a gate skips the questions it makes pointless, and they can be shown.
  await q.step('investment');
  await page.waitForSelector(id('fact-row-led_project_investment'));
  await page.check(id('fact-led_project_from_outside_city-no'));
  await page.waitForSelector(id('fact-row-led_project_investment'), { state: 'detached' });
  assert.equal(await page.locator(id('fact-row-led_project_from_outside_city')).count(), 1, 'the gate itself stays');
  await page.click(id('toggle-skipped'));
  await page.waitForSelector(id('fact-row-led_project_investment'));
  await page.click(id('toggle-skipped'));
  await page.waitForSelector(id('fact-row-led_project_investment'), { state: 'detached' });
  await page.check(id('fact-led_project_from_outside_city-unanswered'));
  await page.waitForSelector(id('fact-row-led_project_investment'));
  guard.assertClean(assert);
  await context.close();
});

test('the start screen offers the county\'s featured industry, and answers survive a reload', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  await page.check(id('applicant-enterprise'));
  await page.check(id('county-pubei'));
  const industries = await page.$$eval('[data-testid^="industry-"]', (els) => els.map((e) => e.dataset.testid));
  assert.deepEqual(industries, ['industry-tangerine_peel', 'industry-other']);
  await page.check(id('industry-tangerine_peel'));
  await page.check(id('county-lingshan'));
  await page.waitForSelector(id('industry-toys_textiles'));
  assert.equal(await page.isChecked(id('industry-other')), false, 'a featured industry of another county is cleared');
  await page.check(id('industry-toys_textiles'));

  const q = new Questionnaire(page);
  await page.click(id('begin'));
  await page.waitForSelector(id('live-summary'));
  await q.step('investment');
  await q.type('led_project_investment', '1.5亿');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('150,000,000'), id('fact-led_project_investment-echo'));
  await q.yes('led_project_in_chain');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('qz.profiles') || '{}').profiles?.[0]?.profile.answers.led_project_in_chain === true);

  await page.reload();
  await page.waitForSelector(id('fact-led_project_investment'));
  assert.equal(await q.field('led_project_investment').inputValue(), '150,000,000');
  assert.equal(await q.echo('led_project_investment'), '= 150,000,000 元');
  assert.equal(await page.isChecked(id('fact-led_project_in_chain-yes')), true);
  await page.goto(server.url + '#/');
  await page.waitForSelector(id('resume'));
  assert.equal(await page.getAttribute(id('resume-continue'), 'href'), '#/questions/firm', 'continue at the first open step');
  assert.equal(await page.isChecked(id('applicant-enterprise')), true);
  assert.equal(await page.isChecked(id('county-lingshan')), true);
  assert.equal(await page.isChecked(id('industry-toys_textiles')), true);
  guard.assertClean(assert);
  await context.close();
});

test('leaving the questionnaire while a field has focus keeps the app working', async () => {
  const { context, page, guard, q } = await atInvestmentStep('en-US');
  // Leaving removes the focused field, and browsers then fire its `change` event.
  await q.type('led_project_investment', '12万5');
  await page.click('nav a[href="#/profiles"]');
  await page.waitForSelector(id('profile-row'));
  await q.field('led_project_investment').waitFor({ state: 'detached' });
  await page.goBack();
  await page.waitForSelector(id('fact-led_project_investment'));
  await q.type('led_project_investment', '2亿');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('¥200,000,000'), id('fact-led_project_investment-echo'));
  guard.assertClean(assert);
  await context.close();
});

test('the start screen offers no "continue" card for the profile being created, and no industry to an HR agency', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US', viewport: { width: 390, height: 844 } });
  await page.goto(server.url);
  await waitForApp(page);
  await page.check(id('applicant-enterprise'));
  await page.check(id('county-pubei'));
  assert.equal(await page.locator(id('resume')).count(), 0, 'no "continue where you left off" for this very profile');
  assert.equal(await page.locator(id('start-industries')).count(), 1, 'an enterprise is asked its industry');
  await page.check(id('applicant-hr_agency'));
  await page.waitForFunction((sel) => !document.querySelector(sel), id('start-industries'));
  // Coming back to the start later, the started profile is offered to continue.
  await page.click('header nav a[href="#/results"]');
  await page.click('header nav a[href="#/"]');
  await page.waitForSelector(id('resume'));
  guard.assertClean(assert);
  await context.close();
});

test('the questionnaire\'s summary of the start screen\'s choices has no industry row for an HR agency, and says "not chosen" for an enterprise', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await page.goto(server.url);
  await waitForApp(page);
  const q = new Questionnaire(page);
  const rows = () => page.locator('.choices-summary dt').allInnerTexts();
  await q.start({ applicant: 'enterprise', county: 'pubei' });
  assert.equal((await rows()).length, 3, 'an enterprise: applicant, county and industry');
  assert.match(await page.locator('.choices-summary dd').nth(2).innerText(), /not chosen/);
  await page.click('header nav a[href="#/"]');
  await page.check(id('applicant-hr_agency'));
  await page.click(id('begin'));
  await page.waitForSelector(id('live-summary'));
  const hr = await rows();
  assert.equal(hr.length, 2, `an HR agency is asked no industry: ${hr.join(' | ')}`);
  assert.ok(!(await page.locator('.choices-summary').innerText()).includes('not chosen'), 'nothing reads as a choice missed');
  guard.assertClean(assert);
  await context.close();
});

test('a count of months offers its own examples, not 万, and a percentage is typed as a percentage', async () => {
  const { facts } = await readQuestions();
  const own = [...facts.values()].filter((f) => f.examples.length > 0);
  assert.ok(own.some((f) => f.kind === 'count'), 'the data gives a count question its own examples');
  for (const [locale, lists] of [['zh-CN', (xs) => xs.join('、')], ['en-US', (xs) => `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`]]) {
    for (const fact of own) {
      const { context, page, guard } = await openPage(browser, server.origin, { locale, viewport: { width: 390, height: 844 } });
      await page.goto(server.url);
      await waitForApp(page);
      const q = new Questionnaire(page);
      await q.start({ applicant: fact.applicants[0] });
      await q.step(fact.step);
      const hint = (await page.textContent(`#fact-${fact.id}-hint`)).trim();
      assert.ok(hint.includes(lists(fact.examples)), `${locale} ${fact.id}: ${hint}`);
      assert.doesNotMatch(hint, /万|wan/, `${locale} ${fact.id}: no 万 for this count`);
      guard.assertClean(assert);
      await context.close();
    }
  }
  // The factory investor's occupancy rate: what the question says to type is what the field reads.
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  await page.goto(server.url);
  await waitForApp(page);
  const q = new Questionnaire(page);
  const rate = [...facts.values()].find((f) => f.kind === 'percent' && f.applicants.includes('factory_investor'));
  await q.start({ applicant: 'factory_investor' });
  await q.step(rate.step);
  const around = await page.locator(`.fact:has(${id(`fact-${rate.id}`)})`).innerText();
  assert.doesNotMatch(around, /0 到 1(?!00)|小数/, `no instruction to type a fraction: ${around}`);
  await q.field(rate.id).click();
  await q.field(rate.id).pressSequentially('65', { delay: 20 });
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim() === '= 65%', id(`fact-${rate.id}-echo`));
  guard.assertClean(assert);
  await context.close();
});

test('the skipped questions\' note reads as evenly spaced lines: its button does not push them apart', async () => {
  for (const [locale, viewport] of [['zh-CN', { width: 390, height: 844 }], ['en-US', { width: 1280, height: 900 }]]) {
    const { context, page, guard } = await openPage(browser, server.origin, { locale, viewport });
    await page.goto(server.url);
    await waitForApp(page);
    const q = new Questionnaire(page);
    await q.start({ applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel' });
    await q.step('investment');
    await page.check(id('fact-led_project_from_outside_city-no'));
    await page.waitForSelector(id('toggle-skipped'));
    const { tops, lineHeight } = await page.evaluate(() => {
      const note = document.querySelector('.skipped-note');
      const button = note.querySelector('button');
      const lineTops = (node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return [...range.getClientRects()].map((r) => Math.round(r.top));
      };
      const text = [...note.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const all = [...text.flatMap(lineTops), ...lineTops(button.firstChild ?? button)];
      return { tops: [...new Set(all)].sort((a, b) => a - b), lineHeight: parseFloat(getComputedStyle(note).lineHeight) };
    });
    assert.ok(tops.length >= 2, `${locale}: the note wraps at this width (${tops.join(', ')})`);
    for (let i = 1; i < tops.length; i++) {
      assert.ok(tops[i] - tops[i - 1] <= lineHeight + 2, `${locale}: lines at ${tops.join(', ')} px, each ${lineHeight} px apart at most`);
    }
    guard.assertClean(assert);
    await context.close();
  }
});
