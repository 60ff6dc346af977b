#!/usr/bin/env node
// A cold visit on a phone (issue #10): how soon the first paint, the start screen's content, a
// cold library link's content and a cold hand-off link's results show on a slow connection and
// a slow CPU. Normally run through `scripts/bench coldvisit` (or `all`).
//
//   node bench/coldvisit.mjs [--dist DIR] [--runs N] [--encoding gzip|br|none] [--timeout MS]
//                            [--out FILE] [--dry-run]
//
// Headless Chromium (/usr/bin/chromium through Playwright), 390×844 (isMobile, touch), locale
// zh-CN; a fresh browser context per load (empty cache, cache disabled through CDP, service
// workers blocked). Through CDP: Network.emulateNetworkConditions with a 150 ms round trip,
// 1.6 Mbit/s down and 750 kbit/s up, and Emulation.setCPUThrottlingRate 4. The release build is
// served from 127.0.0.1 by bench/host.mjs, gzip-compressed as common static hosts serve it
// (`--encoding`, default gzip).
//
// Loads (bench/loads.mjs): the start screen `#/`, a cold `#/library/四.2(4)` and a cold hand-off
// link made by the app itself from a preset profile. Per load, from navigation start: first
// contentful paint (paint timing); the first animation frame in which the loading shell's text
// (`#app-shell .brand`, the app's name) is in the DOM, has a box and passes checkVisibility(); the same for
// the app's own content (`main h1` for the start screen: the shell has no <main> and no <h1>;
// the measure's heading for the library link; the city's total for the hand-off link); the
// bytes received until then (resource timing's transferSize: what went over the wire); the
// main wasm's arrival; the layout shift until half a second after the content showed. One
// discarded warm-up load of each, then --runs rounds (default 5), the order of the three loads
// alternating each round. Medians, min, max and n.
//
// Targets (issue #10): first paint ≤ 1.5 s, start screen content ≤ 3.0 s, a hand-off link's
// results ≤ 3.5 s (the library link is reported against the same 3.5 s, informational).
// Writes its section of BENCHMARKS.md between <!-- bench:coldvisit:start --> and
// <!-- bench:coldvisit:end -->; raw samples go to target/bench/coldvisit.json (bench/summary.mjs
// reads them). Exit status: 0 every target met, 1 error (nothing written), 2 measured and
// written but a target missed.

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError, median, parseCli, runMeta, writeSection } from './sections.mjs';
import { ENCODINGS, host } from './host.mjs';
import { SHELL_SELECTOR, START, coldLoads, handOffPayload, shortHash } from './loads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const MARK_START = '<!-- bench:coldvisit:start -->';
const MARK_END = '<!-- bench:coldvisit:end -->';

// The visit of issue #10.
const CONDITIONS = {
  viewport: { width: 390, height: 844 },
  latencyMs: 150,
  downBitsPerS: 1.6e6,
  upBitsPerS: 750e3,
  cpuRate: 4,
};
// Issue #10's targets, in ms from navigation start. `informational`: reported, not judged.
const TARGETS = {
  firstPaintMs: 1500,
  startContentMs: 3000,
  handOffContentMs: 3500,
  libraryContentMs: 3500,
};

function options() {
  const values = parseCli(import.meta.url, ROOT, {
    dist: { type: 'string', default: process.env.DIST_DIR || path.join(ROOT, 'target/bench/app') },
    runs: { type: 'string', default: process.env.BENCH_COLDVISIT_RUNS || '5' },
    encoding: { type: 'string', default: process.env.BENCH_COLDVISIT_ENCODING || 'gzip' },
    timeout: { type: 'string', default: '60000' },
  });
  if (!ENCODINGS.includes(values.encoding)) throw new BenchError(`--encoding is ${ENCODINGS.join(', ')} (got "${values.encoding}")`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError(`--runs must be a positive integer (got "${values.runs}")`);
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new BenchError(`--timeout must be milliseconds > 0 (got "${values.timeout}")`);
  const dist = path.resolve(values.dist);
  if (!existsSync(path.join(dist, 'index.html'))) throw new BenchError(`no release build in ${dist} (scripts/bench builds one; or --dist DIR)`);
  return { ...values, runs, timeout, dist, out: path.resolve(values.out), dryRun: values['dry-run'] };
}

// ---------------------------------------------------------------------------------- the probe

// Runs in the page before its own scripts (context.addInitScript). For each selector: the start
// of the first animation frame in which its element is in the DOM, has a non-empty box and
// passes checkVisibility() (the frame that paints it), as bench/measure.mjs's probe. Plus paint
// timing and the layout shifts.
function probe(selectors) {
  const b = (window.__cold = { at: {}, fcp: null, fp: null, cls: 0, shifts: [] });
  let done;
  b.shown = new Promise((resolve) => (done = resolve));
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    return el.checkVisibility ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : true;
  };
  const frame = () => {
    const now = performance.now();
    for (const [key, sel] of Object.entries(selectors)) {
      if (b.at[key] !== undefined) continue;
      const el = document.querySelector(sel);
      if (el && visible(el)) b.at[key] = now;
    }
    // Done once the content is shown (the shell may already be gone by then: left unset).
    if (b.at.content !== undefined) {
      done(true);
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
        if (e.name === 'first-paint') b.fp = e.startTime;
      }
    }).observe({ type: 'paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        b.cls += e.value;
        b.shifts.push({ at: Math.round(e.startTime), value: e.value });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    // Older engines: the frame figures are the measure anyway.
  }
}

async function loadOnce(browser, server, load, opts) {
  const context = await browser.newContext({
    viewport: CONDITIONS.viewport, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
    locale: 'zh-CN', serviceWorkers: 'block',
  });
  const pageErrors = [];
  const foreign = [];
  const httpErrors = [];
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith(server.origin + '/')) foreign.push(url);
  });
  try {
    await context.addInitScript(probe, { shell: SHELL_SELECTOR, content: load.selector, ...(load.choices ? { choices: load.choices } : {}) });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('response', (res) => { if (res.status() >= 400) httpErrors.push(`${res.status()} ${new URL(res.url()).pathname}`); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: CONDITIONS.latencyMs,
      downloadThroughput: CONDITIONS.downBitsPerS / 8,
      uploadThroughput: CONDITIONS.upBitsPerS / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CONDITIONS.cpuRate });
    await page.goto(server.url + load.hash, { waitUntil: 'commit', timeout: opts.timeout });
    const shown = await page.evaluate(
      (t) => Promise.race([window.__cold.shown, new Promise((resolve) => setTimeout(() => resolve(false), t))]),
      opts.timeout,
    );
    if (!shown) {
      const body = await page.evaluate(() => document.body?.innerHTML.replace(/\s+/g, ' ').slice(0, 300) ?? '(no body)').catch(() => '(unreadable)');
      throw new BenchError(`${load.name}: "${load.selector}" did not show within ${opts.timeout} ms` +
        `${pageErrors.length ? `; page errors: ${pageErrors.join(' | ')}` : ''}${httpErrors.length ? `; HTTP errors: ${httpErrors.join(', ')}` : ''}; body starts: ${body}`);
    }
    // Half a second more for layout shifts and paint entries to arrive (not on the clock).
    await page.waitForTimeout(500);
    const m = await page.evaluate(() => {
      const c = window.__cold;
      const content = c.at.content;
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const until = resources.filter((r) => r.responseEnd <= content);
      const choices = c.at.choices ?? null;
      const beforeChoices = choices === null ? [] : resources.filter((r) => r.responseEnd <= choices);
      const wasm = resources.find((r) => /_bg\.wasm$/.test(new URL(r.name).pathname));
      return {
        fcp: c.fcp,
        fp: c.fp,
        shell: c.at.shell ?? null,
        content,
        bytes: (nav?.transferSize ?? 0) + until.reduce((s, r) => s + (r.transferSize || 0), 0),
        files: 1 + until.length,
        choices,
        choicesBytes: choices === null ? null : (nav?.transferSize ?? 0) + beforeChoices.reduce((s, r) => s + (r.transferSize || 0), 0),
        wasmEnd: wasm ? wasm.responseEnd : null,
        cls: c.cls,
        shifts: c.shifts,
      };
    });
    if (foreign.length) throw new BenchError(`${load.name} requested something other than 127.0.0.1: ${foreign.join(', ')}`);
    if (pageErrors.length) throw new BenchError(`${load.name}: the app threw: ${pageErrors.join(' | ')}`);
    return m;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------- report

const stats = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined);
  return v.length ? { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length } : null;
};
const sec = (x) => (x === null || x === undefined ? 'n/a' : `${(x / 1000).toFixed(2)} s`);
const cell = (s) => (s ? `**${sec(s.median)}** (${sec(s.min)}–${sec(s.max)}, n ${s.n})` : 'n/a');

/** The judged rows: { what, load key, metric, limit, informational }. */
const CHECKS = [
  { what: 'cold visit: first paint (first contentful paint of `#/`)', load: 'start', metric: 'fcp', limit: TARGETS.firstPaintMs },
  { what: 'cold visit: start screen content', load: 'start', metric: 'content', limit: TARGETS.startContentMs },
  { what: 'cold visit: a hand-off link\'s results', load: 'handoff', metric: 'content', limit: TARGETS.handOffContentMs },
  { what: 'cold visit: a cold `#/library/四.2(4)` content', load: 'library', metric: 'content', limit: TARGETS.libraryContentMs, informational: true },
  { what: 'cold visit: the start screen\'s choices, a first visit (the shell\'s, before the app runs)', load: 'start', metric: 'choices', limit: TARGETS.startContentMs, informational: true },
];

function section(opts, loads, summary, checks, meta) {
  const L = [];
  L.push(MARK_START);
  L.push('## Cold visit on a phone');
  L.push('');
  L.push('Written by `scripts/bench coldvisit` (bench/coldvisit.mjs); do not edit by hand, rerun it.');
  L.push('Targets (issue #10): first paint ≤ 1.5 s, start screen content ≤ 3.0 s, a hand-off link\'s results ≤ 3.5 s.');
  L.push('');
  L.push(`- Date (UTC): ${meta.date}`);
  L.push(`- Tree: \`${meta.git}\``);
  L.push(`- Machine: nproc ${meta.nproc}, ${meta.cpu}; load average ${meta.loadBefore} before, ${meta.loadAfter} after`);
  L.push(`- Browser: ${meta.browser} (headless, /usr/bin/chromium), node ${process.version}`);
  L.push(`- Build: \`${path.relative(ROOT, opts.dist) || opts.dist}\` (release)`);
  L.push(`- Command: \`${process.env.BENCH_COMMAND || `node bench/coldvisit.mjs ${process.argv.slice(2).join(' ')}`.trim()}\``);
  L.push(`- Duration: ${meta.seconds} s`);
  L.push('');
  L.push(`How: ${CONDITIONS.viewport.width}×${CONDITIONS.viewport.height} (mobile, touch), locale zh-CN, a fresh browser context per load (cache`);
  L.push(`disabled, service workers blocked); CDP \`Network.emulateNetworkConditions\`: ${CONDITIONS.latencyMs} ms round trip,`);
  L.push(`${CONDITIONS.downBitsPerS / 1e6} Mbit/s down, ${CONDITIONS.upBitsPerS / 1e3} kbit/s up; \`Emulation.setCPUThrottlingRate\` ${CONDITIONS.cpuRate}. Served from 127.0.0.1`);
  L.push(`by bench/host.mjs, ${opts.encoding === 'none' ? 'uncompressed' : `${opts.encoding}-compressed (html, js, wasm, css, json, svg, manifest)`}, as a static host serves it.`);
  L.push('Times from navigation start: first contentful paint (paint timing), and the start of the first');
  L.push('animation frame in which an element is in the DOM, has a box and passes `checkVisibility()` (the frame');
  L.push(`that paints it): the loading shell's text (\`${SHELL_SELECTOR}\`) and the app's own content (the`);
  L.push('shell has no `<main>` and no `<h1>`, so `main h1` is the app\'s start screen). Bytes: resource timing\'s');
  L.push('`transferSize` of the page and every file that had arrived by then (what went over the wire).');
  L.push('Layout shift: the sum of the page\'s `layout-shift` entries until half a second after the content');
  L.push('showed (the shell is the start screen\'s first lines: a jump when the app takes over counts here).');
  L.push(`One discarded warm-up load of each, then ${opts.runs} round${opts.runs === 1 ? '' : 's'}; the order of the three loads alternates each round.`);
  L.push('Each cell: median (min–max, n).');
  L.push('');
  L.push('| target | measured (median) | target | result |');
  L.push('|---|--:|--:|---|');
  for (const c of checks) {
    L.push(`| ${c.what} | ${sec(c.value)} | ≤ ${sec(c.limit)} | ${c.informational ? `${c.value <= c.limit ? 'within' : 'over'} (informational)` : c.ok ? 'pass' : '**missed**'} |`);
  }
  L.push('');
  L.push('| load | content selector | first contentful paint | shell text visible | content visible | main wasm arrived | bytes until content (median) | layout shift (max) |');
  L.push('|---|---|--:|--:|--:|--:|--:|--:|');
  for (const load of loads) {
    const s = summary[load.key];
    L.push(`| ${load.name} (\`${shortHash(load.hash)}\`) | \`${load.selector}\` | ${cell(s.fcp)} | ${cell(s.shell)} | ${cell(s.content)} | ${sec(s.wasmEnd?.median)} | ${s.bytes ? `${(s.bytes.median / 1000).toFixed(1)} KB in ${s.files.median} files` : 'n/a'} | ${s.cls ? s.cls.max.toFixed(3) : 'n/a'} |`);
  }
  L.push('');
  const start = summary.start;
  if (start?.choices) {
    L.push(`On a first visit to \`#/\` the shell also shows the start screen's choices (scripts/shell.py, \`${START.choices}\`):`);
    L.push(`they can be chosen at **${sec(start.choices.median)}** (${sec(start.choices.min)}–${sec(start.choices.max)}, n ${start.choices.n}), after ${(start.choicesBytes.median / 1000).toFixed(1)} KB;`);
    L.push('Begin waits for the app, which then takes over what was chosen. The content row above stays the app\'s own.');
    L.push('');
  }
  L.push('At 1.6 Mbit/s a kilobyte takes 5 ms to arrive: 200 KB over the wire is a second of download on top');
  L.push('of the round trips (the page, then its scripts and styles, then the wasm, then a screen\'s chunks).');
  L.push(MARK_END);
  return L.join('\n');
}

// ---------------------------------------------------------------------------------- main

async function main() {
  const t0 = Date.now();
  const opts = options();
  const { launchBrowser } = await import('../tests/browser/support.mjs');
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const server = await host(opts.dist, opts.encoding);
  const browser = await launchBrowser();
  const samples = {};
  let loads;
  let version;
  try {
    version = browser.version();
    loads = coldLoads(await handOffPayload(browser, server.url));
    console.log('==> warm-up: one load of each (not counted)');
    for (const load of loads) await loadOnce(browser, server, load, opts);
    for (let round = 0; round < opts.runs; round += 1) {
      const order = round % 2 ? [...loads].reverse() : loads;
      for (const load of order) {
        const m = await loadOnce(browser, server, load, opts);
        (samples[load.key] ??= []).push(m);
        console.log(`  round ${round + 1}/${opts.runs} ${load.name}: first paint ${sec(m.fcp)}, shell ${sec(m.shell)}, content ${sec(m.content)} (${(m.bytes / 1000).toFixed(1)} KB)`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  const summary = {};
  for (const load of loads) {
    const xs = samples[load.key];
    const of = (k) => stats(xs.map((m) => m[k]));
    summary[load.key] = { fcp: of('fcp'), fp: of('fp'), shell: of('shell'), content: of('content'), bytes: of('bytes'), files: of('files'), choices: of('choices'), choicesBytes: of('choicesBytes'), wasmEnd: of('wasmEnd'), cls: of('cls') };
  }
  const checks = CHECKS.map((c) => {
    const value = summary[c.load][c.metric]?.median ?? null;
    return { ...c, value, ok: value !== null && value <= c.limit };
  });
  const meta = runMeta({ root: ROOT, loadBefore, t0, tools: { browser: version } });
  const text = section(opts, loads, summary, checks, meta);
  const result = {
    meta, conditions: CONDITIONS, targets: TARGETS, encoding: opts.encoding,
    loads: loads.map((l) => ({ key: l.key, name: l.name, hash: shortHash(l.hash), selector: l.selector })),
    checks, summary, samples,
  };
  if (opts.dryRun) console.log(text);
  else {
    await mkdir(path.join(ROOT, 'target/bench'), { recursive: true });
    await writeFile(path.join(ROOT, 'target/bench/coldvisit.json'), JSON.stringify(result, null, 2));
    await writeSection(opts.out, text, MARK_START, MARK_END);
    console.log(`==> wrote the coldvisit section of ${path.relative(process.cwd(), opts.out) || opts.out}; samples in target/bench/coldvisit.json`);
  }
  for (const c of checks) console.log(`  ${c.informational ? 'info' : c.ok ? 'pass' : 'MISS'}  ${c.what}: ${sec(c.value)} (≤ ${sec(c.limit)})`);
  return checks.every((c) => c.informational || c.ok) ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench: ${err instanceof BenchError ? err.message : err.stack || err}`);
    process.exit(1);
  },
);
