#!/usr/bin/env node
// Bundle size and load time of the app against the floor (a bare Leptos 0.8 CSR counter built
// the same way, bench/floor). Normally run through `scripts/bench`, which builds both first.
//
//   node bench/measure.mjs [--app DIR] [--floor DIR] [--selector CSS] [--floor-selector CSS]
//                          [--runs N] [--rates 1,4] [--timeout MS] [--out FILE] [--dry-run]
//
// Sizes: every file in each dist, raw, gzip -9 and brotli q11 (node's zlib); the first-load
// total is html + js + wasm + css.
//
// Time to content: a fresh browser context per load (empty cache, cache disabled through CDP),
// served from 127.0.0.1 by tests/browser/support.mjs (no compression, no network throttling).
// Before any page script runs, a probe records performance.now() (origin = navigation start)
// at the start of the first animation frame in which the selector's element is in the DOM,
// has a non-empty box and passes checkVisibility(): that frame paints it. The median of
// --runs loads per build and CPU rate (Emulation.setCPUThrottlingRate), app and floor
// interleaved (the order alternates every round), after one discarded warm-up load per build.
//
// Writes its section of BENCHMARKS.md between <!-- bench:bundle:start --> and
// <!-- bench:bundle:end --> and leaves everything else in the file alone; raw figures go to
// target/bench/results.json. Exit status: 0 all within budget, 1 error (nothing written),
// 2 measured and written but over budget.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { BenchError, median, printHelp, treeId, writeSection } from './sections.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');

// The hardening issue's budget.
const BUDGET = {
  firstLoadBrotliBytes: 150_000, // 150 KB, KB = 1000 bytes
  firstLoadTimesFloor: 5,
  contentMsAt4x: 1000,
};
const FIRST_LOAD_EXT = new Set(['.html', '.js', '.wasm', '.css']);
const SCREEN_CHUNK = /^(split|chunk)_.*\.wasm$/;
const MARK_START = '<!-- bench:bundle:start -->';
const MARK_END = '<!-- bench:bundle:end -->';


function options() {
  let values;
  try {
    ({ values } = parseArgs(spec()));
  } catch (err) {
    throw new BenchError(`${err.message} (node bench/measure.mjs --help)`);
  }
  return checkOptions(values);
}

function spec() {
  return {
    options: {
      app: { type: 'string', default: path.join(ROOT, 'target/bench/app') },
      floor: { type: 'string', default: path.join(ROOT, 'bench/floor/target/dist') },
      selector: { type: 'string', default: process.env.BENCH_SELECTOR || 'main h1' },
      'floor-selector': { type: 'string', default: process.env.BENCH_FLOOR_SELECTOR || 'main h1' },
      runs: { type: 'string', default: process.env.BENCH_RUNS || '11' },
      rates: { type: 'string', default: process.env.BENCH_RATES || '1,4' },
      timeout: { type: 'string', default: process.env.BENCH_TIMEOUT_MS || '30000' },
      out: { type: 'string', default: path.join(ROOT, 'BENCHMARKS.md') },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  };
}

function checkOptions(values) {
  if (values.help) {
    printHelp(import.meta.url);
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError(`--runs must be a positive integer, not "${values.runs}"`);
  const rates = values.rates.split(',').map(Number);
  if (!rates.length || rates.some((r) => !(r >= 1))) throw new BenchError(`--rates must be numbers ≥ 1, e.g. 1,4 (got "${values.rates}")`);
  if (runs < 7) console.warn(`bench: warning: --runs ${runs} is below 7; medians will be noisy`);
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new BenchError(`--timeout must be milliseconds > 0, not "${values.timeout}"`);
  return {
    builds: [
      { key: 'app', label: 'app', dist: path.resolve(values.app), selector: values.selector },
      { key: 'floor', label: 'floor (bare Leptos counter)', dist: path.resolve(values.floor), selector: values['floor-selector'] },
    ],
    runs,
    rates,
    timeout,
    out: path.resolve(values.out),
    dryRun: values['dry-run'],
  };
}

// ---------------------------------------------------------------------------------------- sizes

async function walk(dir, rel = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    if (entry.name === '.stage') continue; // Trunk's staging dir
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(dir, r)));
    else if (entry.isFile()) out.push(r);
  }
  return out.sort();
}

async function checkDist(build) {
  const info = await stat(build.dist).catch(() => null);
  if (!info || !info.isDirectory()) {
    throw new BenchError(`no dist for the ${build.key} at ${build.dist}: build it first (scripts/bench builds both)`);
  }
  if (!existsSync(path.join(build.dist, 'index.html'))) {
    throw new BenchError(`${build.dist} has no index.html: the ${build.key}'s trunk build did not finish`);
  }
  const files = await walk(build.dist);
  for (const ext of ['.wasm', '.js']) {
    if (!files.some((f) => f.endsWith(ext))) {
      throw new BenchError(`${build.dist} has no ${ext} file: not a Trunk release build of a Rust app`);
    }
  }
  for (const f of files.filter((x) => x.endsWith('.wasm'))) {
    // A build that copied a half-written file (two Trunk builds sharing a target dir) must not
    // be measured as if it were the app.
    if (!WebAssembly.validate(await readFile(path.join(build.dist, f)))) {
      throw new BenchError(`${path.join(build.dist, f)} is not valid WebAssembly: rebuild (was another build writing the same target dir?)`);
    }
  }
  return files;
}

async function sizes(build, files) {
  const rows = [];
  for (const file of files) {
    const buf = await readFile(path.join(build.dist, file));
    rows.push({
      file,
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        },
      }).length,
      // A screen's chunk of the split build (scripts/split_wasm.py) loads when the screen is
      // first shown, not with the start screen: see bench/chunks.mjs.
      firstLoad: FIRST_LOAD_EXT.has(path.extname(file)) && !SCREEN_CHUNK.test(file),
    });
  }
  const sum = (rs) => ({
    raw: rs.reduce((a, r) => a + r.raw, 0),
    gzip: rs.reduce((a, r) => a + r.gzip, 0),
    brotli: rs.reduce((a, r) => a + r.brotli, 0),
  });
  return { files: rows, firstLoad: sum(rows.filter((r) => r.firstLoad)), all: sum(rows) };
}

// ---------------------------------------------------------------------------------------- timing

// Runs in every document before its own scripts (context.addInitScript).
function probe(selector) {
  const b = (window.__bench = { selector, inDom: null, visible: null, painted: null, fcp: null });
  let shown;
  let painted;
  b.shown = new Promise((resolve) => (shown = resolve));
  b.paintedP = new Promise((resolve) => (painted = resolve));
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    return el.checkVisibility ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : true;
  };
  // When the element first enters the DOM (a mutation observer callback runs before the next
  // paint, so the Element Timing attribute is in place when it is painted).
  const seen = () => {
    const el = document.querySelector(selector);
    if (!el) return;
    if (b.inDom === null) {
      b.inDom = performance.now();
      if (!el.hasAttribute('elementtiming')) el.setAttribute('elementtiming', 'bench-content');
    }
  };
  const mo = new MutationObserver(seen);
  mo.observe(document, { childList: true, subtree: true });
  // Visible: the first animation frame in which it is there and visible.
  const frame = () => {
    seen();
    const el = b.inDom === null ? null : document.querySelector(selector);
    if (el && visible(el)) {
      b.visible = performance.now();
      mo.disconnect();
      shown(true);
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (b.painted === null && (e.identifier === 'bench-content' || (e.element && e.element.matches(selector)))) {
          b.painted = e.renderTime || e.loadTime || null;
          painted();
        }
      }
    }).observe({ type: 'element', buffered: true });
  } catch {
    // Older engines: the rAF figure is the measure anyway.
  }
}

async function loadOnce(browser, server, build, rate, timeout, loop = false) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const pageErrors = [];
  const consoleErrors = [];
  const httpErrors = [];
  const foreign = [];
  const requested = new Set();
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!url.startsWith(server.origin + '/')) foreign.push(url);
    else requested.add(decodeURIComponent(new URL(url).pathname.slice(1)) || 'index.html');
  });
  try {
    await context.addInitScript(probe, build.selector);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) consoleErrors.push(msg.text());
    });
    page.on('response', (res) => {
      if (res.status() >= 400) httpErrors.push(`${res.status()} ${new URL(res.url()).pathname}`);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(server.url, { waitUntil: 'commit', timeout });
    // No polling from outside (it would cost main-thread time): the probe resolves a promise.
    const shown = await page.evaluate(
      (t) => Promise.race([window.__bench.shown, new Promise((resolve) => setTimeout(() => resolve(false), t))]),
      timeout,
    );
    if (!shown) {
        const body = await page
        .evaluate(() => (document.body ? document.body.innerHTML.replace(/\s+/g, ' ').slice(0, 300) : '(no body)'))
        .catch(() => '(unreadable)');
      const detail = [
        pageErrors.length ? `page errors: ${pageErrors.join(' | ')}` : '',
        consoleErrors.length ? `console errors: ${consoleErrors.join(' | ')}` : '',
        httpErrors.length ? `HTTP errors: ${httpErrors.join(', ')}` : '',
        `body starts: ${body}`,
      ].filter(Boolean).join('; ');
      throw new BenchError(
        `${build.key}: "${build.selector}" did not become visible within ${timeout} ms at ${rate}× CPU (${server.url}, dist ${build.dist})` +
          `; ${detail}` +
          (pageErrors.length ? '' : '; is the selector right? (--selector / BENCH_SELECTOR)'),
      );
    }
    // Give Element Timing's paint entry time to arrive; it is reported, not judged.
    const m = await page.evaluate(() =>
      Promise.race([window.__bench.paintedP, new Promise((resolve) => setTimeout(resolve, 1000))]).then(() => {
        const { selector, inDom, visible, painted, fcp } = window.__bench;
        return { selector, inDom, visible, painted, fcp };
      }),
    );
    if (loop) {
      m.loopMs = await page.evaluate(() => {
        const t = performance.now();
        let x = 0;
        for (let i = 0; i < 5e6; i++) x = (x * 31 + i) | 0;
        return performance.now() - t + (x === 0.5 ? 1 : 0);
      });
    }
    if (foreign.length) throw new BenchError(`${build.key} requested something other than 127.0.0.1: ${foreign.join(', ')}`);
    if (pageErrors.length) throw new BenchError(`${build.key} threw while loading: ${pageErrors.join(' | ')}`);
    return { ...m, requested: [...requested].sort() };
  } finally {
    await context.close().catch(() => {});
  }
}

const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

async function timings(opts, servers) {
  const { launchBrowser } = await import('../tests/browser/support.mjs');
  const exe = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(exe)) throw new BenchError(`no Chromium at ${exe}: run scripts/bench (ensure_chromium) or set CHROMIUM_PATH`);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    throw new BenchError(`Chromium (${exe}) did not start: ${err.message.split('\n')[0]}`);
  }
  const samples = {};
  const requested = {};
  try {
    const version = browser.version();
    // Warm-up: one discarded load each (disk cache of the OS, Chromium's first renderer).
    for (const b of opts.builds) {
      const m = await loadOnce(browser, servers[b.key], b, 1, opts.timeout);
      requested[b.key] = m.requested;
    }
    // Does the throttling take? A fixed JS loop on the loaded floor page, 3 times per rate.
    const cpuCheck = {};
    for (let i = 0; i < 3; i++) {
      for (const rate of opts.rates) {
        const floor = opts.builds.find((b) => b.key === 'floor');
        const m = await loadOnce(browser, servers.floor, floor, rate, opts.timeout, true);
        (cpuCheck[rate] ??= []).push(m.loopMs);
      }
    }
    for (let round = 0; round < opts.runs; round++) {
      for (const rate of opts.rates) {
        const order = round % 2 ? [...opts.builds].reverse() : opts.builds;
        for (const b of order) {
          const m = await loadOnce(browser, servers[b.key], b, rate, opts.timeout);
          const s = ((samples[b.key] ??= {})[rate] ??= { visible: [], inDom: [], painted: [], fcp: [] });
          s.visible.push(m.visible);
          s.inDom.push(m.inDom);
          if (m.painted !== null) s.painted.push(m.painted);
          if (m.fcp !== null) s.fcp.push(m.fcp);
        }
      }
      process.stdout.write(`  round ${round + 1}/${opts.runs}\r`);
    }
    process.stdout.write('\n');
    return { version, samples, requested, cpuCheck };
  } finally {
    await browser.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------- report

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
};
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const ms = (n) => `${Math.round(n)} ms`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const mark = (ok) => (ok ? '**pass**' : '**FAIL**');

function machine(chromium) {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown';
  return {
    nproc: sh('nproc', []),
    cpu: cpu.trim(),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    chromium,
    node: process.version,
    rustc: sh('rustc', ['--version']),
    trunk: sh('trunk', ['--version']),
    wasmOpt: sh('wasm-opt', ['--version']),
    git: treeId(ROOT),
  };
}

function budgetOf(sz, tm, rates) {
  const app = sz.app.firstLoad.brotli;
  const floor = sz.floor.firstLoad.brotli;
  const at4 = rates.includes(4) ? tm.samples.app[4].visible : null;
  const checks = [
    { what: 'first load, brotli (html+js+wasm+css)', limit: `≤ ${kb(BUDGET.firstLoadBrotliBytes)}`, value: kb(app), ok: app <= BUDGET.firstLoadBrotliBytes },
    { what: 'first load, brotli, against the floor', limit: `≤ ${BUDGET.firstLoadTimesFloor}× floor`, value: ratio(app, floor), ok: app <= BUDGET.firstLoadTimesFloor * floor },
    at4
      ? { what: 'content visible at 4× CPU slowdown (median)', limit: `≤ ${(BUDGET.contentMsAt4x / 1000).toFixed(1)} s`, value: ms(median(at4)), ok: median(at4) <= BUDGET.contentMsAt4x }
      : { what: 'content visible at 4× CPU slowdown (median)', limit: `≤ ${(BUDGET.contentMsAt4x / 1000).toFixed(1)} s`, value: 'not measured (--rates lacks 4)', ok: false },
  ];
  return checks;
}

function section(opts, sz, tm, mach, durations, checks) {
  const L = [];
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  L.push(MARK_START);
  L.push('## Bundle size and load time: app against the floor');
  L.push('');
  L.push('Written by `scripts/bench` (bench/measure.mjs); do not edit by hand, rerun it. The floor is');
  L.push('`bench/floor`, a bare Leptos 0.8 CSR counter built with the same release profile, pinned');
  L.push('wasm-bindgen, wasm-opt `-Oz` and offline Trunk settings, and the app\'s Cargo.lock.');
  L.push('');
  L.push(`- Date (UTC): ${date}`);
  L.push(`- Machine: nproc ${mach.nproc}, ${mach.cpu}, ${mach.memory}, ${mach.kernel}; load average ${durations.loadBefore} before, ${durations.loadAfter} after`);
  L.push(`- Browser and tools: ${mach.chromium.startsWith('Chrom') ? '' : 'Chromium '}${mach.chromium} (headless, /usr/bin/chromium), node ${mach.node}, ${mach.rustc}, ${mach.trunk}, ${mach.wasmOpt}`);
  L.push(`- Tree: \`${mach.git}\``);
  L.push(`- Command: \`${process.env.BENCH_COMMAND || ['node', path.relative(ROOT, fileURLToPath(import.meta.url)), ...process.argv.slice(2)].join(' ')}\``);
  L.push(`- Duration: ${durations.text}`);
  if (process.env.BENCH_PARITY) L.push(`- **Warning: the floor was not built like the app** (${process.env.BENCH_PARITY}): the ratios are not like for like.`);
  L.push('');

  L.push('### Budget (hardening issue)');
  L.push('');
  L.push('| check | budget | measured | result |');
  L.push('|---|---|---|---|');
  for (const c of checks) L.push(`| ${c.what} | ${c.limit} | ${c.value} | ${mark(c.ok)} |`);
  L.push('');

  L.push('### Sizes');
  L.push('');
  L.push('Bytes of each file in dist: raw, gzip -9, brotli quality 11 (node zlib). KB = 1000 bytes.');
  L.push('The first load is every html, js, wasm and css file in dist (the figure the budget uses);');
  L.push('"requested" lists what the page fetched while it loaded.');
  L.push('');
  for (const b of opts.builds) {
    const s = sz[b.key];
    L.push(`**${b.label}** (\`${path.relative(ROOT, b.dist)}\`)`);
    L.push('');
    L.push('| file | raw | gzip | brotli |');
    L.push('|---|--:|--:|--:|');
    const fetched = new Set(tm.requested[b.key]);
    const note = (r) => (SCREEN_CHUNK.test(r.file) ? ' (a screen\'s chunk, loaded when first needed)' : !r.firstLoad ? ' (not in first load)' : fetched.has(r.file) ? '' : ' (counted, but not fetched during the load)');
    for (const r of s.files) L.push(`| \`${r.file}\`${note(r)} | ${r.raw} | ${r.gzip} | ${r.brotli} |`);
    L.push(`| **first load (html+js+wasm+css)** | **${s.firstLoad.raw}** | **${s.firstLoad.gzip}** | **${s.firstLoad.brotli}** |`);
    if (s.all.raw !== s.firstLoad.raw) L.push(`| all files | ${s.all.raw} | ${s.all.gzip} | ${s.all.brotli} |`);
    L.push('');
    L.push(`Requested by the page while it loaded: ${tm.requested[b.key].map((f) => `\`${f}\``).join(', ')}.`);
    L.push('');
  }
  L.push('| first load | app | floor | app / floor |');
  L.push('|---|--:|--:|--:|');
  for (const k of ['raw', 'gzip', 'brotli']) {
    L.push(`| ${k} | ${kb(sz.app.firstLoad[k])} | ${kb(sz.floor.firstLoad[k])} | ${ratio(sz.app.firstLoad[k], sz.floor.firstLoad[k])} |`);
  }
  L.push('');

  L.push('### Time until content is visible');
  L.push('');
  L.push(`Milliseconds from navigation start (\`performance.timeOrigin\`) to the start of the first`);
  L.push('animation frame in which the element is in the DOM, has a non-empty box and passes');
  L.push('`checkVisibility()` (the frame that paints it), read with `performance.now()` by a probe');
  L.push('injected before any page script. Headless Chromium, a fresh context per load, cache');
  L.push('disabled, service workers blocked, files served uncompressed from 127.0.0.1 with no network');
  L.push('throttling (so the times are CPU: parse, compile, instantiate, first render); CPU slowed');
  L.push(`with CDP \`Emulation.setCPUThrottlingRate\`. ${opts.runs} loads per row after one discarded warm-up`);
  L.push('load per build; app and floor interleaved, order alternating each round. The machine is');
  L.push('shared with other builds (see the load average above): compare app and floor of one run,');
  L.push('not runs with each other.');
  L.push(`Waited for: app \`${opts.builds[0].selector}\`, floor \`${opts.builds[1].selector}\`.`);
  const loop = (r) => median(tm.cpuCheck[r]);
  L.push(
    'Effective slowdown (a fixed 5-million-step JS loop on the loaded floor page, median of 3): ' +
      opts.rates.map((r) => `${r}× → ${ms(loop(r))}`).join(', ') +
      (opts.rates.length > 1 ? ` (${opts.rates.slice(1).map((r) => `${r}×/${opts.rates[0]}× = ${(loop(r) / loop(opts.rates[0])).toFixed(1)}`).join(', ')}).` : '.'),
  );
  L.push('');
  L.push('| build | CPU | median | min | max | n | in DOM (median) | painted, Element Timing (median) | FCP (median) |');
  L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const rate of opts.rates) {
    for (const b of opts.builds) {
      const s = tm.samples[b.key][rate];
      const v = stats(s.visible);
      const opt = (xs) => (xs.length ? ms(median(xs)) : 'n/a');
      L.push(`| ${b.key} | ${rate}× | **${ms(v.median)}** | ${ms(v.min)} | ${ms(v.max)} | ${v.n} | ${opt(s.inDom)} | ${opt(s.painted)} | ${opt(s.fcp)} |`);
    }
  }
  L.push('');
  L.push('| app / floor (medians) | ' + opts.rates.map((r) => `${r}× CPU`).join(' | ') + ' |');
  L.push('|---|' + opts.rates.map(() => '--:').join('|') + '|');
  L.push('| content visible | ' + opts.rates.map((r) => ratio(median(tm.samples.app[r].visible), median(tm.samples.floor[r].visible))).join(' | ') + ' |');
  L.push('');
  L.push(MARK_END);
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------- main

async function main() {
  const t0 = Date.now();
  const opts = options();
  const files = {};
  for (const b of opts.builds) files[b.key] = await checkDist(b);
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');

  console.log('==> sizes (raw, gzip -9, brotli q11)');
  const sz = {};
  for (const b of opts.builds) {
    sz[b.key] = await sizes(b, files[b.key]);
    const f = sz[b.key].firstLoad;
    console.log(`  ${b.key.padEnd(5)} first load: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip, ${kb(f.brotli)} brotli`);
  }

  console.log(`==> time until content is visible: ${opts.runs} loads × ${opts.builds.length} builds × CPU ${opts.rates.map((r) => `${r}×`).join(', ')}`);
  const { serveDist } = await import('../tests/browser/support.mjs');
  const servers = {};
  let tm;
  const t1 = Date.now();
  try {
    for (const b of opts.builds) servers[b.key] = await serveDist({ root: b.dist, base: '/' });
    tm = await timings(opts, servers);
  } finally {
    for (const s of Object.values(servers)) await s.close();
  }
  const t2 = Date.now();
  for (const rate of opts.rates) {
    for (const b of opts.builds) {
      const v = stats(tm.samples[b.key][rate].visible);
      console.log(`  ${b.key.padEnd(5)} ${rate}× CPU: median ${ms(v.median)} (min ${ms(v.min)}, max ${ms(v.max)}, n ${v.n})`);
    }
  }

  const mach = machine(tm.version);
  const checks = budgetOf(sz, tm, opts.rates);
  const env = (k) => (process.env[k] ? Number(process.env[k]) : null);
  const buildApp = env('BENCH_BUILD_APP_S');
  const buildFloor = env('BENCH_BUILD_FLOOR_S');
  const start = env('BENCH_START_MS') ?? t0;
  const measureS = ((t2 - t0) / 1000).toFixed(0);
  const totalS = ((Date.now() - start) / 1000).toFixed(0);
  const durations = {
    loadBefore,
    loadAfter: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    text:
      (buildApp !== null ? `app build ${buildApp} s, floor build ${buildFloor} s (trunk build --release, incremental), ` : 'no builds in this run, ') +
      `measurement ${measureS} s (browser loads ${((t2 - t1) / 1000).toFixed(0)} s), total ${totalS} s`,
  };

  const text = section(opts, sz, tm, mach, durations, checks);
  await mkdir(path.join(ROOT, 'target/bench'), { recursive: true });
  await writeFile(
    path.join(ROOT, 'target/bench/results.json'),
    JSON.stringify({ date: new Date().toISOString(), machine: mach, budget: BUDGET, checks, sizes: sz, timings: tm, durations }, null, 2),
  );
  console.log('==> budget');
  for (const c of checks) console.log(`  ${c.ok ? 'pass' : 'FAIL'}  ${c.what}: ${c.value} (${c.limit})`);
  if (opts.dryRun) {
    console.log(text);
  } else {
    await writeSection(opts.out, text, MARK_START, MARK_END);
    console.log(`==> wrote its section of ${path.relative(process.cwd(), opts.out) || opts.out}; raw figures in target/bench/results.json`);
  }
  console.log(`==> ${durations.text}`);
  return checks.every((c) => c.ok) ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench: ${err instanceof BenchError ? err.message : err.stack || err}`);
    process.exit(1);
  },
);
