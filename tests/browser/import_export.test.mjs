// Tier 2: a profile as a file. Export downloads the engine's profile document; importing it on
// another device previews it and adds it as a new profile, with the same results as the native
// engine. Replacing a saved profile needs an explicit confirmation. Every broken file of the
// fuzz corpus (tests/corpus/profiles/err-*) gives a message and changes nothing; every ok-* file
// previews.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, waitForSaved, testid } from './support.mjs';
import { ROOT, cliEvaluate, todayIso, readResults, readTotals, assertMatchesReport } from './journey.mjs';

let server;
let browser;
let dir;
const today = todayIso();
const presetFile = path.join(ROOT, 'examples/presets/enterprise_qinnan_timber.json');
const corpus = path.join(ROOT, 'tests/corpus/profiles');

servedApp((started) => ({ server, browser } = started));

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qz-import-'));
});

function storeWith(...profiles) {
  return JSON.stringify({
    version: 1, next_id: profiles.length + 1, active: 'p1',
    profiles: profiles.map((profile, i) => ({ id: `p${i + 1}`, modified: 0, profile })),
  });
}

/** The settings screen, with `profiles` saved first (and the app's own form of them as baseline). */
async function settingsPage(profiles, lang = 'en') {
  const opened = await openPage(browser, server.origin, { acceptDownloads: true });
  await opened.context.addInitScript(([s, l]) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    if (s) localStorage.setItem('qz.profiles', s);
    localStorage.setItem('qz.lang', l);
  }, [profiles.length ? storeWith(...profiles) : null, lang]);
  await opened.page.goto(`${server.url}#/settings`);
  await opened.page.waitForSelector(testid('import-file'));
  await waitForSaved(opened.page);
  return opened;
}

const stored = (page) => page.evaluate(() => localStorage.getItem('qz.profiles'));

test('export, then import on another device: same profile, same results', async () => {
  const profile = JSON.parse(await readFile(presetFile, 'utf8'));
  const { context, page, guard } = await settingsPage([profile]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(testid('export-profile'))]);
  assert.match(download.suggestedFilename(), /^qinzhou-.+\.json$/);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  for (const key of ['name', 'applicant', 'county', 'industry', 'answers']) {
    assert.deepEqual(exported[key], profile[key], `exported ${key}`);
  }
  // Written at the current profile version, with the plan and data version it was made under
  // (a preset file of an older version names none: the first plan, data version 1.0.0).
  assert.equal(exported.version, 3, 'exported version');
  assert.equal(exported.plan, 'qinzhou-yixianyiye-2023-2025', 'exported plan');
  assert.equal(exported.data_version, profile.data_version ?? '1.0.0', 'exported data version');
  const report = await cliEvaluate(file, today);
  assert.deepEqual(report.results, (await cliEvaluate(presetFile, today)).results, 'the file evaluates the same');
  guard.assertClean(assert);
  await context.close();

  // Another device: nothing saved there.
  const other = await settingsPage([]);
  await other.page.setInputFiles(testid('import-file'), file);
  await other.page.waitForSelector(testid('import-preview'));
  const eligible = report.results.filter((r) => r.status === 'eligible').length;
  assert.equal(Number(await other.page.getAttribute(testid('import-summary'), 'data-eligible')), eligible);
  assert.equal(await other.page.locator('[data-testid="import-preview"] [data-testid^="answer-"]:not([data-testid="answer-list"])').count(),
    Object.keys(profile.answers).length, 'the preview lists every answer');
  assert.equal(await stored(other.page), null, 'a preview stores nothing');
  await other.page.click(testid('import-add'));
  await other.page.waitForSelector(testid('import-done'));
  await waitForSaved(other.page);
  const store = JSON.parse(await stored(other.page));
  assert.equal(store.profiles.length, 1);
  assert.deepEqual(store.profiles[0].profile.answers, profile.answers);
  await other.page.click(`${testid('import-done')} a`);
  await other.page.waitForSelector('[data-testid="results-screen"] [data-testid="total-city"]');
  assertMatchesReport(assert, await readResults(other.page), await readTotals(other.page), report, 'imported');
  other.guard.assertClean(assert);
  await other.context.close();
});

test('choosing a file is a button in the app\'s language, by tap or keyboard, not the browser\'s own control', async () => {
  for (const lang of ['zh', 'en']) {
    const { context, page, guard } = await settingsPage([], lang);
    const choose = page.locator(testid('import-choose'));
    assert.equal((await choose.textContent()).trim(), lang === 'zh' ? '选择 JSON 文件…' : 'Choose a JSON file…');
    const box = await page.locator(testid('import-file')).boundingBox();
    assert.ok(box && box.width <= 1 && box.height <= 1, 'the browser\'s file control is not shown');
    // A tap on the button opens the file chooser; the chosen file is previewed.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), choose.click()]);
    await chooser.setFiles(presetFile);
    await page.waitForSelector(testid('import-preview'));
    // The keyboard reaches the hidden control, and the button shows where focus is.
    await page.focus(testid('import-file'));
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-file');
    assert.notEqual(await choose.evaluate((el) => getComputedStyle(el).outlineStyle), 'none', 'focus ring on the button');
    guard.assertClean(assert);
    await context.close();
  }
});

test('a saved profile is replaced only after an explicit confirmation', async () => {
  const mine = { version: 1, name: 'Mine', applicant: 'hr_agency', county: 'pubei', answers: { placed_workers: '12' } };
  const { context, page, guard } = await settingsPage([mine]);
  const baseline = await stored(page);
  await page.setInputFiles(testid('import-file'), presetFile);
  await page.waitForSelector(testid('import-preview'));
  await page.click(testid('import-replace'));
  await page.waitForSelector(testid('import-confirm'));
  await waitForSaved(page);
  assert.equal(await stored(page), baseline, 'asking to replace changes nothing yet');
  await page.click(testid('import-replace-cancel'));
  assert.equal(await page.locator(testid('import-confirm')).count(), 0);
  assert.equal(await stored(page), baseline, 'cancelled: nothing changed');
  // Confirmed: the chosen profile now holds the file's answers; no profile is added.
  await page.click(testid('import-replace'));
  await page.click(testid('import-replace-confirm'));
  await page.waitForSelector(testid('import-done'));
  await waitForSaved(page);
  const store = JSON.parse(await stored(page));
  const preset = JSON.parse(await readFile(presetFile, 'utf8'));
  assert.equal(store.profiles.length, 1);
  assert.equal(store.profiles[0].id, 'p1');
  assert.deepEqual(store.profiles[0].profile.answers, preset.answers);
  guard.assertClean(assert);
  await context.close();
});

test('every broken file of the corpus gives a clear message and changes nothing; every good one previews', async () => {
  const mine = { version: 1, name: 'Mine', applicant: 'college', answers: { college_programme_title: true } };
  const { context, page, guard } = await settingsPage([mine]);
  const baseline = await stored(page);
  const files = (await readdir(corpus)).filter((f) => /^(err|ok)-/.test(f)).sort();
  assert.ok(files.filter((f) => f.startsWith('err-')).length > 20);
  // A file too large to be a profile is refused unread.
  const huge = path.join(dir, 'huge.json');
  await writeFile(huge, `{"version":1,"name":"${'x'.repeat(1100 * 1024)}","answers":{}}`);
  for (const name of [...files, 'huge.json']) {
    const file = name === 'huge.json' ? huge : path.join(corpus, name);
    await page.setInputFiles(testid('import-file'), file);
    const outcome = await Promise.race([
      page.waitForSelector(testid('import-error')).then(() => 'error'),
      page.waitForSelector(testid('import-preview')).then(() => 'preview'),
    ]);
    if (name.startsWith('ok-')) {
      assert.equal(outcome, 'preview', `${name} is a valid profile`);
      await page.click(testid('import-cancel'));
    } else {
      assert.equal(outcome, 'error', `${name} is refused`);
      const message = (await page.textContent(testid('import-error'))).trim();
      assert.ok(message.length > 30, `${name}: ${message}`);
      assert.equal(await page.locator(testid('import-preview')).count(), 0);
    }
    await page.setInputFiles(testid('import-file'), []);
  }
  assert.equal(await stored(page), baseline, 'the saved profiles are untouched');
  guard.assertClean(assert);
  await context.close();
});

for (const [lang, says] of [
  ['en', { utf16: /Save it as UTF-8/, empty: /The file is empty/, version: /gives "version" twice/, answer: /gives "in_park" twice in "answers"/ }],
  ['zh', { utf16: /另存为 UTF-8/, empty: /文件是空的/, version: /"version" 出现了两次/, answer: /"answers" 中，"in_park" 出现了两次/ }],
]) {
  test(`import says what is wrong with a UTF-16, an empty or a duplicate-key file (${lang})`, async () => {
    const { context, page, guard } = await settingsPage([], lang);
    for (const [file, expected] of [
      ['err-Utf16-with-bom.json', says.utf16],
      ['err-Utf16-no-bom.json', says.utf16],
      ['err-Empty-zero-bytes.json', says.empty],
      ['err-DuplicateKey-version-99-then-1.json', says.version],
      ['err-DuplicateKey-answer.json', says.answer],
    ]) {
      await page.setInputFiles(testid('import-file'), path.join(corpus, file));
      await page.waitForSelector(testid('import-error'));
      const message = (await page.textContent(testid('import-error'))).trim();
      assert.match(message, expected, `${file}: ${message}`);
      assert.doesNotMatch(message, /column|第 \d+ 列/, `${file}: no line and column for this`);
      await page.setInputFiles(testid('import-file'), []);
    }
    guard.assertClean(assert);
    await context.close();
  });
}

for (const lang of ['zh', 'en']) {
  test(`axe finds no violations on settings with an import preview, a confirmation and an error (${lang})`, async () => {
    const mine = { version: 1, name: 'Mine', applicant: 'college', answers: {} };
    const { context, page, guard } = await settingsPage([mine], lang);
    const check = async (what) => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' | ')}`), [], `${what} (${lang})`);
    };
    await check('settings');
    await page.setInputFiles(testid('import-file'), presetFile);
    await page.waitForSelector(testid('import-preview'));
    await page.click(testid('import-replace'));
    await page.waitForSelector(testid('import-confirm'));
    await check('preview and confirmation');
    await page.setInputFiles(testid('import-file'), path.join(corpus, 'err-UnknownFact-future-question.json'));
    await page.waitForSelector(testid('import-error'));
    await check('error');
    guard.assertClean(assert);
    await context.close();
  });
}
