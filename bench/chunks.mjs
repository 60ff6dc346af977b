#!/usr/bin/env node
// The wasm split per screen: each chunk's size and what it holds, and the bytes a person's
// browser fetches before a screen shows its content. Normally run through `scripts/bench chunks`
// (or `all`), which builds the split app into target/bench/app and the same code as one wasm
// (`--features ''`) into target/bench/single first.
//
//   node bench/chunks.mjs [--app DIR] [--single DIR] [--out FILE] [--dry-run]
//
// Sizes: raw and brotli quality 11 (node's zlib), KB = 1000 bytes. What a chunk holds comes from
// the loader wasm-split-cli wrote (which split points a shared chunk serves) and
// src/ui/chunks.rs (which screens each split point shows).
//
// Bytes before content: headless Chromium, a fresh context per load (empty cache, service
// workers blocked), files served from 127.0.0.1; every response recorded from navigation until
// the screen's content selector is in the DOM, and the brotli size of those files in dist
// summed (what a host serving brotli sends). Loads: the start screen `#/`, a cold
// `#/library/四.2(4)`, and a cold hand-off link (made by the app itself from a preset profile).
//
// Writes its section of BENCHMARKS.md between <!-- bench:chunks:start --> and
// <!-- bench:chunks:end -->, raw figures to target/bench/chunks.json (bench/summary.mjs reads
// them). Exit status: 0 within the targets, 1 error, 2 measured but over a target.

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { BenchError, treeId, writeSection } from './sections.mjs';
import { serveDist, launchBrowser } from '../tests/browser/support.mjs';
import { coldLoads, fetchedUntil, handOffPayload, shortHash } from './loads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const MARK_START = '<!-- bench:chunks:start -->';
const MARK_END = '<!-- bench:chunks:end -->';

// Issue #10's targets.
export const TARGETS = {
  startBrotli: 150_000,
  deepLinkBrotli: 200_000,
  allChunksTimesSingle: 1.25,
};

const { values: opts } = parseArgs({
  options: {
    app: { type: 'string', default: path.join(ROOT, 'target/bench/app') },
    single: { type: 'string', default: path.join(ROOT, 'target/bench/single') },
    out: { type: 'string', default: path.join(ROOT, 'BENCHMARKS.md') },
    'dry-run': { type: 'boolean', default: false },
  },
});

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const brotli = (buf) => zlib.brotliCompressSync(buf, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
}).length;

async function sizes(dir) {
  const out = {};
  for (const file of await readdir(dir)) {
    const buf = await readFile(path.join(dir, file));
    out[file] = { raw: buf.length, brotli: brotli(buf) };
  }
  return out;
}

/** Split point name -> the screens (functions of src/ui/chunks.rs) it shows. */
async function screensBySplit() {
  const source = await readFile(path.join(ROOT, 'src/ui/chunks.rs'), 'utf8');
  const map = {};
  for (const m of source.matchAll(/lazy_screen!\(\s*(?:\/\/\/[^\n]*\n\s*)*(\w+),\s*fn (\w+)\(/g)) {
    (map[m[1]] ||= []).push(m[2]);
  }
  return map;
}

/** The loader's chunks: file -> { kind: 'split' | 'shared', serves: [split point names] }. */
function chunksOf(loader) {
  const chunks = {};
  for (const m of loader.matchAll(/\/\* ([^*]+) \*\/\s*const __chunk_\d+ = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunks[m[2]] = { kind: 'shared', serves: m[1].split(',').map((s) => s.trim()) };
  }
  for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunks[m[2]] = { kind: 'split', serves: [m[1]] };
  }
  return chunks;
}

async function main() {
  if (!existsSync(path.join(opts.app, 'index.html'))) throw new BenchError(`no app build in ${opts.app}: run scripts/bench chunks`);
  const html = await readFile(path.join(opts.app, 'index.html'), 'utf8');
  const loaderName = html.match(/href="\.\/(split-loader-[0-9a-f]+\.js)"/)?.[1];
  if (!loaderName) throw new BenchError(`${opts.app} is not a split build (no split loader in index.html)`);
  const appSizes = await sizes(opts.app);
  const chunks = chunksOf(await readFile(path.join(opts.app, loaderName), 'utf8'));
  const screens = await screensBySplit();
  const mainWasm = Object.keys(appSizes).find((f) => f.endsWith('_bg.wasm'));
  const allWasm = Object.entries(appSizes).filter(([f]) => f.endsWith('.wasm')).reduce((s, [, v]) => s + v.brotli, 0);
  const allWasmJs = allWasm + Object.entries(appSizes).filter(([f]) => f.endsWith('.js') && f !== 'sw.js').reduce((s, [, v]) => s + v.brotli, 0);

  let single = null;
  if (existsSync(path.join(opts.single, 'index.html'))) {
    const s = await sizes(opts.single);
    const wasm = Object.entries(s).find(([f]) => f.endsWith('_bg.wasm'));
    const js = Object.entries(s).find(([f]) => /^qinzhou-incentives-.*\.js$/.test(f));
    single = { wasm: wasm[1], js: js?.[1] ?? { raw: 0, brotli: 0 } };
  }

  const server = await serveDist({ root: opts.app });
  const browser = await launchBrowser();
  let loads;
  try {
    const payload = await handOffPayload(browser, server.url);
    loads = [];
    for (const { name, hash, selector } of coldLoads(payload)) {
      const r = await fetchedUntil(browser, server, hash, selector);
      const brotliBytes = r.files.reduce((s, f) => s + (appSizes[f]?.brotli ?? 0), 0);
      loads.push({ name, hash: shortHash(hash), selector, ...r, brotli: brotliBytes });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const result = {
    date, git: treeId(ROOT), targets: TARGETS, sizes: appSizes, chunks, screens, mainWasm, loaderName,
    allWasmBrotli: allWasm, allWasmJsBrotli: allWasmJs, single, loads,
  };
  await mkdir(path.join(ROOT, 'target/bench'), { recursive: true });
  await writeFile(path.join(ROOT, 'target/bench/chunks.json'), JSON.stringify(result, null, 2));

  const holds = (file) => {
    if (file === mainWasm) return 'the frame, the start screen, the engine\'s shared core';
    const c = chunks[file];
    if (!c) return '';
    const names = c.serves.map((split) => `${split} (${(screens[split] || [split]).join(', ')})`);
    return c.kind === 'split' ? `split point ${names[0]}` : `code shared by ${c.serves.join(' + ')}`;
  };
  const L = [];
  L.push(MARK_START);
  L.push('## Chunks: the wasm split per screen');
  L.push('');
  L.push('Written by `scripts/bench chunks` (bench/chunks.mjs); do not edit by hand, rerun it. The release');
  L.push('build splits the wasm per screen (`src/ui/chunks.rs`, `scripts/split_wasm.py`): the main module');
  L.push('holds the frame and the start screen; each split point\'s chunk is fetched the first time one of');
  L.push('its screens is shown, with the shared chunks it needs. Brotli quality 11, KB = 1000 bytes.');
  L.push('');
  L.push(`- Date (UTC): ${date}`);
  L.push(`- Tree: \`${result.git}\``);
  L.push(`- Command: \`${process.env.BENCH_COMMAND || 'scripts/bench chunks'}\``);
  L.push('');
  L.push('| target | measured | target | result |');
  L.push('|---|--:|--:|---|');
  const rows = [];
  for (const load of loads) {
    const limit = load.name === 'start screen' ? TARGETS.startBrotli : TARGETS.deepLinkBrotli;
    rows.push({ what: `brotli bytes fetched before ${load.name} shows its content`, value: load.brotli, limit, ok: load.brotli <= limit });
  }
  if (single) {
    const ratio = allWasmJs / (single.wasm.brotli + single.js.brotli);
    rows.push({ what: 'all chunks together (wasm + JS), brotli, against the single wasm + JS', ratio, ok: ratio <= TARGETS.allChunksTimesSingle });
  }
  for (const r of rows) {
    L.push(r.ratio !== undefined
      ? `| ${r.what} | ${r.ratio.toFixed(2)}× (${kb(allWasmJs)} against ${kb(single.wasm.brotli + single.js.brotli)}) | ≤ ${TARGETS.allChunksTimesSingle}× | ${r.ok ? 'pass' : '**missed**'} |`
      : `| ${r.what} | ${kb(r.value)} | ≤ ${kb(r.limit)} | ${r.ok ? 'pass' : '**missed**'} |`);
  }
  L.push('');
  L.push('### Fetched before the content showed');
  L.push('');
  L.push('| load | content selector | files | brotli | time (local, unthrottled) |');
  L.push('|---|---|--:|--:|--:|');
  for (const load of loads) L.push(`| ${load.name} (\`${load.hash}\`) | \`${load.selector}\` | ${load.files.length} | ${kb(load.brotli)} | ${load.ms} ms |`);
  L.push('');
  for (const load of loads) L.push(`- ${load.name}: ${load.files.map((f) => `\`${f}\``).join(', ')}`);
  L.push('');
  L.push('### Each file of the wasm');
  L.push('');
  L.push('| file | raw | brotli | holds |');
  L.push('|---|--:|--:|---|');
  const wasmFiles = Object.keys(appSizes).filter((f) => f.endsWith('.wasm') || f === loaderName)
    .sort((a, b) => appSizes[b].brotli - appSizes[a].brotli);
  for (const f of wasmFiles) {
    const what = f === loaderName ? 'the loader (wasm-split-cli): fetches and links the chunks' : holds(f);
    L.push(`| \`${f}\` | ${appSizes[f].raw} | ${appSizes[f].brotli} | ${what} |`);
  }
  L.push(`| **all wasm** | | **${allWasm}** | ${Object.keys(chunks).length} chunks and the main module |`);
  if (single) L.push(`| the same code as one wasm (\`--features ''\`) | ${single.wasm.raw} | ${single.wasm.brotli} | |`);
  L.push(MARK_END);
  const text = L.join('\n');
  if (opts['dry-run']) {
    console.log(text);
  } else {
    await writeSection(opts.out, text, MARK_START, MARK_END);
    console.log(`==> wrote the chunks section of ${path.relative(process.cwd(), opts.out) || opts.out}`);
  }
  return rows.every((r) => r.ok) ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench: ${err instanceof BenchError ? err.message : err.stack || err}`);
    process.exit(1);
  },
);
