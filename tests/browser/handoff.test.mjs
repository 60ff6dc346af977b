// Tier 2: "Take this with you". The QR code is decoded in the test (tests/browser/qr-decode.mjs,
// a decoder written from the standard, with Reed–Solomon checks) and must hold exactly the link
// shown beside it; that link, opened in a fresh browser context, shows the same results as the
// native engine computes for the profile. Tampered, truncated and foreign links give a clear
// message and change nothing stored. Expectations come from examples/presets/*.json through
// `incentives evaluate --json`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { servedApp, openPage, waitForApp, waitForSaved, testid } from './support.mjs';
import { ROOT, cliEvaluate, todayIso, normalizeDecimal } from './journey.mjs';
import { decodeQrSvg, svgToMatrix, decodeMatrix } from './qr-decode.mjs';

let server;
let browser;
const today = todayIso();
const presetFile = path.join(ROOT, 'examples/presets/enterprise_lingshan_toys.json');

servedApp((started) => ({ server, browser } = started));

function storeWith(...profiles) {
  return JSON.stringify({
    version: 1, next_id: profiles.length + 1, active: 'p1',
    profiles: profiles.map((profile, i) => ({ id: `p${i + 1}`, modified: 1700000000000, profile })),
  });
}

/** A context whose local storage holds `items` before the app starts. */
async function pageWithStorage(items, lang = 'en') {
  const opened = await openPage(browser, server.origin);
  await opened.context.addInitScript(([entries, l]) => {
    if (sessionStorage.getItem('qz.test.seeded')) return;
    sessionStorage.setItem('qz.test.seeded', '1');
    localStorage.setItem('qz.lang', l);
    for (const [k, v] of entries) localStorage.setItem(k, v);
  }, [Object.entries(items), lang]);
  return opened;
}

function storage(page) {
  return page.evaluate(() => Object.fromEntries(
    Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).map((k) => [k, localStorage.getItem(k)])));
}

/** Opens the hand-off dialog for the preset profile and returns what it shows. */
async function openHandOff(lang = 'en') {
  const profile = JSON.parse(await readFile(presetFile, 'utf8'));
  const opened = await pageWithStorage({ 'qz.profiles': storeWith(profile) }, lang);
  const { page } = opened;
  await page.goto(`${server.url}#/receipt`);
  await page.waitForSelector(testid('receipt'));
  await page.click(testid('handoff-open'));
  await page.waitForSelector(`${testid('handoff-dialog')}[open] ${testid('handoff-qr')} svg`);
  const shown = await page.evaluate(() => ({
    svg: document.querySelector('[data-testid="handoff-qr"]').innerHTML,
    link: document.querySelector('[data-testid="handoff-link"]').value,
    dataLink: document.querySelector('[data-testid="handoff-dialog"]').dataset.link,
    payload: document.querySelector('[data-testid="handoff-dialog"]').dataset.payload,
  }));
  return { ...opened, profile, shown };
}

/** The share screen's incentives and totals, compared with the native report. */
async function assertSameResults(page, report, label) {
  const rows = await page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('[data-testid="report-cards"] [data-testid^="incentive-"]')].map((tr) => {
      const id = tr.dataset.testid.slice('incentive-'.length);
      const amount = tr.querySelector(`[data-testid="amount-${id}"]`);
      return [id, { status: tr.dataset.status, min: amount.dataset.min, max: amount.dataset.max, ifMet: !!amount.querySelector('[data-testid="amount-if"]'), giver: amount.querySelector('[data-testid="level-tag"]')?.className ?? null }];
    })));
  const relevant = report.results.filter((r) => r.status !== 'not_applicable');
  assert.equal(Object.keys(rows).length, relevant.length, `${label}: one row per incentive for this applicant`);
  for (const r of relevant) {
    // An amount beside "needs answers" says it is what the incentive would give once met.
    const wouldBe = r.status === 'needs_answers' && r.amount_max != null;
    // Money that is not the city's own says whose it is, as the results' short list does.
    const giver = ['region', 'county'].includes(r.level) && r.status !== 'not_eligible' ? `glance-tag tag-${r.level}` : null;
    assert.deepEqual(rows[r.id], { status: r.status, min: normalizeDecimal(r.amount_min), max: normalizeDecimal(r.amount_max), ifMet: wouldBe, giver }, `${label}: ${r.id}`);
  }
  for (const giver of ['city', 'region']) {
    const box = page.locator(testid(`total-${giver}`));
    assert.equal(await box.getAttribute('data-min'), normalizeDecimal(report.totals[giver].range.min), `${label}: ${giver} min`);
    assert.equal(await box.getAttribute('data-max'), normalizeDecimal(report.totals[giver].range.max), `${label}: ${giver} max`);
  }
}

test('the QR code holds exactly the link shown; the link opens the same results on another device', async () => {
  const { context, page, guard, profile, shown } = await openHandOff();
  // The QR decodes (format, mask, Reed–Solomon all valid) to the very link shown beside it.
  const decoded = decodeQrSvg(shown.svg);
  assert.equal(decoded, shown.link);
  assert.equal(shown.dataLink, shown.link);
  assert.equal(shown.link, `${server.url}#/share/${shown.payload}`, 'no query (no ?fair=1), our own origin');
  assert.match(shown.payload, /^[A-Za-z0-9_-]+$/, 'base64url only');
  assert.ok(shown.link.length < 400, `compact: ${shown.link.length} characters`);
  assert.match(await page.textContent(testid('handoff-privacy')), /answers/, 'says the link contains the answers');
  // The results screen offers the same hand-off.
  await page.keyboard.press('Escape');
  await page.click('header nav a[href="#/results"]');
  await page.waitForSelector('[data-testid="results-screen"] [data-testid="handoff-open"]');
  await page.click(`[data-testid="results-screen"] ${testid('handoff-open')}`);
  await page.waitForSelector(`[data-testid="results-screen"] ${testid('handoff-dialog')}[open]`);
  assert.equal(await page.inputValue(`[data-testid="results-screen"] ${testid('handoff-link')}`), shown.link);
  assert.equal(decodeQrSvg(await page.innerHTML(`[data-testid="results-screen"] ${testid('handoff-qr')}`)), shown.link);
  guard.assertClean(assert);
  await context.close();

  // A fresh context: another device, nothing stored.
  const phone = await openPage(browser, server.origin, { viewport: { width: 390, height: 844 }, locale: 'en-US' });
  await phone.page.goto(decoded);
  await phone.page.waitForSelector(testid('share-screen'));
  const report = await cliEvaluate(presetFile, today);
  await assertSameResults(phone.page, report, 'opened link');
  assert.equal((await storage(phone.page))['qz.profiles'], undefined, 'viewing stores nothing');
  // Saving adds it as a profile.
  await phone.page.click(testid('share-save'));
  await phone.page.waitForSelector(testid('share-saved'));
  await waitForSaved(phone.page);
  const store = JSON.parse((await storage(phone.page))['qz.profiles']);
  assert.equal(store.profiles.length, 1);
  assert.deepEqual(store.profiles[0].profile.answers, profile.answers);
  assert.equal(store.profiles[0].profile.county, profile.county);
  await phone.page.click(testid('share-open-results'));
  await phone.page.waitForSelector('[data-testid="results-screen"] [data-testid="total-city"]');
  assert.equal(await phone.page.getAttribute(testid('total-city'), 'data-max'), normalizeDecimal(report.totals.city.range.max));
  phone.guard.assertClean(assert);
  await phone.context.close();
});

test('the dialog keeps focus inside, closes with Esc and gives focus back; copy works', async () => {
  const { context, page, guard, shown } = await openHandOff();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const inside = () => page.evaluate(() => document.querySelector('[data-testid="handoff-dialog"]').contains(document.activeElement));
  assert.ok(await inside(), 'focus moves into the dialog');
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Tab');
    assert.ok(await inside(), `focus stays inside after ${i + 1} Tab(s)`);
  }
  await page.click(testid('handoff-copy'));
  await page.waitForFunction(() => document.querySelector('[data-testid="handoff-copied"]').textContent.trim() !== '');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown.link);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(`${testid('handoff-dialog')}[open]`).count(), 0, 'Esc closes');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'handoff-open', 'focus returns to the button');
  guard.assertClean(assert);
  await context.close();
});

test('on a laptop at a fair (short screens), the code, the link, Copy and Close are all in view without scrolling', async () => {
  for (const [width, height] of [[1280, 720], [1366, 768]]) {
    for (const lang of ['en', 'zh']) {
      const opened = await openPage(browser, server.origin, { viewport: { width, height } });
      const { context, page, guard } = opened;
      await context.addInitScript((l) => localStorage.setItem('qz.lang', l), lang);
      await page.goto(`${server.url}?fair=1#/`);
      await page.click(testid('preset-enterprise_lingshan_toys'));
      await page.locator(testid('handoff-open')).first().click();
      await page.waitForSelector(`${testid('handoff-dialog')}[open] ${testid('handoff-qr')} svg`);
      const seen = await page.evaluate(() => {
        const dialog = document.querySelector('[data-testid="handoff-dialog"]');
        const outside = ['handoff-qr', 'handoff-link', 'handoff-copy', 'handoff-close'].filter((id) => {
          const box = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
          return box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth;
        });
        return { outside, scrolls: dialog.scrollHeight > dialog.clientHeight + 1, qr: document.querySelector('[data-testid="handoff-qr"]').getBoundingClientRect().width };
      });
      const at = `${width}×${height}, ${lang}`;
      assert.deepEqual(seen.outside, [], `${at}: nothing out of view`);
      assert.equal(seen.scrolls, false, `${at}: the dialog does not scroll`);
      assert.ok(seen.qr >= 300, `${at}: the code stays large enough to scan from a step away (${seen.qr} px)`);
      guard.assertClean(assert);
      await context.close();
    }
  }
});

test('opening a link never overwrites the saved profiles; saving adds one', async () => {
  const { context, shown } = await openHandOff();
  await context.close();
  const mine = { version: 1, name: 'Mine', applicant: 'hr_agency', county: 'pubei', answers: { placed_workers: '12' } };
  const { context: c2, page, guard } = await pageWithStorage({ 'qz.profiles': storeWith(mine) });
  // The app first keeps the document in its own form; that is the baseline.
  await page.goto(server.url);
  await waitForApp(page);
  await waitForSaved(page);
  const seeded = (await storage(page))['qz.profiles'];
  await page.goto(shown.link);
  await page.waitForSelector(testid('share-screen'));
  await waitForSaved(page);
  assert.equal((await storage(page))['qz.profiles'], seeded, 'opening changes nothing stored');
  await page.click(testid('share-save'));
  await page.waitForSelector(testid('share-saved'));
  await waitForSaved(page);
  const store = JSON.parse((await storage(page))['qz.profiles']);
  assert.equal(store.profiles.length, 2, 'a new profile is added');
  assert.deepEqual(store.profiles[0].profile.answers, mine.answers, 'the saved one is intact');
  assert.equal(store.profiles[0].profile.name, 'Mine');
  assert.equal(store.active, store.profiles[1].id, 'the new one is the one being answered');
  guard.assertClean(assert);
  await c2.close();
});

test('tampered, truncated, outdated and foreign links give a clear message and change nothing', async () => {
  const { context, shown } = await openHandOff();
  await context.close();
  const p = shown.payload;
  const mid = Math.floor(p.length * 0.6);
  const flip = (c) => (c === 'A' ? 'B' : 'A');
  const cases = [
    ['tampered', p.slice(0, mid) + flip(p[mid]) + p.slice(mid + 1), 'tampered'],
    ['truncated', p.slice(0, p.length - 7), 'truncated'],
    // Its first byte reads as a format this app does not know, and its checksum no longer fits:
    // no app made it, and the message must not say a newer one did (engine::share's unit tests
    // cover a newer app's intact link).
    ['a format this app does not know', `BA${p.slice(2)}`, 'unknown_version', /not a share link made by this app|不是本应用生成的分享链接/],
    // Format 3 naming a plan this app does not have (tests/corpus/links/links.txt).
    ['made under an unknown plan', 'AxQCDG5vLXN1Y2gtcGxhbgAAAAAAAJXriMQ', 'unknown_plan'],
    ['a stray % (%25 decodes to it)', `${p.slice(0, 10)}%25${p.slice(10)}`, 'not_a_link', /"%" \(U\+0025\)|“%”（U\+0025）/],
    // The browser hands it over as %E2%80%8B: the message names the character, not "%".
    ['zero-width space', `${p.slice(0, 10)}\u200b${p.slice(10)}`, 'not_a_link', /U\+200B/],
    ['empty', '', 'empty'],
    ['not base64', 'hello-world-this-is-not-a-link', null],
  ];
  const mine = { version: 1, name: 'Mine', applicant: 'college', answers: {} };
  for (const lang of ['en', 'zh']) {
    const { context: c, page, guard } = await pageWithStorage({ 'qz.profiles': storeWith(mine) }, lang);
    await page.goto(server.url);
    await waitForApp(page);
    await waitForSaved(page);
    const seeded = (await storage(page))['qz.profiles'];
    for (const [label, payload, kind, names] of cases) {
      await page.evaluate((h) => { location.hash = h; }, `#/share/${payload}`);
      await page.waitForSelector(testid('share-error'));
      const error = await page.getAttribute(testid('share-error'), 'data-error');
      if (kind) assert.equal(error, kind, `${label}: ${error}`);
      const message = (await page.textContent(testid('share-error-message'))).trim();
      assert.ok(message.length > 20, `${label} (${lang}): a message in words: ${message}`);
      if (lang === 'zh') assert.match(message, /[\u4e00-\u9fff]/, `${label}: in Chinese`);
      if (names) assert.match(message, names, `${label} (${lang}): names the character`);
      await page.evaluate(() => { location.hash = '#/'; });
      await page.waitForSelector('h1');
    }
    assert.equal((await storage(page))['qz.profiles'], seeded, 'the saved profiles are untouched');
    guard.assertClean(assert);
    await c.close();
  }
});

test('links opened as the browser hands them over (percent-encoded) show the same results', async () => {
  const { context, shown } = await openHandOff();
  await context.close();
  const p = shown.payload;
  const [a, b] = [p.slice(0, 40), p.slice(40)];
  const everyByte = [...p].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const report = await cliEvaluate(presetFile, today);
  const phone = await openPage(browser, server.origin, { viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const { page, guard } = phone;
  for (const [label, hash] of [
    ['a space, as %20', `#/share/${a}%20${b}`],
    ['a line break from a mail client, as %0A', `#/share/${a}%0A${b}`],
    ['every character as %XX (a QR reader)', `#/share/${everyByte}`],
    ['lower-case escapes', `#/share/${everyByte.toLowerCase()}`],
  ]) {
    // Opened cold, as from a message: a new page load.
    await page.goto('about:blank');
    await page.goto(`${server.url}${hash}`);
    await page.waitForSelector(`${testid('share-screen')}, ${testid('share-error')}`);
    assert.equal(await page.locator(testid('share-error')).count(), 0, `${label}: opens (${await page.textContent('main')})`);
    await assertSameResults(page, report, label);
  }
  // Typed with a space inside: Chromium itself encodes it (location.hash holds %20).
  await page.evaluate(() => { location.hash = '#/'; });
  await page.waitForFunction(() => !document.querySelector('[data-testid="share-screen"]'));
  await page.evaluate((h) => { location.hash = h; }, `#/share/${a} ${b}`);
  await page.waitForFunction(() => location.hash.includes('%20'));
  await page.waitForSelector(testid('share-screen'));
  await assertSameResults(page, report, 'a typed space');
  guard.assertClean(assert);
  await phone.context.close();
});

test('the test decoder itself refuses a damaged QR code (so the round trip can fail)', async () => {
  const { context, shown } = await openHandOff();
  await context.close();
  const m = svgToMatrix(shown.svg);
  assert.equal(decodeMatrix(m), shown.link);
  // Flip one data module far from the function patterns: the Reed–Solomon check fails.
  const size = m.length;
  m[size - 12][size - 3] = !m[size - 12][size - 3];
  assert.throws(() => decodeMatrix(m), /Reed–Solomon|segment|utf|decode/i);
});

for (const lang of ['zh', 'en']) {
  test(`axe finds no violations in the hand-off dialog and on the share screen (${lang})`, async () => {
    const { context, page, guard, shown } = await openHandOff(lang);
    const check = async (what) => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' | ')}`), [], `${what} (${lang})`);
    };
    await check('hand-off dialog');
    await page.keyboard.press('Escape');
    await page.goto(shown.link);
    await page.waitForSelector(testid('share-screen'));
    await check('share screen');
    await page.goto(`${server.url}#/share/${shown.payload.slice(0, 20)}`);
    await page.waitForSelector(testid('share-error'));
    await check('broken link');
    guard.assertClean(assert);
    await context.close();
  });
}
