// Tier 2: saved data in Chromium when things go wrong. Corrupt or future-version data is
// kept verbatim in a backup (never over an older backup) and can be exported; an old
// document is migrated; with storage disabled the app works in memory and says so; when the
// quota is full the answers stay in memory and a notice says so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp, openPage, waitForApp, waitForSaved } from './support.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

const id = (testid) => `[data-testid="${testid}"]`;

/** Seeds local storage once, before the app first loads (not again on reload). */
async function seed(context, items) {
  await context.addInitScript((entries) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [key, value] of entries) localStorage.setItem(key, value);
  }, Object.entries(items));
}

async function open(items, contextOptions = { locale: 'en-US' }) {
  const opened = await openPage(browser, server.origin, contextOptions);
  if (items) await seed(opened.context, items);
  await opened.page.goto(server.url);
  await waitForApp(opened.page);
  return opened;
}

const storedItem = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

async function chooseEnterprise(page) {
  await page.check(id('applicant-enterprise'));
  await page.check(id('county-pubei'));
}

const VALID_V1 = JSON.stringify({
  version: 1,
  next_id: 2,
  active: 'p1',
  profiles: [{ id: 'p1', modified: 1700000000000, profile: { version: 1, name: 'Saved firm', applicant: 'enterprise', county: 'pubei' } }],
});

test('truncated JSON: the app loads, says so, keeps the text verbatim in a backup and exports it', async () => {
  const original = VALID_V1.slice(0, VALID_V1.length - 25);
  const { context, page, guard } = await open({ 'qz.profiles': original });
  const notice = page.locator(`${id('notice')}[data-kind="storage-corrupt"]`);
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /damaged|could not be read/);
  assert.match((await notice.textContent()) ?? '', /backup/i);
  assert.equal(await storedItem(page, 'qz.backup.1'), original, 'the backup holds the original text exactly');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click(id('export-backup'))]);
  assert.equal(download.suggestedFilename(), 'qinzhou-profiles-backup-1.json');
  const file = await readFile(await download.path(), 'utf8');
  assert.equal(file, original, 'the exported file is the original text');

  // The app works, and saving resumes with a valid document.
  await chooseEnterprise(page);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('qz.profiles') || 'null')?.version === 1);
  assert.equal(await storedItem(page, 'qz.backup.1'), original, 'the backup is not touched by saving');
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(id('applicant-enterprise'));
  assert.equal(await page.locator(id('notice')).count(), 0, 'once saved again, no more notice');
  assert.equal(await page.isChecked(id('applicant-enterprise')), true);
  // The backup is listed among saved profiles, and can be exported from there too.
  await page.goto(server.url + '#/profiles');
  await page.waitForSelector(id('backup-row'));
  assert.match(await page.textContent('section.backups > p'), /^This is a verbatim copy .* Export it .* delete it /, 'one backup, spoken of as one');
  const [again] = await Promise.all([page.waitForEvent('download'), page.click(id('backup-export'))]);
  assert.equal(await readFile(await again.path(), 'utf8'), original);
  guard.assertClean(assert);
  await context.close();
});

test('an existing backup is never overwritten: the next one gets the next number', async () => {
  const older = 'an older backup, kept as is';
  const original = '{"version":1,"profiles":[{"id":"p1","profile":{"version":1,"applicant":"dragon"}}]}';
  const { context, page, guard } = await open({ 'qz.profiles': original, 'qz.backup.1': older });
  const notice = page.locator(`${id('notice')}[data-kind="storage-corrupt"]`);
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /dragon/, 'says what could not be read');
  assert.equal(await storedItem(page, 'qz.backup.1'), older);
  assert.equal(await storedItem(page, 'qz.backup.2'), original);
  await page.goto(server.url + '#/profiles');
  await page.waitForSelector(`${id('backup-row')}[data-backup="2"]`);
  assert.match(await page.textContent('section.backups > p'), /^These are verbatim copies .* Export them /, 'two backups');
  assert.match(await page.textContent(`${id('backup-row')}[data-backup="1"]`), /Backup 1 · 27 characters/);
  guard.assertClean(assert);
  await context.close();
});

test('an unknown future version is not read, not overwritten silently, and can be exported', async () => {
  const original = JSON.stringify({ version: 99, profiles: [], shiny_new_field: { a: 1 } });
  const { context, page, guard } = await open({ 'qz.profiles': original }, { locale: 'zh-CN' });
  const notice = page.locator(`${id('notice')}[data-kind="storage-future"]`);
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /更新版本/);
  assert.match((await notice.textContent()) ?? '', /99/);
  assert.equal(await storedItem(page, 'qz.backup.1'), original);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(id('export-backup'))]);
  assert.equal(await readFile(await download.path(), 'utf8'), original);
  // The notice can be dismissed; the app is usable.
  await page.click(`${id('notice')}[data-kind="storage-future"] ${id('dismiss')}`);
  await notice.waitFor({ state: 'detached' });
  await chooseEnterprise(page);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('qz.profiles') || 'null')?.version === 1);
  guard.assertClean(assert);
  await context.close();
});

test('a version 0 document is migrated without a notice', async () => {
  const v0 = JSON.stringify({
    version: 0,
    current: 1,
    profiles: [
      { version: 1, name: 'First', applicant: 'college' },
      { version: 1, name: 'Second', applicant: 'enterprise', county: 'qinbei' },
    ],
  });
  const { context, page, guard } = await open({ 'qz.profiles': v0 });
  await page.waitForSelector(id('applicant-enterprise'));
  assert.equal(await page.isChecked(id('applicant-enterprise')), true, 'the current profile is the second');
  assert.equal(await page.isChecked(id('county-qinbei')), true);
  assert.equal(await page.locator(id('notice')).count(), 0);
  await page.goto(server.url + '#/profiles');
  await page.waitForSelector(id('profile-row'));
  const names = await page.$$eval('[data-testid=profile-row] h2', (hs) => hs.map((h) => h.textContent.trim()));
  assert.deepEqual(names.map((n) => n.replace(/Current profile$/, '').trim()), ['First', 'Second']);
  guard.assertClean(assert);
  await context.close();
});

test('with local storage disabled the app works in memory and says so', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  await page.goto(server.url);
  await waitForApp(page);
  const notice = page.locator(`${id('notice')}[data-kind="storage-unavailable"]`);
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /does not let this site save/);
  assert.equal(await notice.locator(id('dismiss')).count(), 0, 'a persistent banner');
  // Everything still works, in memory.
  await chooseEnterprise(page);
  await page.check(id('industry-tangerine_peel'));
  await page.click(id('begin'));
  await page.click(id('step-link-investment'));
  await page.fill(id('fact-led_project_investment'), '1.5亿');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('¥150,000,000'), id('fact-led_project_investment-echo'));
  await page.goto(server.url + '#/profiles');
  await page.waitForSelector(id('profile-row'));
  assert.match((await page.textContent('main')) ?? '', /last only while this page is open/);
  await page.goto(server.url + '#/questions/investment');
  await page.waitForSelector(id('fact-led_project_investment'));
  assert.equal(await page.inputValue(id('fact-led_project_investment')), '150,000,000', 'kept in memory');
  assert.equal(await notice.count(), 1, 'still shown on every screen');
  guard.assertClean(assert);
  await context.close();
});

test('when the quota is full, a notice says so and nothing is lost in memory; retry saves', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (!window.__qzAllowWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await page.goto(server.url);
  await waitForApp(page);
  await chooseEnterprise(page);
  const notice = page.locator(`${id('notice')}[data-kind="save-failed"]`);
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /full/);
  assert.equal(await storedItem(page, 'qz.profiles'), null);
  // More answers: still one notice, answers kept.
  await page.check(id('industry-tangerine_peel'));
  await page.click(id('begin'));
  await page.click(id('step-link-investment'));
  await page.fill(id('fact-led_project_investment'), '5000万');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('¥50,000,000'), id('fact-led_project_investment-echo'));
  assert.equal(await notice.count(), 1);
  await page.goto(server.url + '#/');
  await page.waitForSelector(id('resume'));
  assert.equal(await page.isChecked(id('applicant-enterprise')), true);
  // Space is freed: "try again" saves everything, and the notice goes.
  await page.evaluate(() => { window.__qzAllowWrites = true; });
  await page.click(id('retry-save'));
  await notice.waitFor({ state: 'detached' });
  const saved = JSON.parse((await storedItem(page, 'qz.profiles')) ?? 'null');
  assert.equal(saved.profiles[0].profile.answers.led_project_investment, '50000000');
  guard.assertClean(assert);
  await context.close();
});

test('unreadable data that cannot be backed up is not overwritten until the user says so', async () => {
  const original = '{"version":1,"profiles":[{"id":"p1"';
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  await seed(context, { 'qz.profiles': original });
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(key).startsWith('qz.backup.')) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await page.goto(server.url);
  await waitForApp(page);
  const notice = page.locator(`${id('notice')}[data-kind="storage-corrupt"]`);
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /could not be backed up/);
  assert.equal(await storedItem(page, 'qz.backup.1'), null);
  // Answers are taken, but the unreadable text stays where it is.
  await chooseEnterprise(page);
  await waitForSaved(page);
  assert.equal(await storedItem(page, 'qz.profiles'), original, 'not overwritten');
  // It can still be exported, from memory.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(id('export-backup'))]);
  assert.equal(download.suggestedFilename(), 'qinzhou-profiles-unreadable.json');
  assert.equal(await readFile(await download.path(), 'utf8'), original);
  // Discarding it lets saving resume, with the answers given meanwhile.
  await page.click(id('discard-stored'));
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('qz.profiles') || '{}').profiles?.[0]?.profile.applicant === 'enterprise');
  guard.assertClean(assert);
  await context.close();
});
