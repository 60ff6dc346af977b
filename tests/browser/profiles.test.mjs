// Tier 2: several named profiles in Chromium: create, rename, duplicate, switch, delete with
// undo (offered for at least 10 seconds), and all of it saved across a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, waitForApp, waitForSaved, seedOnce } from './support.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

const id = (testid) => `[data-testid="${testid}"]`;

/** Page object for `#/profiles`. */
class ProfilesPage {
  constructor(page) {
    this.page = page;
  }

  async open() {
    await this.page.goto(server.url + '#/profiles');
    await this.page.waitForSelector('h1');
  }

  row(name) {
    return this.page.locator(id('profile-row'), { has: this.page.locator('h2', { hasText: name }) });
  }

  /** [{ id, name, current }] in list order. */
  async rows() {
    return this.page.$$eval('[data-testid=profile-row]', (rows) =>
      rows.map((row) => ({
        id: row.dataset.profileId,
        name: (() => {
          const h2 = row.querySelector('h2').cloneNode(true);
          h2.querySelector('.badge')?.remove();
          return h2.textContent.trim();
        })(),
        current: !!row.querySelector('[data-testid=profile-current]'),
      })),
    );
  }

  async waitForCount(n) {
    await this.page.waitForFunction((k) => document.querySelectorAll('[data-testid=profile-row]').length === k, n);
  }

  async rename(from, to) {
    const row = this.row(from);
    await row.locator(id('profile-rename')).click();
    const input = row.locator(id('profile-rename-input'));
    await input.waitFor();
    assert.equal(await this.page.evaluate(() => document.activeElement?.dataset.testid), 'profile-rename-input');
    await input.fill(to);
    await input.press('Enter');
    await this.row(to).waitFor();
  }
}

/** The saved document, once the app has written its last change (it waits a moment to). */
async function stored(page) {
  await waitForSaved(page);
  return page.evaluate(() => JSON.parse(localStorage.getItem('qz.profiles') || 'null'));
}

test('several profiles: create, rename, duplicate, switch, delete and undo, kept across a reload', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN' });
  await page.goto(server.url);
  await waitForApp(page);
  const profiles = new ProfilesPage(page);

  // Nothing is saved until there is something to save.
  await profiles.open();
  await page.waitForSelector(id('profiles-empty'));
  assert.equal(await stored(page), null);

  // A first profile, made by answering the start screen.
  await page.goto(server.url + '#/');
  await page.check(id('applicant-enterprise'));
  await page.check(id('county-pubei'));
  await page.check(id('industry-tangerine_peel'));
  await profiles.open();
  await profiles.waitForCount(1);
  assert.match(await page.textContent(id('profile-row')), /企业 · 浦北县/);
  await profiles.rename('企业 · 浦北县', '浦北陈皮厂');
  assert.equal((await stored(page)).profiles[0].profile.name, '浦北陈皮厂');

  // Duplicate: a copy right after it, not made current.
  await profiles.row('浦北陈皮厂').locator(id('profile-duplicate')).click();
  await profiles.waitForCount(2);
  let rows = await profiles.rows();
  assert.deepEqual(rows.map((r) => r.name), ['浦北陈皮厂', '浦北陈皮厂（副本）']);
  assert.deepEqual(rows.map((r) => r.current), [true, false]);

  // New: a blank profile, current, on the start screen.
  await page.click(id('profile-new'));
  await page.waitForFunction(() => location.hash === '#/');
  await page.waitForSelector(id('applicant-college'));
  assert.equal(await page.isChecked(id('applicant-enterprise')), false, 'the new profile is blank');
  await page.check(id('applicant-college'));
  await profiles.open();
  await profiles.waitForCount(3);
  rows = await profiles.rows();
  assert.deepEqual(rows.map((r) => r.current), [false, false, true]);
  assert.match(rows[2].name, /高等院校或职业院校/);

  // Switch: open the first; the questionnaire is the enterprise's.
  await profiles.row('浦北陈皮厂').first().locator(id('profile-open')).click();
  await page.waitForFunction(() => location.hash === '#/questions');
  await page.waitForSelector(id('step-link-investment'));
  assert.equal((await stored(page)).active, rows[0].id);
  await page.click(id('step-link-investment'));
  await page.fill(id('fact-led_project_investment'), '1.5亿');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('qz.profiles') || 'null')?.profiles[0].profile.answers.led_project_investment === '150000000');

  // Delete the copy, then undo: it comes back in place, answers and all.
  await profiles.open();
  const before = await profiles.rows();
  const copy = before[1];
  await profiles.row('浦北陈皮厂（副本）').locator(id('profile-delete')).click();
  await profiles.waitForCount(2);
  const undo = page.locator(id('undo'));
  await undo.waitFor();
  // Focus goes to the undo button, one key away.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'undo');
  assert.equal((await stored(page)).profiles.length, 2, 'the deletion is saved');
  await page.keyboard.press('Enter');
  await profiles.waitForCount(3);
  assert.deepEqual(await profiles.rows(), before);
  assert.equal((await stored(page)).profiles[1].id, copy.id);
  await undo.waitFor({ state: 'detached' });

  // Deleting the current profile makes its neighbour current; undo makes it current again.
  await profiles.row('浦北陈皮厂').first().locator(id('profile-delete')).click();
  await profiles.waitForCount(2);
  rows = await profiles.rows();
  assert.deepEqual(rows.map((r) => r.current), [true, false]);
  assert.equal(rows[0].name, '浦北陈皮厂（副本）');
  // The offer lasts at least 10 seconds.
  await page.waitForTimeout(10_500);
  assert.equal(await undo.count(), 1, 'undo is still offered after 10 s');
  await undo.click();
  await profiles.waitForCount(3);
  assert.deepEqual(await profiles.rows(), before);
  await page.goto(server.url + '#/questions/investment');
  await page.waitForSelector(id('fact-led_project_investment'));
  assert.equal(await page.inputValue(id('fact-led_project_investment')), '150,000,000');

  // Everything is still there after a reload.
  await page.reload();
  await waitForApp(page);
  await profiles.open();
  await profiles.waitForCount(3);
  assert.deepEqual(await profiles.rows(), before);
  guard.assertClean(assert);
  await context.close();
});

test('a dismissed undo offer goes away, and renaming can be cancelled with Escape', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await page.goto(server.url);
  await waitForApp(page);
  await page.check(id('applicant-hr_agency'));
  const profiles = new ProfilesPage(page);
  await profiles.open();
  await profiles.waitForCount(1);
  const name = (await profiles.rows())[0].name;
  assert.equal(name, 'HR service agency');

  const row = profiles.row(name);
  await row.locator(id('profile-rename')).click();
  await row.locator(id('profile-rename-input')).fill('Not this');
  await row.locator(id('profile-rename-input')).press('Escape');
  // Focus returns to the Rename button.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'profile-rename');
  assert.equal((await profiles.rows())[0].name, name);

  await row.locator(id('profile-delete')).click();
  await profiles.waitForCount(0);
  await page.waitForSelector(id('profiles-empty'));
  const notice = page.locator(`${id('notice')}[data-kind="deleted"]`);
  assert.match((await notice.textContent()) ?? '', /Deleted profile “HR service agency”/);
  await notice.locator(id('dismiss')).click();
  await notice.waitFor({ state: 'detached' });
  assert.deepEqual((await stored(page)).profiles, []);
  // With no profile left, the start screen is blank.
  await page.goto(server.url + '#/');
  await page.waitForSelector(id('applicant-hr_agency'));
  assert.equal(await page.isChecked(id('applicant-hr_agency')), false);
  guard.assertClean(assert);
  await context.close();
});

test('two tabs of the app follow each other instead of overwriting each other', async () => {
  const { context, page: first, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await first.goto(server.url);
  await waitForApp(first);
  await first.check(id('applicant-enterprise'));
  // Written a moment after the change (ui/autosave.rs); a real browser also writes it when the
  // new tab hides this one, which a headless one does not do.
  await waitForSaved(first);
  const second = await context.newPage();
  const secondErrors = [];
  second.on('pageerror', (e) => secondErrors.push(String(e)));
  second.on('console', (m) => { if (m.type() === 'error') secondErrors.push(m.text()); });
  await second.goto(server.url);
  await waitForApp(second);
  await second.waitForSelector(id('resume'));
  assert.equal(await second.isChecked(id('applicant-enterprise')), true);

  // The first tab changes county; the second sees it without a reload.
  await first.check(id('county-qinnan'));
  await second.waitForFunction((sel) => document.querySelector(sel)?.checked, id('county-qinnan'));
  // The second tab renames; the first sees it, and keeps it when it saves next.
  await second.goto(server.url + '#/profiles');
  const profiles = new ProfilesPage(second);
  await profiles.rename('Enterprise · Qinnan District', 'Shared name');
  await first.goto(server.url + '#/profiles');
  await first.waitForSelector('[data-testid=profile-row] h2:has-text("Shared name")');
  await first.goto(server.url + '#/');
  await first.check(id('industry-timber_furniture'));
  await second.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('Shared name'), '[data-testid=profile-row] h2');
  const doc = await stored(first);
  assert.equal(doc.profiles.length, 1);
  assert.equal(doc.profiles[0].profile.name, 'Shared name');
  assert.equal(doc.profiles[0].profile.industry, 'timber_furniture');
  assert.deepEqual(secondErrors, []);
  guard.assertClean(assert);
  await context.close();
});

test('a saved profile\'s line counts its answers in words and dates day before month, in both languages', async () => {
  // Modified 2023-11-14 22:13 in UTC; the browser's time zone is pinned so the clock time is known.
  const store = (answers) => JSON.stringify({
    version: 1, next_id: 2, active: 'p1',
    profiles: [{ id: 'p1', modified: Date.UTC(2023, 10, 14, 22, 13), profile: { version: 1, name: 'Peel plant', applicant: 'enterprise', county: 'pubei', answers } }],
  });
  for (const [answers, words] of [
    [{ led_project_from_outside_city: true }, { en: '1 answer', zh: '1 个回答' }],
    [{ led_project_from_outside_city: true, led_project_investment: '150000000' }, { en: '2 answers', zh: '2 个回答' }],
  ]) {
    for (const lang of ['en', 'zh']) {
      const { context, page, guard } = await openPage(browser, server.origin, { timezoneId: 'UTC' });
      await seedOnce(context, lang, { 'qz.profiles': store(answers) });
      await page.goto(server.url + '#/profiles');
      const details = page.locator('.profile-details');
      await details.waitFor();
      const text = await details.innerText();
      assert.match(text, new RegExp(`· ${words[lang]} ·`), text);
      if (lang === 'en') assert.match(text, /Last changed: 14 Nov 2023, 22:13/, `British order, as the app's other dates: ${text}`);
      // The start screen's card says the same count.
      await page.goto(server.url + '#/');
      const resume = await page.locator('[data-testid="resume"]').innerText();
      assert.match(resume, new RegExp(`· ${words[lang]}(?!\\w)`), resume);
      guard.assertClean(assert);
      await context.close();
    }
  }
});
