// Shared by the bench scripts (bench/chunks.mjs, bench/coldvisit.mjs, bench/lighthouse.mjs,
// bench/size.mjs): the cold loads of issue #10 and what their content is, and a hand-off link
// made by the app itself.
//
// "Content" is the app's own, never the loading shell's (index.html, src/ui/shell.rs): the shell
// has no <main> and no <h1> (its landmarks and heading are roles on <div>s and <p>s), so `main h1`
// exists only once the app has mounted a screen. On a first visit to `#/` the shell also offers
// the start screen's choices (scripts/shell.py, start_form), usable before the app has run; when
// they show is reported beside the content (`choices`), never in its place.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './sections.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The loading shell's text (the app's name in its header), shown before any wasm has arrived:
 * on every route (the heading below it is the start screen's or the results'). */
export const SHELL_SELECTOR = '#app-shell .brand';

export const START = { key: 'start', name: 'start screen', hash: '#/', selector: 'main h1', choices: '.start-form input[name="applicant"]' };
export const LIBRARY = {
  key: 'library',
  name: 'a cold library link',
  hash: '#/library/%E5%9B%9B.2(4)', // #/library/四.2(4)
  selector: '[data-testid="measure-四.2(4)"] h1',
};
/** A cold hand-off link: its content is the results it hands off (the city's total). */
export const handOff = (payload) => ({ key: 'handoff', name: 'a cold hand-off link', hash: `#/share/${payload}`, selector: '[data-testid="total-city"]' });

/** The three cold loads: the start screen, a library link and a hand-off link. */
export const coldLoads = (payload) => [START, LIBRARY, handOff(payload)];

/** A route for a table: long hand-off links shortened. */
export const shortHash = (hash) => (hash.length > 40 ? `${hash.slice(0, 20)}…` : hash);

/** The preset profile the hand-off link is made from. */
export const HANDOFF_PRESET = 'examples/presets/enterprise_lingshan_toys.json';

/**
 * A hand-off link's payload, made by the app from a preset profile (as a person would): the
 * receipt screen's hand-off dialog, in a context of its own (unthrottled). `url` is the app's
 * address (ending in `/`).
 */
export async function handOffPayload(browser, url) {
  const profile = JSON.parse(await readFile(path.join(ROOT, HANDOFF_PRESET), 'utf8'));
  const store = JSON.stringify({ version: 1, next_id: 2, active: 'p1', profiles: [{ id: 'p1', modified: 1700000000000, profile }] });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.addInitScript((s) => { localStorage.setItem('qz.profiles', s); }, store);
    const page = await context.newPage();
    await page.goto(`${url}#/receipt`);
    await page.waitForSelector('[data-testid="receipt"]', { timeout: 30000 });
    await page.click('[data-testid="handoff-open"]');
    await page.waitForSelector('[data-testid="handoff-dialog"][open]');
    const payload = await page.evaluate(() => document.querySelector('[data-testid="handoff-dialog"]').dataset.payload);
    if (!payload) throw new BenchError('the app made no hand-off link');
    return payload;
  } finally {
    await context.close();
  }
}

/**
 * The files (dist-relative paths) a cold load of `hash` fetched until `selector` appeared: a
 * fresh context, service workers blocked, unthrottled. `server` has `url` and `origin`.
 */
export async function fetchedUntil(browser, server, hash, selector) {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const files = new Set();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.origin === server.origin) files.add(decodeURIComponent(url.pathname.slice(1)) || 'index.html');
    });
    const start = Date.now();
    await page.goto(server.url + hash);
    await page.waitForSelector(selector, { timeout: 30000 });
    const ms = Date.now() - start;
    return { files: [...files].sort(), ms };
  } finally {
    await context.close();
  }
}
