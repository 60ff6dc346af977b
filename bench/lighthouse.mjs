#!/usr/bin/env node
// Lighthouse (12.2.3, mobile, its default config) on the release build served from 127.0.0.1.
// Normally run through `scripts/bench lighthouse`, which installs Lighthouse into .tools/npm on
// demand (never into package.json: CI does not download it).
//
//   node bench/lighthouse.mjs [--dist DIR] [--routes '#/,#/results,handoff'] [--encoding gzip|br|none]
//                             [--runs N] [--out FILE] [--dry-run]
//
// Routes are hashes; the word `handoff` stands for a hand-off link, made by the app itself from a
// preset profile (bench/loads.mjs) before the audits. The dist is served (bench/host.mjs) like a
// static host would: with `--encoding gzip` (the default, what e.g.
// GitHub Pages sends) compressible files go out gzip-compressed when the browser asks; `br`
// for brotli hosts; `none` for a raw server. Each route is audited `--runs` times (default 3)
// with Debian's Chromium (CHROME_PATH=/usr/bin/chromium) and the median run (by performance
// score) is reported: accessibility, best practices, SEO and performance scores, the
// performance metrics, and every audit that lost points. Goals: accessibility 100, best
// practices 100, SEO 100 (issue #10: they stay 100), performance ≥ 95.
//
// Writes its section of BENCHMARKS.md between <!-- bench:lighthouse:start --> and
// <!-- bench:lighthouse:end -->; each run's JSON report goes to target/bench/lighthouse/.
// Exit status: 0 every goal met, 1 error (nothing written), 2 measured and written but a goal
// missed.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BenchError, parseCli, runMeta, writeSection } from './sections.mjs';
import { host } from './host.mjs';
import { HANDOFF_PRESET, handOff, handOffPayload, shortHash } from './loads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const MARK_START = '<!-- bench:lighthouse:start -->';
const MARK_END = '<!-- bench:lighthouse:end -->';
const LIGHTHOUSE_VERSION = '12.2.3';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';
const CATEGORIES = [
  { id: 'accessibility', label: 'Accessibility', goal: 100, op: '=' },
  { id: 'best-practices', label: 'Best practices', goal: 100, op: '=' },
  { id: 'seo', label: 'SEO', goal: 100, op: '=' },
  { id: 'performance', label: 'Performance', goal: 95, op: '≥' },
];
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'Speed Index'],
  ['interactive', 'TTI'],
];

const run = promisify(execFile);

function options() {
  const values = parseCli(import.meta.url, ROOT, {
    dist: { type: 'string', default: process.env.DIST_DIR || path.join(ROOT, 'target/bench/app') },
    routes: { type: 'string', default: process.env.BENCH_LIGHTHOUSE_ROUTES || '#/,#/results,handoff' },
    encoding: { type: 'string', default: process.env.BENCH_LIGHTHOUSE_ENCODING || 'gzip' },
    runs: { type: 'string', default: process.env.BENCH_LIGHTHOUSE_RUNS || '3' },
    lighthouse: { type: 'string', default: process.env.LIGHTHOUSE || path.join(ROOT, '.tools/npm/node_modules/.bin/lighthouse') },
  });
  if (!['gzip', 'br', 'none'].includes(values.encoding)) throw new BenchError(`--encoding is gzip, br or none (got "${values.encoding}")`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError(`--runs must be a positive integer (got "${values.runs}")`);
  const dist = path.resolve(values.dist);
  if (!existsSync(path.join(dist, 'index.html'))) throw new BenchError(`no release build in ${dist} (scripts/bench builds one; or --dist DIR)`);
  if (!existsSync(values.lighthouse)) throw new BenchError(`no Lighthouse at ${values.lighthouse}: run scripts/bench lighthouse (installs lighthouse@${LIGHTHOUSE_VERSION} into .tools/npm)`);
  const routes = values.routes.split(',').map((r) => r.trim()).filter(Boolean);
  return { ...values, runs, dist, routes, out: path.resolve(values.out), dryRun: values['dry-run'] };
}

// ---------------------------------------------------------------------------------- auditing

async function audit(opts, url, file) {
  const args = [
    url,
    '--output=json',
    `--output-path=${file}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=${CHROME_FLAGS}`,
    '--quiet',
    '--max-wait-for-load=60000',
  ];
  try {
    await run(opts.lighthouse, args, {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300000,
    });
  } catch (err) {
    throw new BenchError(`lighthouse failed on ${url}: ${(err.stderr || err.message).split('\n').slice(-5).join(' ')}`);
  }
  const lhr = JSON.parse(await readFile(file, 'utf8'));
  if (lhr.runtimeError) throw new BenchError(`lighthouse on ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  return lhr;
}

/**
 * The element the browser reports as the largest contentful paint of each route (Lighthouse's
 * own audit of it cannot run with this Chromium): a PerformanceObserver in Playwright, mobile
 * viewport, CPU 4×.
 */
async function lcpElements(url, routes) { // routes: [{ label, hash, selector }]
  const { launchBrowser } = await import('../tests/browser/support.mjs');
  const browser = await launchBrowser();
  const out = {};
  try {
    for (const route of routes) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, serviceWorkers: 'block' });
      try {
        await context.addInitScript(() => {
          window.__lcp = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__lcp.push({ size: e.size, el: e.element ? e.element.outerHTML : '' });
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(url + route.hash);
        await page.waitForSelector(route.selector, { timeout: 60000 });
        await page.waitForTimeout(2000);
        const last = (await page.evaluate(() => window.__lcp)).at(-1);
        out[route.label] = last ? `${last.el.replace(/<!---->/g, '').replace(/\s+/g, ' ').slice(0, 110)}… (${last.size} px²)` : 'none reported';
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** The audits that did not pass: those that cost a category points, and weightless binary ones. */
function lost(lhr) {
  const out = [];
  for (const cat of CATEGORIES) {
    const category = lhr.categories[cat.id];
    if (!category) continue;
    for (const ref of category.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.score >= 1) continue;
      if (['notApplicable', 'manual', 'informative'].includes(a.scoreDisplayMode)) continue;
      if (ref.weight === 0 && a.scoreDisplayMode !== 'binary') continue;
      const items = a.details?.items?.length ? ` (${a.details.items.length} item${a.details.items.length === 1 ? '' : 's'})` : '';
      out.push({ category: cat.id, id: a.id, title: a.title, score: a.score, weight: ref.weight, display: a.displayValue || '', items });
    }
  }
  return out;
}

const score = (lhr, id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
};

// ---------------------------------------------------------------------------------- report

const sh = (cmd, args, env) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env } }).trim();
  } catch {
    return 'unknown';
  }
};
const meets = (cat, value) => value !== null && (cat.op === '=' ? value === cat.goal : value >= cat.goal);

function section(opts, results, meta) {
  const L = [];
  L.push(MARK_START);
  L.push('## Lighthouse');
  L.push('');
  L.push('Written by `scripts/bench lighthouse` (bench/lighthouse.mjs); do not edit by hand, rerun it.');
  L.push('Goals: accessibility 100, best practices 100, SEO 100 (issue #10: they stay 100), performance ≥ 95.');
  L.push('');
  L.push(`- Date (UTC): ${meta.date}`);
  L.push(`- Machine: nproc ${meta.nproc}, ${meta.cpu}; load average ${meta.loadBefore} before, ${meta.loadAfter} after`);
  L.push(`- Lighthouse ${meta.lighthouse} (npm, in .tools/npm), ${meta.chromium} (\`CHROME_PATH=/usr/bin/chromium\`), node ${process.version}`);
  L.push(`- Build: \`${path.relative(ROOT, opts.dist) || opts.dist}\` (release), tree \`${meta.git}\``);
  L.push(`- Command: \`${process.env.BENCH_COMMAND || `node bench/lighthouse.mjs ${process.argv.slice(2).join(' ')}`.trim()}\``);
  L.push(`- Duration: ${meta.seconds} s`);
  L.push('');
  L.push('Mobile (Lighthouse\'s default config: Moto G Power emulation, simulated slow 4G and 4× CPU),');
  L.push(`categories performance, accessibility, best practices and SEO; Chrome flags \`${CHROME_FLAGS}\`.`);
  L.push(`Served from 127.0.0.1 like a static host: ${opts.encoding === 'none' ? 'no compression' : `${opts.encoding}-compressed html, js, wasm, css, svg and manifest`}.`);
  L.push(`${opts.runs} run${opts.runs === 1 ? '' : 's'} per route; the median run by performance score is shown (all scores: target/bench/lighthouse/).`);
  const link = results.find((r) => r.hash !== r.route);
  if (link) L.push(`The ${link.route}: \`${shortHash(link.hash)}\`, made by the app from \`${HANDOFF_PRESET}\` (bench/loads.mjs).`);
  L.push('');
  L.push('| route | ' + CATEGORIES.map((c) => `${c.label} (goal ${c.op === '=' ? '' : '≥ '}${c.goal})`).join(' | ') + ' | performance, every run |');
  L.push('|---|' + CATEGORIES.map(() => '--:').join('|') + '|---|');
  for (const r of results) {
    const cells = CATEGORIES.map((c) => {
      const v = score(r.lhr, c.id);
      return meets(c, v) ? `**${v}**` : `**${v}** ✗`;
    });
    L.push(`| \`${r.route}\` | ${cells.join(' | ')} | ${r.perfRuns.join(', ')} |`);
  }
  L.push('');
  L.push('| route | ' + METRICS.map(([, label]) => label).join(' | ') + ' |');
  L.push('|---|' + METRICS.map(() => '--:').join('|') + '|');
  for (const r of results) {
    L.push(`| \`${r.route}\` | ${METRICS.map(([id]) => r.lhr.audits[id]?.displayValue ?? 'n/a').join(' | ')} |`);
  }
  L.push('');
  L.push('Largest contentful paint element (PerformanceObserver in Playwright, same viewport, CPU 4×):');
  L.push('');
  for (const r of results) L.push(`- \`${r.route}\`: \`${(r.lcp ?? 'n/a').replace(/`/g, "'")}\``);
  const heaviest = results[0]?.lhr.audits['total-byte-weight']?.details?.items?.[0];
  if (heaviest) {
    L.push('');
    L.push(`The largest transfer is \`${heaviest.url.split('/').pop()}\` (${(heaviest.totalBytes / 1000).toFixed(0)} KB as sent, of ${(results[0].lhr.audits['total-byte-weight'].numericValue / 1000).toFixed(0)} KB in all).`);
    L.push('The loading shell paints before it arrives, and on all three routes the largest paint is the shell\'s: the start');
    L.push('screen\'s lines, and on `#/results` the results\' heading and plan notice, drawn with the same words and boxes as');
    L.push('the app\'s (before that, the results\' warning painted only once the wasm had arrived, compiled and rendered, and');
    L.push('`#/results` scored 86–88). Lighthouse\'s simulated throttling still counts a request that, in the unthrottled load');
    L.push('it records from 127.0.0.1, ended before the largest paint: there the wasm arrives in about 15 ms, often before the');
    L.push('shell\'s first paint, and then weighs on the figure although on a phone\'s line it arrives a second and a half after');
    L.push('the shell has painted. Which of the two comes first in the recording varies from run to run, and so does the');
    L.push('score (a run where the paint came first scores 98–100).');
    L.push('');
    L.push('Tried and not adopted (measured on one tree, each against the build as shipped in the same run): starting the main');
    L.push('wasm only after the shell\'s first paint (no preload; the module script waits for a frame). Lighthouse performance');
    L.push('rose to 99 on `#/` (runs 98–100) and 95 on a hand-off link (94–99), but on the cold visit of "Cold visit on a');
    L.push('phone" the start screen\'s content came 0.19 s later (2.28 → 2.47 s) for the same bytes: the link sat idle while');
    L.push('the shell painted. Real content sooner was kept over the simulated score. Also tried: mounting the app two');
    L.push('animation frames later, so that the shell\'s paint is recorded before the app replaces it. In 10 local loads of');
    L.push('`#/` the largest paint was then always the shell\'s (1 in 6 before), but Lighthouse gave 93, 94, 92 on `#/` and');
    L.push('77, 84, 89 on a hand-off link: the wasm still ended before that paint.');
  }
  L.push('');
  L.push('Audits that did not pass (median run):');
  L.push('');
  for (const r of results) {
    const items = lost(r.lhr);
    if (!items.length) {
      L.push(`- \`${r.route}\`: none.`);
      continue;
    }
    L.push(`- \`${r.route}\`:`);
    for (const a of items) {
      const weight = a.weight === 0 ? ' (weight 0: costs no points)' : '';
      L.push(`  - ${a.category}: \`${a.id}\` ${a.title.replace(/`/g, '')} — score ${Math.round(a.score * 100)}${a.display ? `, ${a.display}` : ''}${a.items}${weight}`);
    }
  }
  const errored = new Map();
  for (const r of results) {
    for (const [id, a] of Object.entries(r.lhr.audits)) {
      if (a.scoreDisplayMode !== 'error') continue;
      const weighted = Object.values(r.lhr.categories).some((c) => c.auditRefs.some((ref) => ref.id === id && ref.weight > 0));
      errored.set(id, { weighted, message: (a.errorMessage || '').split('\n')[0].slice(0, 140) });
    }
  }
  if (errored.size) {
    L.push('');
    L.push(`Audits that could not run (Lighthouse ${LIGHTHOUSE_VERSION} with this Chromium; an audit that cannot run is left out of its category's score):`);
    L.push('');
    for (const [id, e] of errored) L.push(`- \`${id}\`${e.weighted ? ' **(weighted: the score above leaves it out)**' : ' (weight 0: no score depends on it)'}: ${e.message}`);
  }
  L.push(MARK_END);
  return L.join('\n');
}

/**
 * The routes to audit: { label (for the tables), hash, selector (the app's content, for the LCP
 * element) }. `handoff` becomes a hand-off link the app makes (in Playwright, unthrottled).
 */
async function resolveRoutes(server, routes) {
  const out = [];
  for (const route of routes) {
    if (route !== 'handoff') {
      out.push({ label: route, hash: route, selector: 'main h1' });
      continue;
    }
    const { launchBrowser } = await import('../tests/browser/support.mjs');
    const browser = await launchBrowser();
    try {
      const link = handOff(await handOffPayload(browser, server.url));
      out.push({ label: 'hand-off link', hash: link.hash, selector: link.selector });
    } finally {
      await browser.close();
    }
  }
  return out;
}

async function main() {
  const t0 = Date.now();
  const opts = options();
  const version = sh(opts.lighthouse, ['--version']);
  if (version !== LIGHTHOUSE_VERSION) console.warn(`bench: warning: Lighthouse ${version}, expected ${LIGHTHOUSE_VERSION}`);
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const dir = path.join(ROOT, 'target/bench/lighthouse');
  await mkdir(dir, { recursive: true });
  const server = await host(opts.dist, opts.encoding);
  const results = [];
  try {
    const routes = await resolveRoutes(server, opts.routes);
    for (const { label: route, hash } of routes) {
      const runs = [];
      for (let i = 1; i <= opts.runs; i += 1) {
        const slug = (hash.startsWith('#/share/') ? 'handoff' : hash).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'root';
        const file = path.join(dir, `${slug}-${i}.json`);
        process.stdout.write(`==> lighthouse ${route} run ${i}/${opts.runs}\n`);
        const lhr = await audit(opts, server.url + hash, file);
        runs.push(lhr);
        console.log('   ' + CATEGORIES.map((c) => `${c.id} ${score(lhr, c.id)}`).join(', '));
      }
      const perf = runs.map((lhr) => score(lhr, 'performance'));
      const mid = median(perf);
      results.push({ route, hash, lhr: runs[perf.indexOf(mid)], perfRuns: perf });
    }
    const lcp = await lcpElements(server.url, routes).catch((err) => {
      console.warn(`bench: the LCP element could not be read: ${err.message}`);
      return {};
    });
    for (const r of results) r.lcp = lcp[r.route];
  } finally {
    await server.close();
  }
  const meta = runMeta({
    root: ROOT,
    loadBefore,
    t0,
    tools: {
      lighthouse: version,
      chromium: results[0]?.lhr.environment?.hostUserAgent?.match(/Chrome\/[\d.]+/)?.[0]?.replace('Chrome/', 'Chromium ') || 'Chromium',
    },
  });
  const text = section(opts, results, meta);
  // For the summary of `scripts/bench all` (bench/summary.mjs): the scores of the median runs.
  const scores = results.map((r) => ({
    route: r.route,
    perfRuns: r.perfRuns,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c.id, score(r.lhr, c.id)])),
  }));
  if (!opts.dryRun) await writeFile(path.join(ROOT, 'target/bench/lighthouse.json'), JSON.stringify({ meta, goals: CATEGORIES, routes: scores }, null, 2));
  if (opts.dryRun) console.log(text);
  else {
    await writeSection(opts.out, text, MARK_START, MARK_END);
    console.log(`==> wrote the lighthouse section of ${path.relative(process.cwd(), opts.out) || opts.out}; reports in target/bench/lighthouse/`);
  }
  const ok = results.every((r) => CATEGORIES.every((c) => meets(c, score(r.lhr, c.id))));
  return ok ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench: ${err instanceof BenchError ? err.message : err.stack || err}`);
    process.exit(1);
  },
);
