// Tier 2: nothing leaves the device. Every route of tests/browser/routes.mjs, in both
// languages, in normal mode and in fair mode (`?fair=1`), and a hand-off link (#/share/…) in
// both modes, load with context-level request interception: `context.route('**/*')` sees every
// request of the context, the pages' and the service worker's (service workers allowed, so
// after the first load the app is served by its own worker), records its URL and aborts any
// that goes to another origin. Each visit waits until the network is quiet, then also checks
// the document for resource URLs (src, srcset, stylesheet and icon links, form actions, SVG
// hrefs) that point elsewhere. A control test makes foreign requests on purpose, from the page
// and from the service worker, and checks that the recorder catches each of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { servedApp, openPage, waitForApp } from './support.mjs';
import { ROUTES } from './routes.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
let server;
let browser;

servedApp((started) => ({ server, browser } = started));

const same = (url) => url.startsWith(server.origin + '/');
const local = (url) => url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank';

/**
 * A context whose every request goes through a recorder. Returns { context, page, guard, net }
 * where net.all lists every URL requested (with who asked: page or service worker) and
 * net.foreign the ones that went elsewhere (aborted).
 */
async function recordedContext(lang, options = {}) {
  const opened = await openPage(browser, server.origin, { serviceWorkers: 'allow', locale: lang === 'en' ? 'en-US' : 'zh-CN', ...options });
  const { context, page } = opened;
  const net = { all: [], foreign: [], inflight: 0, lastChange: Date.now(), sockets: [] };
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    const by = request.serviceWorker() ? 'service worker' : 'page';
    net.all.push({ url, by });
    if (same(url) || local(url)) {
      await route.continue().catch(() => {});
    } else {
      net.foreign.push(`${url} (${by}, ${request.resourceType()})`);
      await route.abort('blockedbyclient').catch(() => {});
    }
  });
  // The request events see what routing might not (e.g. a request the browser makes without a
  // route handler); anything foreign among them counts as well.
  const seen = (req) => {
    net.inflight += 1;
    net.lastChange = Date.now();
    const url = req.url();
    if (!same(url) && !local(url) && !net.foreign.some((f) => f.startsWith(url + ' '))) {
      net.foreign.push(`${url} (request event, ${req.resourceType()})`);
    }
  };
  const done = () => {
    net.inflight = Math.max(0, net.inflight - 1);
    net.lastChange = Date.now();
  };
  context.on('request', seen);
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  page.on('websocket', (ws) => net.sockets.push(ws.url()));
  return { ...opened, net };
}

/**
 * Waits until no request has been in flight for `quietMs` (at most `maxMs`). Playwright reports
 * no finish for some of the service worker's precache requests, so a count that stays above
 * zero with nothing new for `stuckMs` counts as quiet too (every request is recorded when it
 * starts, so none is missed by stopping then).
 */
async function settle(net, quietMs = 400, maxMs = 8000, stuckMs = 1500) {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const quiet = Date.now() - net.lastChange;
    if ((net.inflight === 0 && quiet >= quietMs) || quiet >= stuckMs) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resource URLs in the document (not links a person may follow) that leave the origin. */
function foreignInDocument(page) {
  return page.evaluate(() => {
    const out = [];
    const check = (el, attr, value) => {
      if (!value) return;
      for (const part of attr === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0]) : [value]) {
        let url;
        try {
          url = new URL(part, document.baseURI);
        } catch {
          continue;
        }
        if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol)) continue;
        if (url.origin !== location.origin) out.push(`<${el.localName} ${attr}="${value}">`);
      }
    };
    for (const el of document.querySelectorAll('[src], [srcset], link[href], form[action], object[data], [poster]')) {
      for (const attr of ['src', 'srcset', 'href', 'action', 'data', 'poster']) {
        if (el.hasAttribute(attr) && !(attr === 'href' && el.localName === 'a')) check(el, attr, el.getAttribute(attr));
      }
    }
    // SVG <use>/<image> fetch what their href names.
    for (const el of document.querySelectorAll('use, image, feImage')) {
      check(el, 'href', el.getAttribute('href') || el.getAttribute('xlink:href'));
    }
    return out;
  });
}

/** The address of a route in a mode: `?fair=1` goes before the fragment, `r` forces a load. */
function address(route, fair, visit) {
  let hash = route.hash;
  let query = `?r=${visit}`;
  if (hash.startsWith('?')) {
    const at = hash.indexOf('#');
    query = `${at === -1 ? hash : hash.slice(0, at)}&r=${visit}`;
    hash = at === -1 ? '' : hash.slice(at);
  } else if (fair) {
    query = `?fair=1&r=${visit}`;
  }
  return server.url + query + hash;
}

const isFairRoute = (route) => route.hash.startsWith('?fair');

// Storage for a visit: the route's saved state and the language, set before the next load.
async function setStorage(page, lang, items) {
  await page.evaluate(([l, entries]) => {
    localStorage.clear();
    localStorage.setItem('qz.lang', l);
    for (const [k, v] of entries) localStorage.setItem(k, v);
  }, [lang, Object.entries(items ?? {})]);
}

async function visitAll(lang, fair) {
  const { context, page, guard, net } = await recordedContext(lang);
  const routes = fair ? ROUTES.filter((r) => !isFairRoute(r)) : ROUTES;
  const problems = [];
  try {
    // First load: the origin, so that storage can be set; the service worker installs.
    await page.goto(server.url + (fair ? '?fair=1' : ''));
    await waitForApp(page);
    let visit = 0;
    let controlled = false;
    for (const route of routes) {
      visit += 1;
      await setStorage(page, lang, route.storage);
      const before = net.foreign.length;
      await page.goto(address(route, fair, visit));
      await waitForApp(page);
      // In fair mode nothing saved is read, so a saved state's own marker may not appear.
      const ready = fair || isFairRoute(route) ? (isFairRoute(route) ? route.ready : 'h1') : route.ready;
      await page.waitForSelector(ready ?? 'h1', { timeout: 15000 });
      await settle(net);
      const inDoc = await foreignInDocument(page);
      const foreign = net.foreign.slice(before);
      if (foreign.length || inDoc.length) problems.push(`${route.name}: ${[...foreign, ...inDoc].join(', ')}`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'en' ? 'en' : 'zh-CN', `${route.name}: the language`);
      if (!controlled) controlled = await page.evaluate(() => Boolean(navigator.serviceWorker?.controller));
    }
    assert.deepEqual(problems, [], `requests to another origin (${lang}${fair ? ', fair mode' : ''})`);
    assert.deepEqual(net.sockets, [], 'no web socket');
    assert.ok(net.all.length > routes.length, 'the recorder saw the requests');
    assert.ok(controlled, 'the service worker took over, so its fetches were covered too');
    guard.assertClean(assert);
  } finally {
    await context.close();
  }
}

for (const lang of ['zh', 'en']) {
  test(`no request leaves the origin on any route (${lang})`, () => visitAll(lang, false));
  test(`no request leaves the origin on any route in fair mode (${lang})`, () => visitAll(lang, true));
}

test('no request leaves the origin when a hand-off link is opened, in normal and in fair mode', async () => {
  // A real link: the hand-off dialog's, for a sample enterprise.
  const profile = JSON.parse(await readFile(path.join(ROOT, 'examples/profiles/enterprise.json'), 'utf8'));
  const store = JSON.stringify({ version: 1, next_id: 2, active: 'p1', profiles: [{ id: 'p1', modified: 1700000000000, profile }] });
  const maker = await recordedContext('en');
  let link;
  try {
    await maker.page.goto(server.url);
    await waitForApp(maker.page);
    await setStorage(maker.page, 'en', { 'qz.profiles': store });
    // The results screen offers it (and the receipt).
    let opener = null;
    for (const [visit, screen] of [['1', '#/results'], ['2', '#/receipt']]) {
      await maker.page.goto(`${server.url}?r=${visit}${screen}`);
      await maker.page.waitForSelector('main h1');
      opener = await maker.page.waitForSelector('[data-testid="handoff-open"]', { timeout: 5000 }).catch(() => null);
      if (opener) break;
    }
    assert.ok(opener, 'a hand-off button on the results or the receipt');
    await opener.click();
    await maker.page.waitForSelector('[data-testid="handoff-dialog"][open] [data-testid="handoff-qr"] svg');
    link = await maker.page.getAttribute('[data-testid="handoff-dialog"]', 'data-link');
    await settle(maker.net);
    assert.deepEqual(maker.net.foreign, [], 'making the link and its QR code');
    maker.guard.assertClean(assert);
  } finally {
    await maker.context.close();
  }
  assert.match(link ?? '', /#\/share\/[A-Za-z0-9_-]+/, `a hand-off link: ${link}`);
  const hash = link.slice(link.indexOf('#'));
  for (const fair of [false, true]) {
    for (const lang of ['zh', 'en']) {
      const { context, page, guard, net } = await recordedContext(lang);
      try {
        await page.goto(server.url + (fair ? '?fair=1' : '') + hash);
        await waitForApp(page);
        await page.waitForSelector('h1');
        await settle(net);
        // Open it again once the service worker has taken over.
        await page.goto(server.url + (fair ? '?fair=1&r=2' : '?r=2') + hash);
        await waitForApp(page);
        await page.waitForSelector('h1');
        await settle(net);
        assert.doesNotMatch((await page.textContent('main')) ?? '', /not a link|tampered|damaged/i, 'the link opens');
        assert.deepEqual([...net.foreign, ...(await foreignInDocument(page))], [], `hand-off link (${lang}${fair ? ', fair mode' : ''})`);
        guard.assertClean(assert);
      } finally {
        await context.close();
      }
    }
  }
});

test('control: the recorder catches foreign requests from the page and from the service worker', async () => {
  // The app's CSP would refuse the page's foreign requests before they are made (good, but
  // then they would prove nothing here): this control context bypasses it.
  const { context, page, net } = await recordedContext('en', { bypassCSP: true });
  try {
    await page.goto(server.url);
    await waitForApp(page);
    // 198.51.100.0/24 and 203.0.113.0/24 are documentation addresses: never reachable.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'http://198.51.100.7/pixel.png';
      document.body.append(img);
      fetch('https://203.0.113.9/beacon', { mode: 'no-cors' }).catch(() => {});
    });
    const deadline = Date.now() + 15000;
    let worker = context.serviceWorkers()[0];
    while (!worker && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      worker = context.serviceWorkers()[0];
    }
    assert.ok(worker, 'the app registered its service worker');
    await worker.evaluate(() => fetch('http://198.51.100.8/from-the-worker', { mode: 'no-cors' }).catch(() => null));
    await settle(net);
    // And from a page the service worker controls (its fetch handler lets foreign requests by).
    await page.reload();
    await waitForApp(page);
    const deadline2 = Date.now() + 15000;
    while (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))) && Date.now() < deadline2) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await page.evaluate(() => fetch('https://203.0.113.10/controlled', { mode: 'no-cors' }).catch(() => {}));
    await settle(net);
    const caught = net.foreign.join('\n');
    assert.match(caught, /198\.51\.100\.7\/pixel\.png/, 'an image from the page');
    assert.match(caught, /203\.0\.113\.9\/beacon/, 'a fetch from the page');
    assert.match(caught, /198\.51\.100\.8\/from-the-worker \(service worker/, 'a fetch from the service worker, intercepted by the context route');
    assert.match(caught, /203\.0\.113\.10\/controlled/, 'a fetch from a page the service worker controls');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'http://198.51.100.7/pixel.png';
      document.body.append(img);
    });
    const inDoc = await foreignInDocument(page);
    assert.ok(inDoc.some((x) => x.includes('198.51.100.7')), 'the document scan sees a foreign image');
  } finally {
    await context.close();
  }
});
