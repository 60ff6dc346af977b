// Tier 2: the phone tier. Every route (routes.mjs, plus the states a person reaches on a phone:
// results and the shared view of a real profile, a preset in fair mode, a filtered library) at
// 390×844 and 768×1024 (and routes.mjs at 320×640), in both languages, checks:
//   - no sideways scroll;
//   - no figure split across lines (DOM rects: one figure's text occupying two line boxes), and
//     no range of amounts broken at its dash where it would fit one line;
//   - no internal id (snake_case, e.g. fourth_milestone) in visible text;
//   - the results and share summaries inside the first screen;
//   - the fair-mode staff header's height (≤ 120 px on a phone, compact on a tablet).
// Each check runs as the page opens and again with every <details> open. A screenshot of the
// first screen of each goes to target/phone-shots/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { servedApp, openPage, waitForApp, testid, seedOnce } from './support.mjs';
import { ROUTES } from './routes.mjs';
import { ROOT } from './journey.mjs';

let server;
let browser;
let sharePayload = '';

const SHOTS = path.join(ROOT, 'target/phone-shots');
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, fairHeader: 120 },
  { name: 'tablet', width: 768, height: 1024, fairHeader: 160 },
];

servedApp((started) => ({ server, browser } = started));

/** A store holding one profile read from a JSON file of the repository. */
async function savedFrom(file) {
  const profile = JSON.parse(await readFile(path.join(ROOT, file), 'utf8'));
  return JSON.stringify({ version: 1, next_id: 2, active: 'p1', profiles: [{ id: 'p1', modified: 1700000000000, profile }] });
}

const savedEnterprise = () => savedFrom('examples/profiles/enterprise.json');

/** The hand-off link of the enterprise example, as the app itself writes it (once). */
async function loadSharePayload() {
  if (sharePayload) return;
  await mkdir(SHOTS, { recursive: true });
  const store = await savedEnterprise();
  const { context, page } = await openPage(browser, server.origin);
  await context.addInitScript((s) => localStorage.setItem('qz.profiles', s), store);
  await page.goto(`${server.url}#/receipt`);
  await page.waitForSelector(testid('receipt'));
  await page.click(testid('handoff-open'));
  await page.waitForSelector(`${testid('handoff-dialog')}[data-payload]`);
  sharePayload = await page.getAttribute(testid('handoff-dialog'), 'data-payload');
  await context.close();
  assert.ok(sharePayload.length > 10, 'a hand-off payload to open');
}

/** The states beyond routes.mjs that a person reaches on a phone. */
async function phoneRoutes() {
  await loadSharePayload();
  const store = await savedEnterprise();
  return [
    { name: 'results (enterprise)', hash: '#/results', ready: testid('results-summary'), storage: { 'qz.profiles': store }, summary: testid('results-summary') },
    { name: 'share (enterprise)', hash: () => `#/share/${sharePayload}`, ready: `${testid('share-screen')} ${testid('results-summary')}`, summary: testid('results-summary') },
    { name: 'receipt (enterprise)', hash: '#/receipt', ready: testid('receipt'), storage: { 'qz.profiles': store } },
    // One saved profile: compare offers it against itself with one answer changed, whose
    // question list holds the plan's longest question.
    { name: 'compare (one answer changed)', hash: '#/compare', ready: '.compare-what-if select', storage: { 'qz.profiles': store } },
    // Samples whose name holds a figure ("at the 0.5亿 threshold"), and whose answers are a
    // count with its unit ("18 persons") beside a long question.
    { name: 'results (Pubei chenpi sample)', hash: '#/results', ready: testid('results-summary'), storage: { 'qz.profiles': await savedFrom('examples/presets/enterprise_pubei_chenpi.json') } },
    { name: 'receipt (workshop sample)', hash: '#/receipt', ready: testid('receipt'), storage: { 'qz.profiles': await savedFrom('examples/presets/assistance_workshop.json') } },
    { name: 'library (Pubei + chemicals)', hash: '#/library?county=pubei&industry=chemicals', ready: testid('library-count') },
    { name: 'library measure 六.1', hash: '#/library/%E5%85%AD.1', ready: '[data-testid="measure-六.1"] h1' },
    {
      name: 'fair mode, a preset tapped',
      hash: '?fair=1#/',
      ready: `${testid('fair-start')} [data-testid^="preset-"]`,
      then: async (page) => {
        await page.click(`${testid('fair-start')} [data-testid^="preset-"]`);
        await page.waitForSelector(testid('results-summary'));
      },
      summary: testid('results-summary'),
    },
  ];
}

/** What the page shows that a person on a phone would call broken; [] when nothing. */
function problems() {
  const out = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
      .filter((el) => !el.closest('nav, .fair-tools, .table-scroll'))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    out.push(`sideways scroll: ${document.documentElement.scrollWidth} > ${width} (${wide.join(', ')})`);
  }
  // Figures as components/figures.rs defines them: currency, digits with separators, unit.
  // A minus sign, not the dash of a range or a date (2023-2025).
  // Also a period of years or a date (2023–2025, 2025-12-31): split at its dash, it reads as two.
  const figure = /\d{4}(?:[-–—]\d{1,4})+|(?:RMB |¥|(?<![\p{L}\p{N}])-)?\d(?:\d|[,.](?=\d))*(?:万亿元|亿元|万元|万亿|亿|万|元|%|‰| trillion| billion| million|千|百)?/gu;
  /** How many lines the text from start to end of a text node is set on. */
  const linesOf = (node, start = 0, end = node.data.length) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const lines = [];
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0 && !lines.some((l) => r.top < l.bottom - 1 && r.bottom > l.top + 1)) lines.push(r);
    }
    return lines.length;
  };
  const where = (node) => `${node.parentElement?.tagName.toLowerCase()}.${node.parentElement?.className}`;
  // A range of amounts ("RMB 900,000–2,100,000", "7.2万–12万元") broken at its dash although it
  // would fit on one line of its box: it reads as two amounts. Its ends may be one text or
  // two figures' spans with the dash between.
  const blockWidth = (el) => {
    let box = el;
    while (box && ['inline', 'inline-block', 'contents'].includes(getComputedStyle(box).display)) box = box.parentElement;
    if (!box) return Infinity;
    const style = getComputedStyle(box);
    return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  const splitRange = (range, container) => {
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const lines = new Set(rects.map((r) => Math.round(r.top)));
    const wide = rects.reduce((sum, r) => sum + r.width, 0);
    return lines.size > 1 && wide <= blockWidth(container) - 2;
  };
  const rangeText = new RegExp(`(?:${figure.source})–(?:${figure.source})`, 'gu');
  let squeezed = false;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Chart labels do not wrap; a file path (code) breaks where it must.
    if (node.parentElement?.closest('svg, code')) continue;
    for (const match of node.data.matchAll(figure)) {
      if (match[0].length < 2) continue;
      const lines = linesOf(node, match.index, match.index + match[0].length);
      if (lines > 1) out.push(`figure split across ${lines} lines: "${match[0]}" in ${where(node)} "${node.data.slice(0, 60)}"`);
    }
    // A word broken inside itself ("investmen" / "t"): a column or box too narrow for it.
    const broken = [...node.data.matchAll(/[A-Za-z]{4,}/g)].find((m) => linesOf(node, m.index, m.index + m[0].length) > 1);
    if (broken) out.push(`word broken across lines: "${broken[0]}" in ${where(node)}`);
    for (const match of node.data.matchAll(rangeText)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (splitRange(range, node.parentElement)) out.push(`range split at its dash: "${match[0]}" in ${where(node)}`);
    }
    // A table cell's words squeezed to a character or two a line (Chinese breaks anywhere, as
    // does overflow-wrap: anywhere): the table should scroll in its box instead. Said once.
    const text = node.data.replace(/\s+/g, '');
    const cell = node.parentElement?.closest('th, td');
    if (squeezed || !cell || text.length < 3 || linesOf(node) < 2) continue;
    const style = getComputedStyle(cell);
    const em = (cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / parseFloat(style.fontSize);
    if (em < 2.5) {
      out.push(`table text wrapped in a column ${em.toFixed(1)} characters wide: "${text.slice(0, 20)}"`);
      squeezed = true;
    }
  }
  for (const low of document.querySelectorAll('.fig')) {
    const dash = low.nextSibling;
    const high = dash?.nextSibling;
    if (dash?.nodeType !== Node.TEXT_NODE || dash.data !== '–' || !high?.classList?.contains('fig')) continue;
    const range = document.createRange();
    range.setStartBefore(low);
    range.setEndAfter(high);
    if (splitRange(range, low.parentElement)) out.push(`range split at its dash: "${low.textContent}–${high.textContent}" in ${low.parentElement.tagName.toLowerCase()}.${low.parentElement.className}`);
  }
  // A text whose figures or other-language words are elements of their own, set straight in a
  // flex or grid container: each piece becomes an item, side by side in columns, the spaces
  // between them dropped ("1,000Upgrade").
  for (const piece of document.querySelectorAll('.fig, .fig-range, span[lang]')) {
    const box = piece.parentElement;
    if (!/flex|grid/.test(getComputedStyle(box).display)) continue;
    if ([...box.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.data.trim())) {
      out.push(`text split into ${getComputedStyle(box).display} items: ${box.tagName.toLowerCase()}.${box.className} "${box.textContent.trim().slice(0, 40)}"`);
      break;
    }
  }
  const ids = document.body.innerText.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g);
  if (ids) out.push(`internal id in visible text: ${[...new Set(ids)].slice(0, 5).join(', ')}`);
  // A UI string's placeholder left unfilled, or a count's word left as "(s)".
  const raw = document.body.innerText.match(/\{[a-z_]+(?:\|[^}]*)?\}|\w\(s\)/g);
  if (raw) out.push(`template text on screen: ${[...new Set(raw)].slice(0, 5).join(', ')}`);
  return out;
}

async function openRoute(route, viewport, lang) {
  const opened = await openPage(browser, server.origin, { viewport: { width: viewport.width, height: viewport.height } });
  await seedOnce(opened.context, lang, route.storage ?? {});
  const hash = typeof route.hash === 'function' ? route.hash() : route.hash;
  await opened.page.goto(server.url + hash);
  await waitForApp(opened.page);
  // Attached, not visible: on a phone the receipt's table gives way to cards.
  if (route.ready) await opened.page.waitForSelector(route.ready, { state: 'attached', timeout: 15000 });
  if (route.then) await route.then(opened.page);
  // Fonts and the measures' texts settle before anything is measured.
  await opened.page.evaluate(() => document.fonts.ready);
  await opened.page.waitForTimeout(150);
  return opened;
}

const slug = (s) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

for (const viewport of VIEWPORTS) {
  for (const lang of ['zh', 'en']) {
    test(`phone tier: every route at ${viewport.width}×${viewport.height} (${lang})`, async (t) => {
      for (const route of [...ROUTES, ...(await phoneRoutes())]) {
        await t.test(route.name, async () => {
          const { context, page, guard } = await openRoute(route, viewport, lang);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: path.join(SHOTS, `${slug(route.name)}-${viewport.name}-${lang}.png`) });
          assert.deepEqual(await page.evaluate(problems), [], `${route.name} as it opens`);
          if (route.summary && viewport.name === 'phone') {
            await page.screenshot({ path: path.join(SHOTS, `${slug(route.name)}-${viewport.name}-${lang}-full.png`), fullPage: true });
          }
          if (route.summary) {
            const bottom = await page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().bottom, route.summary);
            assert.ok(bottom <= viewport.height, `${route.name}: the summary ends at ${Math.round(bottom)} px, inside the first screen (${viewport.height})`);
          }
          if (!hashOf(route).startsWith('?fair=1') && viewport.name === 'phone') {
            // The name and the language switch share the header's first row (the English name
            // wraps beside it), so the header takes two rows of the screen.
            const [brand, toggle] = await page.evaluate(() => ['.site-header .brand', '.site-header .lang-toggle']
              .map((sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; }));
            assert.ok(toggle.top < brand.bottom && brand.top < toggle.bottom, `${route.name}: the language switch beside the name (${JSON.stringify({ brand, toggle })})`);
          }
          if (hashOf(route).startsWith('?fair=1')) {
            const height = await page.evaluate(() => document.querySelector('[data-testid="fair-header"]').getBoundingClientRect().height);
            assert.ok(height <= viewport.fairHeader, `${route.name}: the staff header is ${Math.round(height)} px (at most ${viewport.fairHeader})`);
            // A row of the staff header that scrolls sideways says so at its edge, as the usual
            // navigation does: a glow behind links, or a fade pinned over the tools' opaque
            // buttons. Cut-off text alone does not show that more follows.
            const rows = await page.evaluate(() => [...document.querySelectorAll('[data-testid="fair-header"] nav, [data-testid="fair-header"] .fair-tools')]
              .filter((row) => row.scrollWidth > row.clientWidth + 1)
              .map((row) => {
                const pinned = getComputedStyle(row, '::after');
                const fade = pinned.position === 'sticky' && pinned.right === '0px' ? pinned.backgroundImage : '';
                return { row: row.className || row.tagName.toLowerCase(), cue: `${getComputedStyle(row).backgroundImage} ${fade}` };
              }));
            for (const { row, cue } of rows) assert.match(cue, /gradient/, `${route.name}: the staff header's ${row} scrolls without a cue at its edge`);
            assert.doesNotMatch(await page.textContent(testid('site-footer')), /保存在您的设备|stay on this device/, 'the footer says nothing is kept');
          }
          // Everything one tap away, opened: still no split figure, id or sideways scroll.
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          await page.waitForTimeout(50);
          assert.deepEqual(await page.evaluate(problems), [], `${route.name} with every detail open`);
          guard.assertClean(assert);
          await context.close();
        });
      }
    });
  }
}

function hashOf(route) {
  return typeof route.hash === 'function' ? route.hash() : route.hash;
}

test('the smallest phones, 320 px: the same checks on every route, in both languages', async () => {
  const tapped = (await phoneRoutes()).filter((r) => r.name === 'fair mode, a preset tapped');
  assert.equal(tapped.length, 1);
  for (const lang of ['zh', 'en']) {
    for (const route of [...ROUTES, ...tapped]) {
      const { context, page, guard } = await openRoute(route, { width: 320, height: 640 }, lang);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.waitForTimeout(50);
      assert.deepEqual(await page.evaluate(problems), [], `${route.name} at 320 px (${lang})`);
      guard.assertClean(assert);
      await context.close();
    }
  }
});

test('a range of amounts stays on one line where it fits one: the HR agency sample at 320 and 375 px', async () => {
  const storage = { 'qz.profiles': await savedFrom('examples/presets/hr_agency.json') };
  for (const width of [320, 375]) {
    for (const lang of ['zh', 'en']) {
      const route = { name: 'results (HR agency sample)', hash: '#/results', ready: testid('results-summary'), storage };
      const { context, page, guard } = await openRoute(route, { width, height: 844 }, lang);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.waitForTimeout(50);
      assert.deepEqual(await page.evaluate(problems), [], `${width} px, ${lang}`);
      guard.assertClean(assert);
      await context.close();
    }
  }
});

test('the phone checks can fail: a split figure, an internal id and a wide element are caught', async () => {
  await mkdir(SHOTS, { recursive: true });
  const { context, page } = await openRoute(ROUTES[0], VIEWPORTS[0], 'en');
  await page.evaluate(() => {
    const box = document.createElement('p');
    box.style.cssText = 'width: 40px; overflow-wrap: anywhere';
    box.textContent = 'RMB 120,000,000 and fourth_milestone';
    document.querySelector('main').append(box);
    // A range that fits its box's line, set so that it breaks at its dash.
    const range = document.createElement('p');
    range.style.cssText = 'width: 14ch';
    range.textContent = 'Up to RMB 600–1,000';
    document.querySelector('main').append(range);
    const wide = document.createElement('div');
    wide.style.cssText = 'width: 2000px; height: 1px';
    document.querySelector('main').append(wide);
  });
  const found = await page.evaluate(problems);
  assert.ok(found.some((p) => p.startsWith('figure split')), found.join(' | '));
  assert.ok(found.some((p) => p.includes('fourth_milestone')), found.join(' | '));
  assert.ok(found.some((p) => p.startsWith('sideways scroll')), found.join(' | '));
  assert.ok(found.some((p) => p.startsWith('range split')), found.join(' | '));
  await context.close();
});

/** Where the current section's link sits in the header's row: inside it, clear of the glow. */
async function currentLinkPlace(page) {
  await page.waitForSelector('.site-header nav a[aria-current="page"]');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    const row = document.querySelector('.site-header nav');
    const nav = row.getBoundingClientRect();
    const link = row.querySelector('a[aria-current="page"]');
    const box = link.getBoundingClientRect();
    return {
      text: link.textContent,
      left: box.left - nav.left,
      right: nav.right - box.right,
      // Scrolled as far as it goes that way: no glow there.
      atStart: row.scrollLeft <= 0,
      atEnd: row.scrollLeft + row.clientWidth >= row.scrollWidth - 1,
    };
  });
}

for (const lang of ['zh', 'en']) {
  test(`on a phone the navigation's row shows the current section, opened cold and after moving (${lang})`, async () => {
    const { context, page, guard } = await openPage(browser, server.origin, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await seedOnce(context, lang);
    // The row's glow is 2rem wide at each edge it can scroll past.
    const clear = (place, what) => {
      const ok = place.left >= (place.atStart ? 0 : 16) && place.right >= (place.atEnd ? 0 : 16);
      assert.ok(ok, `${what}: "${place.text}" is in view, clear of the glow (${JSON.stringify(place)})`);
    };
    for (const hash of ['#/settings', '#/profiles', '#/', '#/about', '#/questions']) {
      if (hash === '#/settings') await page.goto(`${server.url}${hash}`);
      else await page.evaluate((h) => { location.hash = h; }, hash);
      await waitForApp(page);
      clear(await currentLinkPlace(page), hash);
    }
    // Fair mode's header has a row of its own.
    for (const hash of ['#/library', '#/compare', '#/']) {
      if (hash === '#/library') await page.goto(`${server.url}?fair=1${hash}`);
      else await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForSelector(testid('fair-header'));
      clear(await currentLinkPlace(page), `fair mode ${hash}`);
    }
    guard.assertClean(assert);
    await context.close();
  });
}
