#!/usr/bin/env node
// Every goal of the hardening issue in one table, at the top of BENCHMARKS.md, from the files
// the measurements of one `scripts/bench all` run left behind:
//   target/bench/results.json   (bench/measure.mjs: first load and time to content, app and floor)
//   target/bench/typing.json    (bench/typing.mjs)
//   target/bench/lighthouse.json (bench/lighthouse.mjs)
//   target/bench/chunks.json    (bench/chunks.mjs: the wasm split per screen)
//   target/bench/coldvisit.json (bench/coldvisit.mjs: a cold visit on a slow phone)
//   BENCHMARKS.md's engine and size sections (scripts/bench-engine, scripts/size-report)
// It measures nothing itself. Each row names the tree and time of the section it comes from,
// and the table says whether they all come from this run (BENCH_RUN_START, set by scripts/bench)
// and one tree.
//
//   node bench/summary.mjs [--out FILE] [--dry-run]
// Exit status: 0 written, 1 error (a measurement is missing: nothing written).

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchError, median, writeSection } from './sections.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const MARK_START = '<!-- bench:summary:start -->';
const MARK_END = '<!-- bench:summary:end -->';
const BENCH = path.join(ROOT, 'target/bench');

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'BENCHMARKS.md') },
    'dry-run': { type: 'boolean', default: false },
  },
});

async function json(file, what) {
  if (!existsSync(file)) throw new BenchError(`no ${what} (${path.relative(ROOT, file)}): run scripts/bench all`);
  return JSON.parse(await readFile(file, 'utf8'));
}

/** The text between a section's markers in BENCHMARKS.md. */
function sectionOf(doc, name) {
  const a = doc.indexOf(`<!-- bench:${name}:start -->`);
  const z = doc.indexOf(`<!-- bench:${name}:end -->`);
  if (a === -1 || z < a) throw new BenchError(`BENCHMARKS.md has no ${name} section: run scripts/bench all`);
  return doc.slice(a, z);
}

/** `- Date (UTC): …` and `- Tree: \`…\`` of a section. */
function stamp(text) {
  const date = text.match(/^- Date \(UTC\): (\S+)/m)?.[1];
  const tree = text.match(/^- Tree: `([^`]+)`/m)?.[1];
  return { date, tree };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (x) => `${Math.round(x)} ms`;
const verdict = (ok) => (ok ? 'pass' : '**missed**');
// Issue #10's typing target (bench/typing.mjs writes the one it judged by into typing.json).
const TYPING_GOAL_MS = 14;

async function main() {
  const bundle = await json(path.join(BENCH, 'results.json'), 'bundle measurement');
  const typing = await json(path.join(BENCH, 'typing.json'), 'typing measurement');
  const lighthouse = await json(path.join(BENCH, 'lighthouse.json'), 'Lighthouse measurement');
  const doc = await readFile(opts.out, 'utf8');
  const engineText = sectionOf(doc, 'engine');
  const sizeText = sectionOf(doc, 'size');

  const rows = [];
  const add = (goal, budget, app, floor, ok, from, result = null) => rows.push({ goal, budget, app, floor, ok, from, result });

  const bundleFrom = { date: bundle.date.replace(/\.\d+Z$/, 'Z'), tree: bundle.machine.git, section: 'Bundle size and load time' };
  const appLoad = bundle.sizes.app.firstLoad.brotli;
  const floorLoad = bundle.sizes.floor.firstLoad.brotli;
  add('first load, brotli (html+js+wasm+css)', `≤ ${kb(bundle.budget.firstLoadBrotliBytes)}`, kb(appLoad), kb(floorLoad),
    appLoad <= bundle.budget.firstLoadBrotliBytes, bundleFrom);
  add('first load against the floor', `≤ ${bundle.budget.firstLoadTimesFloor}× floor`, `${(appLoad / floorLoad).toFixed(2)}×`, '1×',
    appLoad <= bundle.budget.firstLoadTimesFloor * floorLoad, bundleFrom);
  const visible = (build) => median(bundle.timings.samples[build]['4'].visible);
  add('content visible at 4× CPU (median)', `≤ ${ms(bundle.budget.contentMsAt4x)}`, ms(visible('app')), ms(visible('floor')),
    visible('app') <= bundle.budget.contentMsAt4x, bundleFrom);

  // The wasm split per screen (bench/chunks.mjs), issue #10's targets.
  const split = await json(path.join(BENCH, 'chunks.json'), 'chunks measurement');
  const splitFrom = { date: split.date, tree: split.git, section: 'Chunks' };
  const [start, library, handOff] = split.loads;
  add('brotli bytes fetched before the start screen shows its content', `≤ ${kb(split.targets.startBrotli)}`, kb(start.brotli), '',
    start.brotli <= split.targets.startBrotli, splitFrom);
  add('same, before a cold `#/library/四.2(4)` shows its content', `≤ ${kb(split.targets.deepLinkBrotli)}`, kb(library.brotli), '',
    library.brotli <= split.targets.deepLinkBrotli, splitFrom);
  add('same, before a cold hand-off link shows its content', `≤ ${kb(split.targets.deepLinkBrotli)}`, kb(handOff.brotli), '',
    handOff.brotli <= split.targets.deepLinkBrotli, splitFrom);
  if (split.single) {
    const one = split.single.wasm.brotli + split.single.js.brotli;
    add('all chunks together (wasm + JS), brotli, against one wasm', `≤ ${split.targets.allChunksTimesSingle}× one wasm`,
      `${(split.allWasmJsBrotli / one).toFixed(2)}× (${kb(split.allWasmJsBrotli)} against ${kb(one)})`, '',
      split.allWasmJsBrotli <= split.targets.allChunksTimesSingle * one, splitFrom);
  }

  // A cold visit on a slow phone (bench/coldvisit.mjs), issue #10's targets.
  const cold = await json(path.join(BENCH, 'coldvisit.json'), 'cold visit measurement');
  const coldFrom = { date: cold.meta.date, tree: cold.meta.git, section: 'Cold visit on a phone' };
  for (const c of cold.checks) {
    const s = cold.summary[c.load][c.metric];
    const secs = (x) => `${(x / 1000).toFixed(2)} s`;
    add(c.what + (c.informational ? ' (informational)' : ''), `≤ ${secs(c.limit)}`,
      s ? `${secs(s.median)} (${secs(s.min)}–${secs(s.max)}, n ${s.n})` : 'n/a', '',
      c.informational ? true : c.ok, coldFrom, c.informational ? (c.ok ? 'within (informational)' : 'over (informational)') : null);
  }

  const t4 = typing.stats['4'];
  const typingFloor = typing.floor?.['4'];
  add('typing one character → results painted, 4× CPU (median)', `≤ ${typing.goalMs ?? TYPING_GOAL_MS} ms`, `${t4.median.toFixed(1)} ms (p95 ${t4.p95.toFixed(1)})`,
    typingFloor ? `${typingFloor.median.toFixed(1)} ms (plain page)` : '',
    t4.median <= (typing.goalMs ?? TYPING_GOAL_MS), { date: typing.meta.date, tree: typing.meta.git, section: 'Typing latency' });

  const engineMedian = engineText.match(/^\| \*\*all profiles\*\* \| \d+ \| \*\*([\d.]+) µs\*\*/m)?.[1];
  if (!engineMedian) throw new BenchError('the engine section has no "all profiles" row');
  add('engine: every incentive for one profile (median)', '≤ 50 µs', `${engineMedian} µs`, '', Number(engineMedian) <= 50,
    { ...stamp(engineText), section: 'Engine' });

  const lhFrom = { date: lighthouse.meta.date, tree: lighthouse.meta.git, section: 'Lighthouse' };
  for (const goal of lighthouse.goals) {
    const worst = Math.min(...lighthouse.routes.map((r) => r.scores[goal.id] ?? 0));
    const each = lighthouse.routes.map((r) => `${r.route} ${r.scores[goal.id]}`).join(', ');
    const ok = goal.op === '=' ? worst === goal.goal : worst >= goal.goal;
    add(`Lighthouse ${goal.label} (mobile)`, `${goal.op === '=' ? '' : '≥ '}${goal.goal}`, each, '', ok, lhFrom);
  }

  const sizeFrom = { ...stamp(sizeText), section: 'Where the bytes go' };
  const twiggyRows = (sizeText.match(/^\| \d+ \| [\d,]+ \|/gm) || []).length;
  add('where the bytes go (twiggy top, monos, rollup)', 'a committed table', `${twiggyRows} largest items`, '', twiggyRows > 0, sizeFrom);

  const runStart = Number(process.env.BENCH_RUN_START_MS) || null;
  const trees = new Set(rows.map((r) => r.from.tree));
  const times = rows.map((r) => Date.parse(r.from.date));
  const oneTree = trees.size === 1 && ![...trees][0]?.endsWith('-dirty');
  const thisRun = runStart !== null && times.every((t) => t >= runStart - 1000);
  const first = new Date(Math.min(...times)).toISOString().replace(/\.\d+Z$/, 'Z');
  const last = new Date(Math.max(...times)).toISOString().replace(/\.\d+Z$/, 'Z');

  const L = [];
  L.push(MARK_START);
  L.push('## Every goal at a glance');
  L.push('');
  L.push('Written by `scripts/bench all` (bench/summary.mjs) from the measurements of that run; do not');
  L.push('edit by hand, rerun it. Each figure is explained in its section below. "floor" is the bare');
  L.push('Leptos counter of `bench/floor` (for typing: the plain page of `bench/typing-floor`), measured in');
  L.push('the same run.');
  L.push('');
  L.push(`- Measured between ${first} and ${last} (UTC), tree${trees.size === 1 ? '' : 's'} ${[...trees].map((t) => `\`${t}\``).join(', ')}`);
  L.push(`- One run of one committed tree: ${oneTree && thisRun ? 'yes' : `**no** (${[!thisRun && 'some sections are older than this run', !oneTree && 'the sections come from different or uncommitted trees'].filter(Boolean).join('; ')})`}`);
  L.push(`- Command: \`scripts/bench all\``);
  L.push('');
  L.push('| goal | budget | app | floor | result | section |');
  L.push('|---|---|--:|--:|---|---|');
  for (const r of rows) L.push(`| ${r.goal} | ${r.budget} | ${r.app} | ${r.floor} | ${r.result ?? verdict(r.ok)} | ${r.from.section} |`);
  L.push('');
  const missed = rows.filter((r) => !r.ok);
  L.push(missed.length === 0
    ? 'Every goal is met.'
    : `${missed.length} of ${rows.length} goals missed; by how much and why: "Why the budget is still missed" under "Where the bytes go", and the Lighthouse section.`);
  L.push(MARK_END);
  const text = L.join('\n');
  if (opts['dry-run']) {
    console.log(text);
    return 0;
  }
  // Right under the title, where a reader starts.
  if (!doc.includes(MARK_START)) {
    const next = doc.replace(/^# Benchmarks\n\n/, `# Benchmarks\n\n${MARK_START}\n${MARK_END}\n\n`);
    await writeFile(opts.out, next);
  }
  await writeSection(opts.out, text, MARK_START, MARK_END);
  console.log(`==> wrote the summary section of ${path.relative(process.cwd(), opts.out) || opts.out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench: ${err instanceof BenchError ? err.message : err.stack || err}`);
    process.exit(1);
  },
);
