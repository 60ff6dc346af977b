// Tier 2: the loading shell (index.html, src/ui/shell.rs, scripts/shell.py). Before any wasm has
// arrived the page shows the app's name, the plan's status and years (ended, after valid_to) and a
// loading line in the browser's language, under the strict CSP; the app then mounts in its place
// without moving anything. The wasm is blocked (or held back) to keep the page in its shell state;
// screenshots go to target/shell-shots/. Expectations come from plan.toml or from the app itself
// once mounted, never written here.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { DIST, servedApp, serveDist, openPage, waitForApp, waitForSaved, testid } from './support.mjs';
import { ROOT } from './journey.mjs';

let server;
let browser;
servedApp((started) => ({ server, browser } = started));

const SHOTS = path.join(ROOT, 'target/shell-shots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
// Between the two: where the header's navigation may take a second row.
const TABLET = { width: 820, height: 1180 };
const LOCALES = [['zh-CN', 'zh'], ['en-US', 'en']];
const LIBRARY_LINK = '#/library/%E5%9B%9B.2(4)'; // #/library/四.2(4), a hand-off link's kind
let meta;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  const toml = await readFile(path.join(ROOT, 'data/plans/qinzhou-yixianyiye-2023-2025/plan.toml'), 'utf8');
  const section = toml.split(/^\[meta\]$/m)[1].split(/^\[/m)[0];
  const str = (key) => section.match(new RegExp(`^${key} = "([^"]*)"`, 'm'))[1];
  const pair = (key) => {
    const m = section.match(new RegExp(`^${key} = \\{ zh = "([^"]*)", en = "([^"]*)" \\}`, 'm'));
    return { zh: m[1], en: m[2] };
  };
  // The status's label: the plan's own status_label if it has one, else its status's in
  // data/statuses.toml (as Policy::resolve_status).
  const statuses = await readFile(path.join(ROOT, 'data/statuses.toml'), 'utf8');
  const entry = statuses.split(/^\[\[statuses\]\]$/m).find((b) => b.match(/^id = "([^"]*)"/m)?.[1] === str('status'));
  const label = section.match(/^status_label = /m) ? pair('status_label')
    : (({ 1: zh, 2: en }) => ({ zh, en }))(entry.match(/^label = \{ zh = "([^"]*)", en = "([^"]*)" \}/m));
  meta = { validFrom: str('valid_from'), validTo: str('valid_to'), status: label, title: pair('title') };
});

/** Records CSP violations in the page (`window.__cspViolations`) from its first script on. */
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
}

/** Stores `storage`'s keys before the page's own scripts run. */
async function seed(context, storage) {
  if (!storage) return;
  await context.addInitScript((items) => { for (const [k, v] of items) localStorage.setItem(k, v); }, Object.entries(storage));
}

/** A page whose wasm never arrives: it stays in the shell state. */
async function shellPage(options, { storage, clock, origin = server.origin } = {}) {
  const opened = await openPage(browser, origin, options);
  const { context, page } = opened;
  await watchCsp(context);
  await seed(context, storage);
  if (clock) await page.clock.install({ time: new Date(clock) });
  // Held, not refused: a refused wasm is the app failing to load, which the shell says (below).
  await page.route('**/*.wasm', () => {});
  return opened;
}

/** The boxes of the start screen's choices shown under `root`: each group, each card, Begin. */
async function choiceBoxes(page, root) {
  const boxes = await page.locator(`${root} .start-form :is(fieldset, label, .begin button)`).evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, left: r.left, width: r.width, height: r.height };
  }).filter((b) => b.width > 0 && b.height > 0));
  assert.ok(boxes.length > 10, `the choices are drawn under ${root}`);
  return { choices: boxes };
}

/** A page whose wasm waits until `release()`: the shell can be used, then the app takes over. */
async function heldPage(options) {
  const opened = await openPage(browser, server.origin, options);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await opened.page.route('**/*.wasm', async (route) => { await released; await route.continue(); });
  return { ...opened, release };
}

const visibleText = (page, sel) => page.locator(sel).first().evaluate((el) => el.innerText.trim());
const cspViolations = (page) => page.evaluate(() => window.__cspViolations);
const box = (page, sel) => page.locator(sel).first().evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, left: r.left, width: r.width, height: r.height };
});

test('every inline script of the built page is allowed by its hash, and nothing else inline is', async () => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  const hashes = scriptSrc.match(/'sha256-[A-Za-z0-9+/=]+'/g) ?? [];
  const inline = [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)].filter((m) => !/\ssrc=/.test(m[1] ?? ''));
  assert.equal(inline.length, 3, "Trunk's module script, the shell's, and the shell's today in the results' notice");
  for (const [, , body] of inline) {
    const digest = `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
    assert.ok(hashes.includes(digest), `an inline script's hash is in script-src: ${body.trim().slice(0, 60)}…`);
  }
  assert.equal(hashes.length, inline.length, 'no hash of anything else');
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'/);
  assert.doesNotMatch(html, /%%[A-Z_]+%%/, 'every shell placeholder is filled');
});

for (const [locale, lang] of LOCALES) {
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    test(`before the wasm arrives: name, status, ended, the start screen's choices, loading (${lang}, ${device})`, async () => {
      const { context, page } = await shellPage({ locale, viewport });
      await page.goto(server.url);
      await page.waitForSelector(testid('app-shell'));
      assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'en' : 'zh-CN');
      const status = await visibleText(page, testid('shell-status'));
      assert.ok(status.includes(meta.status[lang]), `the status label from plan.toml: ${status}`);
      assert.ok(status.includes(`${meta.validFrom.slice(0, 4)}–${meta.validTo.slice(0, 4)}`), status);
      // Today (2026 in this project's world, or whenever the test runs) is after valid_to:
      // one notice shows, the ended one.
      assert.equal(await page.locator(`${testid('shell-period')}:visible`).count(), 1);
      const ended = await visibleText(page, `${testid('shell-period')}:visible`);
      assert.match(ended, lang === 'en' ? /ended on \d+ \w+ \d{4}/ : /已于\d{4}年\d+月\d+日结束/);
      // A first visit: the start screen's choices at once, Begin waiting for the app.
      assert.ok(await page.locator(testid('shell-start-form')).isVisible(), 'the choices show');
      assert.equal(await page.locator('.shell-loading').isVisible(), false, 'the loading line is beside Begin');
      const loading = await visibleText(page, '.shell-begin-loading');
      assert.match(loading, lang === 'en' ? /Loading/ : /加载/);
      assert.equal(await page.locator('.shell-start-form button:disabled').count(), 1, 'Begin waits');
      const other = lang === 'en' ? /[\u4e00-\u9fff]{4}/ : /Loading|Draft|Enterprise/;
      assert.doesNotMatch(await visibleText(page, testid('app-shell')), other, 'one language only');
      // One banner, one main, one level-1 heading, as roles: the elements are the app's, which
      // tests wait for (support.mjs). No navigation yet: its labels are not links; the buttons
      // are the language switch and Begin, disabled (and Reload, hidden unless the app fails).
      assert.equal(await page.locator('main, header, nav, footer, h1, h2, a, button:enabled:not(.lang-toggle):not(.shell-reload)').count(), 0);
      assert.equal(await page.locator('[role="banner"]').count(), 1);
      assert.equal(await page.locator('[role="main"]').count(), 1);
      // (The results' heading is there too, hidden: a hidden element is in no one's way.)
      assert.equal(await page.locator('[role="heading"][aria-level="1"]:visible').count(), 1);
      assert.deepEqual(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'nothing wider than the screen');
      await page.screenshot({ path: path.join(SHOTS, `shell-${lang}-${device}.png`) });
      assert.deepEqual(await cspViolations(page), [], 'no CSP violation: the inline script is hashed');
      await context.close();
    });
  }

  test(`axe finds no violations in the shell (${lang})`, async () => {
    for (const [hash, ready] of [['', 'shell-status'], ['#/results', 'shell-plan-notice']]) {
      const { context, page } = await shellPage({ locale, viewport: PHONE });
      await page.goto(server.url + hash);
      await page.waitForSelector(testid(ready));
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
      );
      assert.deepEqual(summary, [], `axe violations in the shell (${lang}, ${hash || '#/'})`);
      await context.close();
    }
  });
}

test('without a script the shell does not claim to be loading, nor offer choices that cannot work', async () => {
  const { context, page } = await openPage(browser, server.origin, { locale: 'zh-CN', javaScriptEnabled: false });
  await page.goto(server.url);
  assert.ok(await page.locator(testid('shell-status')).isVisible(), 'the name and status still show');
  assert.equal(await page.locator('.shell-loading').isVisible(), false);
  assert.equal(await page.locator(testid('shell-start-form')).isVisible(), false);
  await context.close();
});

// A stored document with one profile (profiles.rs's format), `profile` its content.
const storedProfile = (profile) => ({
  'qz.profiles': JSON.stringify({ version: 1, next_id: 2, active: 'p1', profiles: [{ id: 'p1', modified: 1700000000000, profile }] }),
});

test('the shell offers the choices only where the app would draw them as they are: a first visit to #/', async () => {
  for (const [what, hash, storage, offered] of [
    ['a first visit', '', null, true],
    ['#/ with nothing saved', '#/', null, true],
    ['a blank profile saved', '', storedProfile({ version: 3, answers: {} }), true],
    ['a profile with an applicant (the app shows it, and offers to continue)', '', storedProfile({ version: 3, applicant: 'college' }), false],
    ['a named profile', '', storedProfile({ version: 3, name: 'Mine' }), false],
    ['unreadable saved data (the app says so first)', '', { 'qz.profiles': '{"version":1,' }, false],
    ['another screen', '#/library', null, false],
    ['fair mode', '?fair=1', null, false],
    ['a plan asked for', '?plan=qinzhou-yixianyiye-2023-2025', null, false],
  ]) {
    const { context, page } = await shellPage({ locale: 'zh-CN', viewport: PHONE }, { storage });
    await page.goto(server.url + hash);
    await page.waitForSelector(testid('shell-status'));
    assert.equal(await page.locator(testid('shell-start-form')).isVisible(), offered, what);
    assert.equal(await page.locator('.shell-loading').isVisible(), !offered, `${what}: the loading line`);
    await context.close();
  }
});

for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`choices made before the app runs are the app's, focus included, and saved (${device})`, async () => {
    const { context, page, guard, release } = await heldPage({ locale: 'en-US', viewport });
    await page.goto(server.url);
    await page.waitForSelector(testid('shell-start-form'));
    // As a person does: a tap on a card's label, and the keyboard within a group.
    await page.locator('#app-shell label:has(input[value="enterprise"])').click();
    await page.locator('#app-shell label:has(input[value="pubei"])').click();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => [document.activeElement.name, document.activeElement.value]);
    assert.deepEqual(focused, ['county', 'qinnan'], 'the arrow key moved to the next county');
    const before = await choiceBoxes(page, '#app-shell');
    const shellIndustries = await page.locator('#app-shell input[name="industry"]:visible').evaluateAll((els) => els.map((el) => el.value));
    release();
    await waitForApp(page);
    await page.waitForSelector(testid('begin'));
    assert.equal(await page.locator(testid('app-shell')).count(), 0, 'the shell is gone');
    assert.ok(await page.locator(testid('applicant-enterprise')).isChecked());
    assert.ok(await page.locator(testid('county-qinnan')).isChecked());
    // Nothing moves: no "continue" panel appears above the choices the person is making.
    assert.equal(await page.locator(testid('resume')).count(), 0);
    const after = await choiceBoxes(page, '#main');
    assert.deepEqual(after, before, 'every card and Begin stay: the shell offered what the app offers');
    assert.deepEqual(
      await page.evaluate(() => [document.activeElement.name, document.activeElement.value, document.activeElement.closest('#main') !== null]),
      ['county', 'qinnan', true],
      'focus is on the same radio, now the app\'s',
    );
    // Qinnan's featured industry and "other" are offered, as the shell offered them once the
    // county was chosen; the choice is saved like any other.
    assert.deepEqual(
      await page.locator('#main input[name="industry"]').evaluateAll((els) => els.map((el) => el.value)),
      shellIndustries,
    );
    assert.ok(await page.locator(testid('industry-timber_furniture')).isVisible());
    await waitForSaved(page);
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('qz.profiles')));
    const active = saved.profiles.find((e) => e.id === saved.active).profile;
    assert.equal(active.applicant, 'enterprise');
    assert.equal(active.county, 'qinnan');
    // Begin now works.
    await page.locator(testid('begin')).click();
    await page.waitForURL(/#\/questions/);
    guard.assertClean(assert);
    await context.close();
  });
}

test('the shell picks the language as the app does: stored choice, else the browser language (en… English, else Chinese)', async () => {
  for (const [options, storage, want] of [
    [{ locale: 'zh-CN' }, { 'qz.lang': 'en' }, 'en'],
    [{ locale: 'en-US' }, { 'qz.lang': 'zh' }, 'zh-CN'],
    [{ locale: 'en-GB' }, null, 'en'],
    [{ locale: 'fr-FR' }, null, 'zh-CN'],
  ]) {
    const label = JSON.stringify([options, storage]);
    // In the shell…
    const held = await shellPage(options, { storage });
    await held.page.goto(server.url);
    assert.equal(await held.page.getAttribute('html', 'lang'), want, `shell: ${label}`);
    await held.context.close();
    // …and once the app has mounted: the same.
    const { context, page, guard } = await openPage(browser, server.origin, options);
    await seed(context, storage);
    await page.goto(server.url);
    await waitForApp(page);
    await page.waitForSelector('.site-header nav a');
    assert.equal(await page.getAttribute('html', 'lang'), want, `app: ${label}`);
    guard.assertClean(assert);
    await context.close();
  }
});

test('in the shell as in the app, an applicant an industry cannot matter to is not asked one, and nothing moves at the swap', async () => {
  const { context, page, guard, release } = await heldPage({ locale: 'zh-CN', viewport: PHONE });
  await page.goto(server.url);
  await page.waitForSelector(testid('shell-start-form'));
  const industries = page.locator('#app-shell #question-industry');
  assert.ok(await industries.isVisible(), 'asked while no applicant is chosen');
  await page.locator('#app-shell label:has(input[value="hr_agency"])').click();
  assert.equal(await industries.isVisible(), false, 'an HR agency is not asked its industry');
  await page.locator('#app-shell label:has(input[value="enterprise"])').click();
  assert.ok(await industries.isVisible(), 'an enterprise is');
  await page.locator('#app-shell label:has(input[value="hr_agency"])').click();
  const begin = await box(page, '#app-shell .begin button');
  release();
  await waitForApp(page);
  await page.waitForSelector(testid('begin'));
  assert.ok(await page.locator(testid('applicant-hr_agency')).isChecked());
  assert.equal(await page.locator(testid('start-industries')).count(), 0, 'the app does not ask either');
  assert.deepEqual(await box(page, testid('begin')), begin, 'Begin stays where it was');
  guard.assertClean(assert);
  await context.close();
});

test('the shell\'s language switch works before the app runs, and the app mounts in the language chosen', async () => {
  const { context, page, guard, release } = await heldPage({ locale: 'zh-CN', viewport: PHONE });
  await page.goto(server.url);
  await page.waitForSelector(testid('shell-lang-toggle'));
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  const toggle = page.getByRole('button', { name: /English/ });
  assert.equal(await toggle.count(), 1, 'named as the app names it: "切换语言：English"');
  await toggle.click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await visibleText(page, '.lead'), /^Answer a few questions/);
  assert.ok(await page.getByRole('button', { name: 'Language: 中文' }).isVisible(), 'and back, in English');
  release();
  await waitForApp(page);
  await page.waitForSelector('.site-header nav a');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await visibleText(page, 'h1'), /Qinzhou/);
  assert.equal(await page.evaluate(() => localStorage.getItem('qz.lang')), 'en');
  assert.ok(await page.evaluate(() => document.activeElement.matches('.site-header .lang-toggle')), 'focus stays on the switch, now the app\'s');
  guard.assertClean(assert);
  await context.close();
});

test('before valid_to the shell does not say the period ended: it runs, or has not started', async () => {
  const running = new Date(`${meta.validTo}T12:00:00`);
  running.setDate(running.getDate() - 30);
  const early = new Date(`${meta.validFrom}T12:00:00`);
  early.setDate(early.getDate() - 1);
  for (const [day, says] of [[running, /Its period is \d{4}–\d{4} \(until \d+ \w+ \d{4}\)\./], [early, /Its period, \d{4}–\d{4}, has not started\./]]) {
    const { context, page } = await shellPage({ locale: 'en-US' }, { clock: day });
    await page.goto(server.url);
    await page.waitForSelector(testid('shell-status'));
    assert.equal(await page.locator(`${testid('shell-period')}:visible`).count(), 1, 'one notice');
    const notice = await visibleText(page, `${testid('shell-period')}:visible`);
    assert.doesNotMatch(notice, /ended/);
    assert.match(notice, says);
    await context.close();
  }
});

test('a route opened cold (a hand-off link to the library) shows the same shell until the app renders', async () => {
  const { context, page } = await shellPage({ locale: 'zh-CN', viewport: PHONE });
  await page.goto(server.url + LIBRARY_LINK);
  await page.waitForSelector(testid('shell-status'));
  assert.ok(await page.locator('.shell-loading').isVisible());
  assert.ok((await visibleText(page, testid('shell-status'))).includes(meta.status.zh));
  const header = await box(page, '.site-header');
  await page.screenshot({ path: path.join(SHOTS, 'shell-zh-phone-library-link.png') });
  assert.deepEqual(await cspViolations(page), []);
  await context.close();

  const app = await openPage(browser, server.origin, { locale: 'zh-CN', viewport: PHONE });
  await app.page.goto(server.url + LIBRARY_LINK);
  await waitForApp(app.page);
  await app.page.waitForSelector('.site-header nav a');
  assert.equal(await app.page.locator(testid('app-shell')).count(), 0, 'the shell is gone');
  assert.deepEqual(await box(app.page, '.site-header'), header, 'the header stays where it was');
  app.guard.assertClean(assert);
  await app.context.close();
});

test('a screen opened cold leaves out the start screen\'s lead, so its loading line is on a phone\'s first screen', async () => {
  for (const [locale, lang] of LOCALES) {
    // (The results' own first lines: the test after this one.)
    for (const hash of [LIBRARY_LINK, '#/share/AW0B82YB']) {
      const { context, page } = await shellPage({ locale, viewport: PHONE });
      await page.goto(server.url + hash);
      await page.waitForSelector(testid('shell-status'));
      assert.equal(await page.locator('#app-shell .lead').isVisible(), false, `${lang} ${hash}: the start screen's lead is not this screen's`);
      const loading = await box(page, '.shell-loading');
      assert.ok(loading.height > 0 && loading.top + loading.height <= PHONE.height, `${lang} ${hash}: the loading line ends at ${Math.round(loading.top + loading.height)} px, on the first screen`);
      assert.ok(await page.locator(`${testid('shell-period')}:visible`).count() === 1, `${lang} ${hash}: the period notice stays`);
      if (hash === LIBRARY_LINK) await page.screenshot({ path: path.join(SHOTS, `shell-${lang}-phone-elsewhere.png`) });
      await context.close();
    }
    // The start screen keeps it: the app's own start screen begins with the same lines.
    const { context, page } = await shellPage({ locale, viewport: PHONE });
    await page.goto(server.url);
    await page.waitForSelector(testid('shell-status'));
    assert.ok(await page.locator('#app-shell .lead').isVisible(), `${lang} #/: the lead is shown`);
    await context.close();
  }
});

/** The text and box of the visible element `sel` in the page (the shell's blocks come in
 * both languages and every state of the period; one is shown). */
const shown = (page, sel) => page.locator(sel).evaluateAll((els) => {
  const el = els.find((e) => e.checkVisibility());
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { text: el.innerText.trim(), top: r.top, left: r.left, width: r.width, height: r.height };
});

test('the results opened cold show their heading and plan notice as the app draws them, and nothing moves at the swap', async () => {
  const ended = null;
  const running = new Date(`${meta.validTo}T12:00:00`);
  running.setDate(running.getDate() - 30);
  const early = new Date(`${meta.validFrom}T12:00:00`);
  early.setDate(early.getDate() - 1);
  const cases = [
    ...LOCALES.flatMap(([locale, lang]) => [PHONE, DESKTOP].map((viewport) => ({ locale, lang, viewport, day: ended }))),
    { locale: 'en-US', lang: 'en', viewport: PHONE, day: running },
    { locale: 'zh-CN', lang: 'zh', viewport: PHONE, day: early },
  ];
  for (const { locale, lang, viewport, day } of cases) {
    const what = `${lang} ${viewport.width}px ${day ? day.toISOString().slice(0, 10) : 'today'}`;
    const { context, page, guard, release } = await heldPage({ locale, viewport });
    if (day) await page.clock.install({ time: day });
    await page.addInitScript(() => {
      window.__lcp = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__lcp.push({ at: performance.now(), size: e.size });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${server.url}#/results`);
    await page.waitForSelector(testid('shell-results'));
    assert.equal(await page.isVisible(testid('shell-status')), false, `${what}: not the start screen's badge`);
    assert.equal(await page.locator(`${testid('shell-period')}:visible`).count(), 0, `${what}: nor its notice: the results' own`);
    const heading = await shown(page, '#app-shell .shell-results .shell-title');
    const notice = await shown(page, '#app-shell .shell-results-notice .plan-notice');
    const loading = await box(page, '.shell-loading');
    assert.ok(notice && loading.top >= notice.top + notice.height, `${what}: the loading line after the notice`);
    if (viewport === PHONE) assert.ok(loading.top + loading.height <= viewport.height, `${what}: and on the first screen`);
    await page.screenshot({ path: path.join(SHOTS, `shell-${lang}-${viewport.width}-results.png`) });
    const painted = await page.evaluate(() => performance.now());
    release();
    await page.waitForSelector(testid('results-empty'), { timeout: 20000 });
    assert.equal(await page.locator(testid('app-shell')).count(), 0, `${what}: the shell is gone`);
    const appHeading = await shown(page, '#main .results-screen > h1');
    const appNotice = await shown(page, `#main ${testid('plan-notice')}`);
    assert.deepEqual(heading, appHeading, `${what}: the heading reads the same and stays where it was`);
    assert.deepEqual(notice, appNotice, `${what}: the plan notice reads the same and stays where it was`);
    // After the period (today), the warning is the screen's largest text. The same words in the
    // same boxes: the app's copy is no larger a paint than the shell's, so the page's largest
    // paint is the shell's, long before the wasm (what Lighthouse weighs). (On a faked clock
    // performance.now() is faked too, and a running period's short line is not the largest.)
    if (!day) {
      await page.waitForTimeout(300);
      const later = (await page.evaluate(() => window.__lcp)).filter((e) => e.at > painted);
      assert.deepEqual(later, [], `${what}: no larger paint once the app took over`);
    }
    guard.assertClean(assert);
    await context.close();
  }
});

test('the results opened cold with an applicant saved: their heading, and the start screen\'s notice until the summary comes', async () => {
  const { context, page } = await shellPage({ locale: 'en-US', viewport: PHONE }, {
    storage: storedProfile({ applicant: 'enterprise', county: 'lingshan', answers: {} }),
  });
  await page.goto(`${server.url}#/results`);
  await page.waitForSelector(testid('shell-results'));
  assert.match(await visibleText(page, '#app-shell .shell-results .shell-title'), /Your results/);
  assert.equal(await page.isVisible(testid('shell-plan-notice')), false, 'the app shows the summary before the plan notice');
  assert.equal(await page.locator(`${testid('shell-period')}:visible`).count(), 1, 'the period is still said');
  await context.close();

  // A plan asked for in the address may not be the one the shell knows: the start screen's lines.
  const asked = await shellPage({ locale: 'en-US', viewport: PHONE });
  await asked.page.goto(`${server.url}?plan=other#/results`);
  await asked.page.waitForSelector(testid('shell-status'));
  assert.equal(await asked.page.isVisible(testid('shell-results')), false);
  await asked.context.close();
});

test('when the app\'s own code cannot be loaded the shell says so, and Reload loads the page again', async () => {
  for (const [what, file, locale, says] of [
    ['the wasm', /_bg\.wasm$/, 'zh-CN', /未能加载/],
    ['the JS', /qinzhou-incentives-[0-9a-f]+\.js$/, 'en-US', /could not be loaded/],
  ]) {
    const { context, page, guard } = await openPage(browser, server.origin, { locale, viewport: PHONE, serviceWorkers: 'block' });
    await page.route(file, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone after a deploy' }));
    await page.goto(server.url);
    const failed = page.locator(`${testid('shell-failed')}[role="alert"]`);
    await failed.waitFor({ timeout: 20000 });
    assert.match(await failed.innerText(), says, `${what}: the message, in the page's language`);
    const where = await box(page, testid('shell-failed'));
    assert.ok(where.top + where.height <= PHONE.height, `${what}: on a phone's first screen (ends at ${Math.round(where.top + where.height)} px)`);
    assert.equal(await page.locator('.shell-loading').isVisible(), false, `${what}: no "loading" for ever`);
    assert.equal(await page.locator(testid('shell-start-form')).isVisible(), false, `${what}: no choices that wait for code that is not coming`);
    assert.equal(await page.locator(`${testid('shell-period')}:visible`).count(), 1, `${what}: the period is still said`);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], `${what}: axe`);
    // The files are back (the network returned): Reload brings the app.
    await page.unroute(file);
    await page.locator('#app-shell .shell-reload').click();
    await waitForApp(page);
    assert.equal(await page.locator(testid('app-shell')).count(), 0, `${what}: the app took over after Reload`);
    assert.deepEqual(guard.foreignRequests, []);
    await context.close();
  }
});

test('under a sub-path the shell shows, under the CSP, and the app takes over', async () => {
  const base = '/tools/qinzhou/';
  const sub = await serveDist({ base });
  const held = await shellPage({ locale: 'en-US', viewport: PHONE }, { origin: sub.origin });
  await held.page.goto(sub.url);
  await held.page.waitForSelector(testid('shell-status'));
  assert.ok((await visibleText(held.page, testid('shell-status'))).includes(meta.status.en));
  assert.deepEqual(await cspViolations(held.page), []);
  await held.context.close();
  const { context, page, guard } = await openPage(browser, sub.origin, { locale: 'en-US', viewport: PHONE });
  await page.goto(sub.url);
  await waitForApp(page);
  assert.equal(await page.locator(testid('app-shell')).count(), 0);
  guard.assertClean(assert);
  await context.close();
  await sub.close();
});

for (const [locale, lang] of LOCALES) {
  for (const [device, viewport] of [['phone', PHONE], ['tablet', TABLET], ['desktop', DESKTOP]]) {
    test(`the app takes over without moving anything, and says what the shell said (${lang}, ${device})`, async () => {
      const held = await shellPage({ locale, viewport });
      await held.page.goto(server.url);
      await held.page.waitForSelector(testid('app-shell'));
      const shell = {
        header: await box(held.page, '.site-header'),
        brand: await box(held.page, '.brand'),
        toggle: await box(held.page, '.lang-toggle'),
        title: await box(held.page, '.shell-title:visible'),
        lead: await box(held.page, '.lead'),
        status: await box(held.page, '.plan-status'),
        notice: await box(held.page, `${testid('shell-period')}:visible`),
        ...await choiceBoxes(held.page, '#app-shell'),
      };
      const shellTexts = {
        brand: await visibleText(held.page, '.brand'),
        title: await visibleText(held.page, '.shell-title:visible'),
        lead: await visibleText(held.page, '.lead'),
        status: await visibleText(held.page, '.plan-status'),
        nav: await held.page.locator(`.shell-nav > span:visible > span`).allInnerTexts(),
        notice: await visibleText(held.page, `${testid('shell-period')}:visible`),
        choices: await held.page.locator('#app-shell .start-form :is(legend, .hint, label):visible').allInnerTexts(),
      };
      // The navigation's row looks the same too: where it is cut off (a phone), the same glow
      // at the edge where more follows.
      const navBackground = (page, sel) => page.locator(sel).evaluate((el) => getComputedStyle(el).backgroundImage);
      const shellNav = await navBackground(held.page, '.shell-nav');
      await held.context.close();

      const { context, page, guard } = await openPage(browser, server.origin, { locale, viewport });
      await page.goto(server.url);
      await waitForApp(page);
      await page.waitForSelector('.site-header nav a');
      assert.equal(await page.locator(testid('app-shell')).count(), 0, 'the shell is gone');
      assert.equal(await page.locator('main, [role="main"]').count(), 1, 'one main');
      assert.equal(await page.locator('header, [role="banner"]').count(), 1, 'one banner');
      assert.equal(await page.locator('h1, [role="heading"][aria-level="1"]').count(), 1, 'one level-1 heading');
      const app = {
        header: await box(page, '.site-header'),
        brand: await box(page, '.brand'),
        toggle: await box(page, '.lang-toggle'),
        title: await box(page, 'h1'),
        lead: await box(page, '.lead'),
        status: await box(page, '.plan-status'),
        notice: await box(page, testid('period-notice')),
        ...await choiceBoxes(page, '#main'),
      };
      assert.deepEqual(app, shell, 'header, name, language switch, title, lead, status line, notice and every choice keep their boxes');
      assert.deepEqual({
        brand: await visibleText(page, '.brand'),
        title: await visibleText(page, 'h1'),
        lead: await visibleText(page, '.lead'),
        status: await visibleText(page, '.plan-status'),
        nav: await page.locator('.site-header nav a').allInnerTexts(),
        notice: await visibleText(page, testid('period-notice')),
        choices: await page.locator('#main .start-form :is(legend, .hint, label):visible').allInnerTexts(),
      }, shellTexts, 'the same words');
      assert.equal(shellNav, await navBackground(page, '.site-header nav'), 'the navigation\'s row has the same background');
      await page.screenshot({ path: path.join(SHOTS, `app-${lang}-${device}.png`) });
      guard.assertClean(assert);
      await context.close();
    });
  }
}

// Cumulative layout shift while the page loads, the wasm held back so the shell is painted first.
// The swap itself replaces the shell's nodes with the app's (new nodes are not shifts), so this
// catches what moves afterwards; the boxes above catch a swap that would look like a jump.
// The measures' texts (fetched by the library once it shows, ui/library/texts.rs) are held back
// too: their arrival lengthens the clause text and moves what is below it, a shift of the
// library screen itself (CLS ≈ 0.1 on a cold library link), not of the app taking over.
for (const [name, hash] of [['the start screen', ''], ['a library link', LIBRARY_LINK]]) {
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    test(`loading ${name} with the wasm held back 1.5 s shifts no layout (${device})`, async () => {
      const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN', viewport });
      await context.addInitScript(() => {
        window.__cls = 0;
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            window.__cls += e.value;
            window.__shifts.push({ value: e.value, at: Math.round(e.startTime), nodes: (e.sources ?? []).map((s) => s.node?.className || s.node?.nodeName || '?') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      let asked;
      const wasmAsked = new Promise((resolve) => { asked = resolve; });
      await page.route('**/*.wasm', async (route) => {
        asked();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      let releaseTexts;
      const textsReleased = new Promise((resolve) => { releaseTexts = resolve; });
      await page.route('**/measure-texts-*.json', async (route) => {
        await textsReleased;
        await route.continue();
      });
      await page.goto(server.url + hash);
      await wasmAsked;
      await page.waitForSelector(testid('shell-status'));
      const showing = hash ? '.shell-loading' : testid('shell-start-form');
      assert.ok(await page.locator(showing).isVisible(), 'the shell is showing while the wasm is held');
      await waitForApp(page);
      await page.waitForSelector('.site-header nav a');
      // Let late layout settle: two frames after a quiet half second.
      await page.waitForTimeout(500);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const { cls, shifts } = await page.evaluate(() => ({ cls: window.__cls, shifts: window.__shifts }));
      releaseTexts();
      assert.ok(cls < 0.01, `CLS ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
      guard.assertClean(assert);
      await context.close();
    });
  }
}

test('on a slow phone connection the shell is painted long before the wasm has arrived', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'zh-CN', viewport: PHONE });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // 150 ms round trip, 4 Mbit/s down (the 1.6 Mbit/s would take this test 7 s).
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 500_000, uploadThroughput: 100_000 });
  await page.goto(server.url);
  await waitForApp(page);
  const timing = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd,
  }));
  assert.ok(timing.paint > 0 && timing.wasm > 0, JSON.stringify(timing));
  assert.ok(timing.paint < timing.wasm - 500, `first paint ${timing.paint.toFixed(0)} ms, wasm arrived at ${timing.wasm.toFixed(0)} ms`);
  guard.assertClean(assert);
  await context.close();
});
