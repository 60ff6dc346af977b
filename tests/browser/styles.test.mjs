// One stylesheet for the page (scripts/bundle_css.py, run by post-build): every style/*.css that
// index.html names, joined in its order, inline in the page (no request before the first paint),
// allowed by the CSP's hash, and the cascade as before.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DIST, servedApp, openPage, waitForApp } from './support.mjs';

let server;
let browser;

servedApp((started) => ({ server, browser } = started));

/** The style sources index.html gives Trunk, in its order. */
async function sources() {
  const html = await readFile(path.resolve(DIST, '../index.html'), 'utf8');
  return [...html.matchAll(/<link data-trunk rel="css" href="([^"]+)"/g)].map((m) => m[1]);
}

test('dist has one stylesheet, inline: every style source, in index.html\'s order', async () => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const links = [...html.matchAll(/<link rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(links, [], 'index.html links no stylesheet file');
  const cssInDist = (await readdir(DIST)).filter((f) => f.endsWith('.css'));
  assert.deepEqual(cssInDist, [], 'no stylesheet file is left in dist');
  const styles = [...html.matchAll(/<style>(.*?)<\/style>/gs)].map((m) => m[1]);
  assert.equal(styles.length, 1, 'one inline stylesheet');
  const bundle = styles[0];
  const digest = `'sha256-${createHash('sha256').update(bundle).digest('base64')}'`;
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  const styleSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('style-src')) ?? '';
  assert.deepEqual(styleSrc.split(' '), ['style-src', "'self'", digest], 'the CSP allows this stylesheet by its hash, and no other inline style');
  const names = await sources();
  assert.ok(names.length > 1, 'index.html names the style sources');
  let at = -1;
  for (const name of names) {
    const text = (await readFile(path.resolve(DIST, '..', name), 'utf8')).trim();
    const found = bundle.indexOf(text);
    assert.ok(found >= 0, `the bundle holds ${name} whole`);
    assert.ok(found > at, `${name} comes after the one before it, as index.html orders them`);
    at = found;
  }
});

test('a cold page fetches no stylesheet, and rules of the first and last sources apply', async () => {
  const { context, page, guard } = await openPage(browser, server.origin, { locale: 'en-US' });
  const css = [];
  page.on('response', (res) => { if (new URL(res.url()).pathname.endsWith('.css')) css.push(res.url()); });
  await page.goto(server.url);
  await waitForApp(page);
  assert.deepEqual(css, [], 'no stylesheet fetched');
  // main.css (the first source) places the skip link off screen; period.css (the last) gives
  // the start screen's period notice its warning border.
  const styles = await page.evaluate(() => ({
    skipLeft: getComputedStyle(document.querySelector('.skip-link')).left,
    noticeBorder: getComputedStyle(document.querySelector('.period-notice')).borderLeftWidth,
  }));
  assert.equal(styles.skipLeft, '-999px', 'a rule of main.css applies');
  assert.equal(styles.noticeBorder, '6px', 'a rule of period.css applies');
  guard.assertClean(assert);
  await context.close();
});
