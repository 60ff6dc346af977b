// Tier 2: broken storage, tried for real in Chromium. One table, one row per case: how the
// fault is set up (`seed`: items put in local storage by context.addInitScript before the app
// loads; `stub`: an init script that replaces part of the Storage API; `tabs`: a second page
// of the same origin acting as another tab), and what must hold. For every row:
//
//   1. the app mounts (main h1) with no uncaught page error or console error;
//   2. exactly the expected notices are shown ([data-testid=notice][data-kind=…]);
//   3. nothing is lost: the original raw text is still in local storage byte for byte, under
//      the original key or a backup key as the row says (compared inside the page, so lone
//      surrogates and 5 MB values are compared exactly), both after loading and after the
//      user's next change; data that could be read is shown;
//   4. the user's next change (applicant and county) is shown, i.e. kept in memory, and is
//      saved when the row says saving can work;
//   5. a key of another app on the same origin is never touched.
//
// docs/storage-faults.md holds the same table with the outcome of each case; the last test
// checks that it names every row.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { servedApp, openPage, waitForApp, waitForSaved, pollPage } from './support.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

const id = (testid) => `[data-testid="${testid}"]`;
const PROFILES = 'qz.profiles';
const OTHER_KEY = 'another.app.on.this.origin';
const OTHER_VALUE = 'not ours: never touched';

// ──────────────────────────────────────────────────────────────── stored values

/** JSON with every object's keys sorted, as the app writes it (serde_json's map). */
function canonical(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]));
    return v;
  };
  return JSON.stringify(sort(value));
}

/**
 * A saved-profiles document (version 1) exactly as the app writes it, so that loading it
 * writes nothing back (the app rewrites a readable document only when its text differs).
 */
function doc(profiles, { active = 'p1', nextId = profiles.length + 1, version = 1 } = {}) {
  return canonical({
    version,
    next_id: nextId,
    active,
    profiles: profiles.map((profile, i) => ({ id: `p${i + 1}`, modified: 1700000000000 + i, profile })),
  });
}

// Profiles at the version the app writes today (engine::profile::PROFILE_VERSION): an older one
// is migrated on loading and so written back, which is not what these rows are about.
const FIRM = {
  version: 3,
  plan: 'qinzhou-yixianyiye-2023-2025',
  data_version: '1.0.0',
  name: 'Saved firm',
  applicant: 'enterprise',
  county: 'pubei',
  industry: 'tangerine_peel',
  answers: { led_project_from_outside_city: true, led_project_investment: '150000000' },
};
const VALID = doc([FIRM]);
/** The largest 64-bit id number (written as text: JavaScript numbers cannot hold it). */
const ID_MAX = 'p18446744073709551615';
const SECOND = { version: 3, plan: 'qinzhou-yixianyiye-2023-2025', data_version: '1.0.0', name: 'Second', applicant: 'college' };
/** FIRM under the id ID_MAX, active, and SECOND with no id or the same one. */
const atIdLimit = (second) => doc([FIRM, SECOND])
  .replace('"active":"p1"', `"active":"${ID_MAX}"`)
  .replace('"id":"p1"', `"id":"${ID_MAX}"`)
  .replace('"id":"p2",', second === 'same' ? `"id":"${ID_MAX}",` : '');
const withAnswer = (fact, value) => doc([{ ...FIRM, answers: { ...FIRM.answers, [fact]: value } }]);

/**
 * A value too big or too odd to pass to the page as it is: built in the page.
 * `{ repeat, times }`: `repeat` repeated; `{ codes }`: UTF-16 code units (lone surrogates too).
 */
const big = (repeat, times, label) => ({ repeat, times, label });
const units = (text) => ({ codes: Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)), label: text });

// Defined in every document before the app's scripts: turns a value spec into the string.
function defineMaterialize() {
  window.__qzMaterialize = (spec) => {
    if (typeof spec === 'string') return spec;
    if (spec.codes) {
      let s = '';
      for (let i = 0; i < spec.codes.length; i += 4096) s += String.fromCharCode(...spec.codes.slice(i, i + 4096));
      return s;
    }
    return spec.repeat.repeat(spec.times);
  };
}

// ──────────────────────────────────────────────────────────────── stubs (run before the app)

function disableStorage() {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The user denied access to storage.', 'SecurityError');
    },
  });
}

function nullStorage() {
  Object.defineProperty(window, 'localStorage', { configurable: true, value: null });
}

function throwOnGet() {
  const ls = window.localStorage;
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    if (this === ls) throw new DOMException('The operation is insecure.', 'SecurityError');
    return getItem.call(this, key);
  };
}

function quotaOnEveryWrite() {
  const ls = window.localStorage;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === ls) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return setItem.call(this, key, value);
  };
}

function refuseEveryWrite() {
  const ls = window.localStorage;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === ls) throw new DOMException('The object is in an invalid state.', 'InvalidStateError');
    return setItem.call(this, key, value);
  };
}

function quotaOnBackups() {
  const ls = window.localStorage;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === ls && String(key).startsWith('qz.backup.')) throw new DOMException('full', 'QuotaExceededError');
    return setItem.call(this, key, value);
  };
}

// Holds back this page's `storage` events until the test calls
// window.__qzReleaseStorageEvents(): another tab's write arrives after this tab has written
// too (two tabs writing at once), whatever the machine's speed.
function heldStorageEvents() {
  const add = EventTarget.prototype.addEventListener;
  const held = [];
  let holding = true;
  window.__qzReleaseStorageEvents = () => {
    holding = false;
    for (const [listener, ev] of held.splice(0)) listener(ev);
    return true;
  };
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this === window && type === 'storage' && !window.__qzStorageOnTime) {
      const call = (ev) => (typeof listener === 'function' ? listener.call(window, ev) : listener.handleEvent(ev));
      const late = (ev) => (holding ? held.push([call, ev]) : call(ev));
      return add.call(this, type, late, options);
    }
    return add.call(this, type, listener, options);
  };
}

// ──────────────────────────────────────────────────────────────── the table

// kept: where the original raw text must be, byte for byte, after loading and after the
// user's next change:
//   'backup'      under qz.backup.<backup> (and any listed `untouched` items unchanged)
//   'in place'    still under qz.profiles: nothing may be written over it
//   'taken over'  it was read (nothing unreadable in it): its profiles are shown and saved on,
//                 no backup is made
//   'nothing'     there was nothing to keep (empty, or no storage)
// saves: whether the user's next change must reach qz.profiles.
// notice: the data-kind shown (null: none); text: what it must say (English).
// shows: what the app must show from the stored data before any change.
export const CASES = [
  // Stored text that cannot be read (seeded before the app loads).
  { name: 'truncated JSON', how: 'seed', seed: { [PROFILES]: VALID.slice(0, -25) }, notice: 'storage-corrupt', text: /damaged \(not valid JSON\).*backup.*1/, kept: 'backup', backup: 1, saves: true },
  { name: 'not JSON at all', how: 'seed', seed: { [PROFILES]: 'profiles: none, thanks' }, notice: 'storage-corrupt', text: /not valid JSON/, kept: 'backup', backup: 1, saves: true },
  { name: 'empty string', how: 'seed', seed: { [PROFILES]: '' }, notice: null, kept: 'nothing', saves: true },
  { name: 'the JSON text null', how: 'seed', seed: { [PROFILES]: 'null' }, notice: 'storage-corrupt', text: /not in the expected format/, kept: 'backup', backup: 1, saves: true },
  { name: 'a JSON array', how: 'seed', seed: { [PROFILES]: JSON.stringify([FIRM]) }, notice: 'storage-corrupt', text: /not in the expected format/, kept: 'backup', backup: 1, saves: true },
  { name: 'valid JSON of the wrong shape', how: 'seed', seed: { [PROFILES]: '{"version":1,"profiles":{"p1":{"version":1,"name":"Saved firm"}}}' }, notice: 'storage-corrupt', text: /not in the expected format/, kept: 'backup', backup: 1, saves: true },
  { name: 'wrong types', how: 'seed', seed: { [PROFILES]: '{"version":"1","next_id":"two","active":7,"profiles":[]}' }, notice: 'storage-corrupt', text: /not in the expected format/, kept: 'backup', backup: 1, saves: true },
  { name: 'no version', how: 'seed', seed: { [PROFILES]: JSON.stringify({ profiles: [{ id: 'p1', profile: FIRM }] }) }, notice: 'storage-corrupt', text: /no version number/, kept: 'backup', backup: 1, saves: true },
  { name: 'unknown future version', how: 'seed', seed: { [PROFILES]: JSON.stringify({ version: 99, profiles: [], shiny_new_field: { a: 1 } }) }, notice: 'storage-future', text: /newer version.*99/, kept: 'backup', backup: 1, saves: true },
  { name: 'older schema version 0 (migrated, not backed up)', how: 'seed', seed: { [PROFILES]: JSON.stringify({ version: 0, current: 0, profiles: [FIRM, { version: 1, name: 'Second', applicant: 'college' }] }) }, notice: null, kept: 'taken over', shows: 'Saved firm', saves: true, savedNames: ['Saved firm', 'Second'] },
  { name: 'a profile with an unknown applicant id', how: 'seed', seed: { [PROFILES]: doc([FIRM, { version: 1, name: 'Dragon works', applicant: 'dragon' }]) }, notice: 'storage-corrupt', text: /skipped.*Dragon works/, kept: 'backup', backup: 1, shows: 'Saved firm', saves: true },
  { name: 'a profile with a negative amount', how: 'seed', seed: { [PROFILES]: withAnswer('led_project_investment', '-5000') }, notice: 'storage-corrupt', text: /skipped.*Saved firm/, kept: 'backup', backup: 1, saves: true },
  { name: 'a huge number', how: 'seed', seed: { [PROFILES]: withAnswer('led_project_investment', '1' + '0'.repeat(40)) }, notice: 'storage-corrupt', text: /skipped.*Saved firm/, kept: 'backup', backup: 1, saves: true },
  { name: 'an answer of the wrong type', how: 'seed', seed: { [PROFILES]: withAnswer('led_project_from_outside_city', 'yes please') }, notice: 'storage-corrupt', text: /skipped.*Saved firm/, kept: 'backup', backup: 1, saves: true },
  { name: 'JSON nested 100,000 deep', how: 'seed', seed: { [PROFILES]: '['.repeat(100000) }, notice: 'storage-corrupt', text: /not valid JSON/, kept: 'backup', backup: 1, saves: true },
  { name: 'a lone surrogate escaped in the JSON (\\ud800)', how: 'seed', seed: { [PROFILES]: doc([{ ...FIRM, name: 'Saved \ud800firm' }]) }, notice: 'storage-corrupt', text: /not valid JSON/, kept: 'backup', backup: 1, saves: true },
  { name: 'invalid UTF-16: a raw lone surrogate in a name', how: 'seed', seed: { [PROFILES]: units(doc([{ ...FIRM, name: 'Saved LONE firm' }]).replace('LONE', '\ud800')) }, notice: null, kept: 'in place until a change', shows: 'Saved \ufffd firm', saves: true },
  { name: 'a 5 MB value', how: 'seed', seed: { [PROFILES]: big('损坏', 1250000, '"损坏" × 1,250,000 (2.5 M UTF-16 units, 5 MB)') }, notice: 'storage-corrupt', text: /not valid JSON.*Backup number: 1\b/, kept: 'backup', backup: 1, saves: true },
  { name: 'storage really full: no room for a backup of a 3 M-character value', how: 'seed', seed: { [PROFILES]: big('x', 3000000, '"x" × 3,000,000') }, notice: 'storage-corrupt', text: /not valid JSON.*could not be backed up/, kept: 'in place', saves: false, discard: true },
  { name: 'a backup key already present (not clobbered)', how: 'seed', seed: { [PROFILES]: '{"version":1,', 'qz.backup.1': 'an older backup', 'qz.backup.3': 'another one' }, notice: 'storage-corrupt', text: /Backup number: 4/, kept: 'backup', backup: 4, untouched: ['qz.backup.1', 'qz.backup.3'], saves: true },
  { name: 'the highest backup number already taken', how: 'seed', seed: { [PROFILES]: '{"version":1,', 'qz.backup.4294967295': 'the last slot' }, notice: 'storage-corrupt', text: /Backup number: 1\b/, kept: 'backup', backup: 1, untouched: ['qz.backup.4294967295'], saves: true },
  { name: 'a profile id at the 64-bit limit, and one without an id', how: 'seed', seed: { [PROFILES]: atIdLimit('none') }, notice: 'storage-corrupt', text: /internal number too large.*“Saved firm”.*Backup number: 1\b/, kept: 'backup', backup: 1, shows: 'Saved firm', saves: true, newIds: 2 },
  { name: 'two profiles with the same id at the 64-bit limit', how: 'seed', seed: { [PROFILES]: atIdLimit('same') }, notice: 'storage-corrupt', text: /internal number too large.*“Saved firm”, “Second”/, kept: 'backup', backup: 1, shows: 'Saved firm', saves: true, newIds: 2 },
  { name: 'the language key holding junk', how: 'seed', seed: { 'qz.lang': '{"lang":"en"}<script>', [PROFILES]: VALID }, notice: null, kept: 'taken over', shows: 'Saved firm', lang: 'zh-CN', saves: true },
  // The Storage API itself misbehaves (an init script replaces part of it).
  { name: 'storage disabled (localStorage throws)', how: 'stub', stub: disableStorage, notice: 'storage-unavailable', text: /does not let this site save/, kept: 'nothing', saves: false },
  { name: 'no storage object (localStorage is null)', how: 'stub', stub: nullStorage, notice: 'storage-unavailable', text: /does not let this site save/, kept: 'nothing', saves: false },
  { name: 'getItem throws', how: 'stub', seed: { [PROFILES]: VALID }, stub: throwOnGet, notice: 'storage-unavailable', text: /does not let this site save/, kept: 'in place', saves: false },
  { name: 'quota exceeded on every write', how: 'stub', seed: { [PROFILES]: VALID }, stub: quotaOnEveryWrite, notice: null, noticeAfterChange: 'save-failed', text: /storage on this device is full/, kept: 'in place', shows: 'Saved firm', saves: false },
  { name: 'setItem refused for another reason', how: 'stub', seed: { [PROFILES]: VALID }, stub: refuseEveryWrite, notice: null, noticeAfterChange: 'save-failed', text: /refused to store/, kept: 'in place', shows: 'Saved firm', saves: false },
  { name: 'unreadable data and no room for a backup', how: 'stub', seed: { [PROFILES]: '{"version":1,"profiles":[{"id":"p1"' }, stub: quotaOnBackups, notice: 'storage-corrupt', text: /could not be backed up/, kept: 'in place', saves: false, discard: true },
  // Other tabs (a second page of the same origin).
  { name: 'another tab saves a change', how: 'tabs', scenario: 'adopt', notice: null, kept: 'taken over', saves: true },
  { name: 'two tabs writing at once', how: 'tabs', scenario: 'race', notice: 'storage-conflict', text: /at the same moment.*Backup number: 1\b/, kept: 'backup', backup: 1, saves: true },
  { name: 'storage cleared by another tab mid-session', how: 'tabs', scenario: 'clear', notice: null, kept: 'in memory, saved again', saves: true },
  { name: 'a storage event from another tab with corrupt data', how: 'tabs', scenario: 'corrupt-event', notice: 'storage-corrupt', text: /not valid JSON/, kept: 'backup', backup: 1, saves: true },
  { name: 'a storage event from another tab with an id at the 64-bit limit', how: 'tabs', scenario: 'corrupt-event', written: atIdLimit('same'), notice: 'storage-corrupt', text: /internal number too large/, kept: 'backup', backup: 1, saves: true },
  { name: 'fair mode: another tab saves profiles', how: 'tabs', scenario: 'fair', notice: null, kept: 'in place', saves: false },
];

// ──────────────────────────────────────────────────────────────── helpers

/** Seeds local storage once per context, before the app first loads (not on reload). */
async function seed(context, items) {
  await context.addInitScript((entries) => {
    if (sessionStorage.getItem('qz-test-seeded')) return;
    sessionStorage.setItem('qz-test-seeded', '1');
    for (const [key, spec] of entries) {
      try {
        localStorage.setItem(key, window.__qzMaterialize(spec));
      } catch (err) {
        window.__qzSeedError = `${key}: ${err.name}`;
      }
    }
  }, Object.entries(items));
}

async function openCase(row) {
  const opened = await openPage(browser, server.origin, { locale: 'en-US' });
  await opened.context.addInitScript(defineMaterialize);
  await seed(opened.context, { [OTHER_KEY]: OTHER_VALUE, ...(row.seed ?? {}) });
  if (row.stub) await opened.context.addInitScript(row.stub);
  await opened.page.goto(server.url);
  await waitForApp(opened.page);
  await opened.page.locator('main h1').first().waitFor();
  assert.equal(await opened.page.evaluate(() => window.__qzSeedError ?? null), null, 'the seed was stored');
  return opened;
}


/** The data-kinds of the notices shown, sorted. */
const noticeKinds = (page) => page.$$eval(id('notice'), (els) => els.map((e) => e.dataset.kind).sort());

/** Which local-storage keys hold exactly `spec`'s text (compared in the page). */
function keysHolding(page, spec) {
  return page.evaluate((s) => {
    const want = window.__qzMaterialize(s);
    let ls;
    try {
      ls = window.localStorage;
    } catch {
      return null;
    }
    if (!ls) return null;
    const out = [];
    for (let i = 0; i < ls.length; i += 1) {
      const key = ls.key(i);
      // Read past any stub of getItem: the item as the storage object holds it.
      if (Object.getOwnPropertyDescriptor(ls, key)?.value === want) out.push(key);
    }
    return out.sort();
  }, spec);
}

function savedDoc(page) {
  return page.evaluate((k) => {
    try {
      return JSON.parse(Object.getOwnPropertyDescriptor(window.localStorage, k)?.value ?? 'null');
    } catch {
      return null;
    }
  }, PROFILES);
}

/** The user's next change: an enterprise in Qinbei, shown on the start screen. */
async function change(page) {
  if ((await page.locator(id('applicant-enterprise')).count()) === 0) {
    await page.goto(server.url + '#/');
    await page.waitForSelector(id('applicant-enterprise'));
  }
  await page.check(id('applicant-enterprise'));
  await page.check(id('county-qinbei'));
}

async function assertChangeShown(page) {
  assert.equal(await page.isChecked(id('applicant-enterprise')), true, 'the change is shown (kept in memory)');
  assert.equal(await page.isChecked(id('county-qinbei')), true, 'the change is shown (kept in memory)');
}

const activeProfile = (d) => d?.profiles?.find((p) => p.id === d.active)?.profile;

async function waitSaved(page, what = 'the change to be saved') {
  await pollPage(page, (k) => {
    try {
      const d = JSON.parse(Object.getOwnPropertyDescriptor(localStorage, k)?.value ?? 'null');
      const active = d?.profiles?.find((p) => p.id === d.active)?.profile;
      return d?.version === 1 && active?.county === 'qinbei' && active?.applicant === 'enterprise';
    } catch {
      return false;
    }
  }, PROFILES, { what });
}

/** Checks that the original is where the row says, byte for byte. */
async function assertKept(page, row, original, when) {
  const where = original === undefined ? null : await keysHolding(page, original);
  switch (row.kept) {
    case 'backup':
      assert.ok(where?.includes(`qz.backup.${row.backup}`), `${when}: the original is in qz.backup.${row.backup} byte for byte (found under: ${JSON.stringify(where)})`);
      break;
    case 'in place':
      assert.ok(where?.includes(PROFILES), `${when}: the original is still under ${PROFILES} byte for byte (found under: ${JSON.stringify(where)})`);
      break;
    case 'in place until a change':
      if (when === 'after loading') assert.ok(where?.includes(PROFILES), `${when}: not rewritten just by loading`);
      break;
    default:
      break;
  }
  for (const key of row.untouched ?? []) {
    assert.deepEqual(await keysHolding(page, row.seed[key]), [key], `${when}: ${key} is untouched`);
  }
  const other = await keysHolding(page, OTHER_VALUE);
  if (other !== null && row.kept !== 'nothing') assert.deepEqual(other, [OTHER_KEY], `${when}: another app's key is untouched`);
}

/**
 * Every action that needs a new id, from the profiles screen: "New profile", then "Duplicate"
 * on the first row. The stored document must then hold `loaded` + 2 profiles, each id unique
 * and within 2^53 − 1 (the app hung here when an id was at the 64-bit limit).
 */
async function makeNewIds(page, loaded) {
  await page.goto(server.url + '#/profiles');
  await page.waitForSelector(id('profile-new'));
  await page.click(id('profile-new'));
  // "New profile" goes to the start screen; back to the list to duplicate.
  await page.waitForSelector(id('applicant-enterprise'));
  await page.goto(server.url + '#/profiles');
  await page.waitForSelector(id('profile-duplicate'));
  await page.locator(id('profile-duplicate')).first().click();
  await pollPage(page, ([k, n]) => {
    try {
      const d = JSON.parse(Object.getOwnPropertyDescriptor(localStorage, k)?.value ?? 'null');
      return d?.profiles?.length === n;
    } catch {
      return false;
    }
  }, [PROFILES, loaded + 2], { what: 'the new and the copied profile to be saved' });
  const raw = await page.evaluate((k) => Object.getOwnPropertyDescriptor(localStorage, k)?.value, PROFILES);
  const ids = [...raw.matchAll(/"id":"([^"]*)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, `unique ids: ${ids}`);
  for (const i of ids) assert.ok(/^p\d+$/.test(i) && Number(i.slice(1)) <= Number.MAX_SAFE_INTEGER, `a sound id: ${i}`);
  assert.equal(await page.locator(id('profile-row')).count(), loaded + 2);
}

// ──────────────────────────────────────────────────────────────── single-page cases

async function runSingle(row) {
  const { context, page, guard } = await openCase(row);
  try {
    const original = row.seed?.[PROFILES];
    if (row.notice) {
      await page.locator(`${id('notice')}[data-kind="${row.notice}"]`).waitFor();
    }
    await page.waitForTimeout(200);
    assert.deepEqual(await noticeKinds(page), row.notice ? [row.notice] : [], 'the notices shown after loading');
    if (row.text && row.notice) {
      const text = await page.locator(`${id('notice')}[data-kind="${row.notice}"]`).textContent();
      assert.match(text ?? '', row.text);
    }
    if (row.shows) {
      await page.waitForSelector(id('resume'));
      assert.match((await page.textContent(id('resume'))) ?? '', new RegExp(row.shows));
    }
    if (row.lang) {
      assert.equal(await page.getAttribute('html', 'lang'), row.lang, 'a defined language');
    }
    await assertKept(page, row, original, 'after loading');
    if (row.newIds) await makeNewIds(page, row.newIds);

    await change(page);
    await assertChangeShown(page);
    if (row.noticeAfterChange) {
      const notice = page.locator(`${id('notice')}[data-kind="${row.noticeAfterChange}"]`);
      await notice.waitFor();
      assert.match((await notice.textContent()) ?? '', row.text);
    }
    if (row.saves) {
      await waitSaved(page);
      if (row.savedNames) {
        const names = (await savedDoc(page)).profiles.map((p) => p.profile.name);
        assert.deepEqual(names, row.savedNames, 'every profile read is saved on');
      }
    } else {
      // Nothing may be written: wait until the app has settled its (refused or held) save.
      await waitForSaved(page);
    }
    await assertKept(page, row, original, 'after the next change');

    if (row.discard) {
      // The user chooses to discard the unreadable data (after exporting it, or not):
      // only then is it overwritten, and the answers given meanwhile are saved.
      await page.click(id('discard-stored'));
      await waitSaved(page, 'saving to resume after discarding');
    }
    if (row.kept === 'backup') {
      // A reload finds the saved document: no notice, the change and the backup still there.
      await page.reload();
      await waitForApp(page);
      await page.waitForSelector(id('resume'));
      await assertChangeShown(page);
      assert.deepEqual(await noticeKinds(page), [], 'after saving again, a reload shows no notice');
      await assertKept(page, row, original, 'after a reload');
    }
    guard.assertClean(assert);
  } finally {
    await context.close();
  }
}

// ──────────────────────────────────────────────────────────────── other tabs

/**
 * Two tabs of one browser profile (one context) on a saved document: `page` is this tab,
 * `other` another one. `holdEvents`: this tab hears of the other's writes only when the test
 * releases them.
 * `query`: the address of this tab (e.g. `?fair=1`).
 */
async function twoTabs({ holdEvents = false, query = '' } = {}) {
  const opened = await openPage(browser, server.origin, { locale: 'en-US' });
  const { context, page } = opened;
  await context.addInitScript(defineMaterialize);
  await seed(context, { [OTHER_KEY]: OTHER_VALUE, [PROFILES]: VALID });
  if (holdEvents) await context.addInitScript(heldStorageEvents);
  await page.goto(server.url + query);
  await waitForApp(page);
  await page.locator('main h1').first().waitFor();
  const other = await context.newPage();
  const otherErrors = [];
  other.on('pageerror', (err) => otherErrors.push(String(err)));
  await other.addInitScript(() => { window.__qzStorageOnTime = true; });
  await other.goto(server.url);
  await waitForApp(other);
  await other.waitForSelector(id('resume'));
  return { ...opened, other, otherErrors };
}

/** The county of the active profile in the stored document, as `page` sees it. */
const storedCounty = (page) => page.evaluate((k) => {
  try {
    const d = JSON.parse(localStorage.getItem(k) ?? 'null');
    return d?.profiles?.find((p) => p.id === d.active)?.profile?.county ?? null;
  } catch {
    return null;
  }
}, PROFILES);

async function waitCounty(page, county, what) {
  await pollPage(page, ([k, c]) => {
    try {
      const d = JSON.parse(localStorage.getItem(k) ?? 'null');
      return d?.profiles?.find((p) => p.id === d.active)?.profile?.county === c;
    } catch {
      return false;
    }
  }, [PROFILES, county], { what });
}

async function runTabs(row) {
  const opened = await twoTabs(row.scenario === 'race' ? { holdEvents: true } : row.scenario === 'fair' ? { query: '?fair=1#/questions' } : {});
  const { context, page, guard, other, otherErrors } = opened;
  try {
    switch (row.scenario) {
      case 'adopt': {
        await page.waitForSelector(id('resume'));
        await change(other);
        await waitSaved(other);
        // This tab takes the other's profiles rather than overwrite them later.
        await pollPage(page, () => document.querySelector('[data-testid="county-qinbei"]')?.checked, null, { what: 'this tab to take the change' });
        await assertChangeShown(page);
        assert.deepEqual(await noticeKinds(page), []);
        // And its own next change builds on it.
        await page.check(id('county-qinnan'));
        await waitCounty(page, 'qinnan', 'this tab to save');
        assert.equal(activeProfile(await savedDoc(page))?.applicant, 'enterprise');
        await pollPage(other, () => document.querySelector('[data-testid="county-qinnan"]')?.checked, null, { what: 'the other tab to take it back' });
        break;
      }
      case 'race': {
        // This tab hears of the other's writes only after it has saved too: both write before
        // either learns of the other, as when two tabs save at the same moment.
        await page.waitForSelector(id('resume'));
        await other.check(id('county-qinbei'));
        await waitCounty(other, 'qinbei', 'the other tab to save');
        const theirs = await other.evaluate((k) => localStorage.getItem(k), PROFILES);
        await page.check(id('county-lingshan'));
        await waitCounty(page, 'lingshan', 'this tab to save over it');
        // The other tab's write reaches this tab now, after this tab wrote over it.
        await page.evaluate(() => window.__qzReleaseStorageEvents());
        const notice = page.locator(`${id('notice')}[data-kind="${row.notice}"]`);
        await notice.waitFor({ timeout: 10000 });
        assert.match((await notice.textContent()) ?? '', row.text);
        assert.deepEqual(await keysHolding(page, theirs), [`qz.backup.${row.backup}`], "the other tab's document is kept byte for byte");
        // Both tabs go on with what is stored: this tab's document.
        assert.equal(await storedCounty(page), 'lingshan');
        await pollPage(other, () => document.querySelector('[data-testid="county-lingshan"]')?.checked, null, { what: 'the other tab to take the stored document' });
        assert.equal(await page.isChecked(id('county-lingshan')), true);
        assert.deepEqual(await noticeKinds(other), [], 'the tab whose save was replaced is not the one that can tell');
        break;
      }
      case 'clear': {
        await page.waitForSelector(id('resume'));
        await change(page);
        await waitSaved(page);
        await other.evaluate(() => localStorage.clear());
        await page.waitForTimeout(500);
        // This tab still shows everything (memory), and says nothing alarming.
        await assertChangeShown(page);
        assert.deepEqual(await noticeKinds(page), []);
        // Its next change saves everything again, not just the change.
        await page.check(id('county-qinnan'));
        await waitCounty(page, 'qinnan', 'the whole document to be saved again');
        const saved = await savedDoc(page);
        assert.equal(activeProfile(saved)?.name, 'Saved firm', 'the whole profile, name included, is saved again');
        assert.equal(activeProfile(saved)?.answers?.led_project_investment, '150000000', 'answers given before the clear are saved again');
        break;
      }
      case 'corrupt-event': {
        await page.waitForSelector(id('resume'));
        const corrupt = row.written ?? '{"version":1,"profiles":[{"id":"p1","profile":';
        await other.evaluate(([k, v]) => localStorage.setItem(k, v), [PROFILES, corrupt]);
        const notice = page.locator(`${id('notice')}[data-kind="${row.notice}"]`);
        await notice.waitFor();
        assert.match((await notice.textContent()) ?? '', row.text);
        assert.deepEqual(await keysHolding(page, corrupt), [PROFILES, `qz.backup.${row.backup}`].sort(), 'the corrupt text is kept in a backup');
        // This tab keeps what it had, and its next change saves a readable document.
        assert.match((await page.textContent(id('resume'))) ?? '', /Saved firm/);
        await change(page);
        await assertChangeShown(page);
        await waitSaved(page);
        assert.equal(activeProfile(await savedDoc(page))?.name, 'Saved firm');
        assert.deepEqual(await keysHolding(page, corrupt), [`qz.backup.${row.backup}`], 'the backup survives the save');
        break;
      }
      case 'fair': {
        // A kiosk tab in fair mode reads and writes nothing: another tab's save must not
        // bring a saved profile onto the shared screen, nor be written over.
        // (The questions screen asks who is applying first: nothing is loaded.)
        const before = await page.textContent('main');
        assert.match(before ?? '', /First choose who is applying/);
        await change(other);
        await waitSaved(other);
        const stored = await other.evaluate((k) => localStorage.getItem(k), PROFILES);
        await page.waitForTimeout(800);
        assert.equal(await page.textContent('main'), before, 'the fair tab shows what it showed');
        assert.doesNotMatch((await page.textContent('main')) ?? '', /Saved firm|Qinbei/);
        assert.deepEqual(await noticeKinds(page), []);
        assert.deepEqual(await keysHolding(page, stored), [PROFILES], 'the saved document is left as the other tab wrote it');
        assert.deepEqual((await page.evaluate(() => Object.keys(localStorage))).filter((k) => k.startsWith('qz.backup.')), []);
        break;
      }
      default:
        throw new Error(`no scenario ${row.scenario}`);
    }
    if (row.scenario !== 'clear') assert.deepEqual(await keysHolding(page, OTHER_VALUE), [OTHER_KEY], "another app's key is untouched");
    guard.assertClean(assert);
    assert.deepEqual(otherErrors, [], 'no uncaught error in the other tab');
  } finally {
    await context.close();
  }
}

// ──────────────────────────────────────────────────────────────── the tests

test('the table has at least 15 cases, each named once', () => {
  assert.ok(CASES.length >= 15, `${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length);
});

for (const row of CASES) {
  test(`broken storage: ${row.name}`, async () => {
    if (row.how === 'tabs') await runTabs(row);
    else await runSingle(row);
  });
}

test('docs/storage-faults.md lists every case of the table', async () => {
  const md = await readFile(path.join(ROOT, 'docs/storage-faults.md'), 'utf8');
  const missing = CASES.filter((c) => !md.includes(`| ${c.name} |`));
  assert.deepEqual(missing.map((c) => c.name), [], 'rows of the test table missing from docs/storage-faults.md');
});
