#!/usr/bin/env node
// Where the bytes of the app's wasm go. Normally run through `scripts/size-report`, which builds
// the release and prepares the files first.
//
//   node bench/size.mjs --dist DIR --named FILE [--named-chunks DIR] [--pre FILE] [--policy FILE[,FILE…]]
//                       [--top N] [--monos N] [--out FILE] [--dry-run]
//
// --named is the main module (the split build's `qinzhou-incentives-*_bg.wasm`, which holds the
// frame and the start screen; or the one wasm of a build without the split) rebuilt with its
// function names kept (wasm-bindgen --keep-debug, then wasm-opt -Oz -g): the same code and data
// as dist's, so twiggy's byte counts are the shipped ones (the pre-wasm-bindgen file also holds
// wasm-bindgen's describe functions and custom section, which never ship). From it: `twiggy top`
// (largest items), `twiggy monos` (most bloated generics) and a rollup by part (crate or
// module), computed here from `twiggy top --format json` by the demangled path of each item.
// --named-chunks holds the split build's chunks with names kept (wasm-opt -Oz -g, named as
// wasm-split-cli names them): each chunk's parts. From dist: brotli sizes (quality 11, node's
// zlib, as bench/measure.mjs), and the main module's code and data sections compressed alone.
// The first load is what the start screen fetches: headless Chromium loads `#/` from dist (a
// fresh context, service workers blocked) and every file requested until the app's start
// screen (`main h1`) is in the page counts (bench/loads.mjs, as bench/chunks.mjs).
//
// Writes its section of BENCHMARKS.md between <!-- bench:size:start --> and
// <!-- bench:size:end --> and leaves the rest of the file alone; bench/size-notes.md (cuts made,
// what remains) is copied into the section as written. Exit status: 0 written, 1 error.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { treeId } from './sections.mjs';
import { START, fetchedUntil } from './loads.mjs';
import { launchBrowser, serveDist } from '../tests/browser/support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const MARK_START = '<!-- bench:size:start -->';
const MARK_END = '<!-- bench:size:end -->';
const BUDGET = 150_000; // first load, brotli (the hardening issue's budget; KB = 1000 bytes)

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string' },
    named: { type: 'string' },
    'named-chunks': { type: 'string' },
    pre: { type: 'string' },
    policy: { type: 'string' },
    top: { type: 'string', default: '30' },
    monos: { type: 'string', default: '15' },
    out: { type: 'string', default: path.join(ROOT, 'BENCHMARKS.md') },
    notes: { type: 'string', default: path.join(here, 'size-notes.md') },
    'dry-run': { type: 'boolean', default: false },
  },
});
if (!opts.dist || !opts.named) {
  console.error('usage: node bench/size.mjs --dist DIR --named FILE [--pre FILE] [--policy FILE[,FILE…]] [--top N] [--monos N] [--out FILE] [--dry-run]');
  process.exit(1);
}
const TWIGGY = process.env.TWIGGY || 'twiggy';

const brotli = (buf) =>
  zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const pct = (n, total) => `${((100 * n) / total).toFixed(1)}%`;
const int = (n) => n.toLocaleString('en-US');
const twiggy = (...args) => execFileSync(TWIGGY, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
const cell = (s, max = 110) => {
  const t = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return '`' + t.replace(/`/g, "'").replace(/\|/g, '\\|') + '`';
};

// ------------------------------------------------------------------------------- dist files

const distFiles = readdirSync(opts.dist)
  .filter((f) => statSync(path.join(opts.dist, f)).isFile())
  .map((f) => {
    const buf = readFileSync(path.join(opts.dist, f));
    return { name: f, raw: buf.length, brotli: brotli(buf), buf };
  });
// The main module: the wasm Trunk's js loads (the split build's chunks are chunk_*/split_*).
const wasm = distFiles.find((f) => /^qinzhou-incentives-[0-9a-f]+_bg\.wasm$/.test(f.name)) ?? distFiles.find((f) => f.name.endsWith('_bg.wasm'));
const js = distFiles.filter((f) => f.name.endsWith('.js') && f.name !== 'sw.js');
if (!wasm) throw new Error(`no main wasm (qinzhou-incentives-*_bg.wasm) in ${opts.dist}`);
const chunkFiles = distFiles.filter((f) => f.name.endsWith('.wasm') && f !== wasm).sort((a, b) => b.brotli - a.brotli);

// The first load: what a cold `#/` fetches until the start screen's content is there.
async function startScreenFiles() {
  const server = await serveDist({ root: opts.dist });
  const browser = await launchBrowser();
  try {
    return (await fetchedUntil(browser, server, START.hash, START.selector)).files;
  } finally {
    await browser.close();
    await server.close();
  }
}
const fetched = new Set(await startScreenFiles());
const firstLoad = distFiles.filter((f) => fetched.has(f.name));
const firstLoadBrotli = firstLoad.reduce((a, f) => a + f.brotli, 0);
if (!fetched.has(wasm.name)) throw new Error(`the start screen did not fetch ${wasm.name}: is it the main module?`);

// The sections of a wasm file, by id (0 custom, 10 code, 11 data, ...).
function sections(buf) {
  const leb = (i) => {
    let r = 0, s = 0, x;
    do { x = buf[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    return [r, i];
  };
  const out = [];
  let i = 8;
  while (i < buf.length) {
    const id = buf[i++];
    const [size, start] = leb(i);
    out.push({ id, bytes: buf.subarray(start, start + size) });
    i = start + size;
  }
  return out;
}
const secs = sections(wasm.buf);
const sectionBytes = (id) => Buffer.concat(secs.filter((s) => s.id === id).map((s) => s.bytes));
const code = sectionBytes(10);
const data = sectionBytes(11);
const other = wasm.raw - code.length - data.length;

// -------------------------------------------------------------------------- twiggy: rollup

// Name subsections and custom sections are not shipped (dist's wasm has none of them).
const isMeta = (n) => /^"[^"]* names" subsection$/.test(n) || /^custom section '(name|producers|target_features)'$/.test(n);
const shippedItems = (file) => JSON.parse(twiggy('top', '-n', '10000000', '--format', 'json', file))
  .filter((it) => !isMeta(it.name) && !/^Σ|^\.\.\. and/.test(it.name));
const shipped = shippedItems(opts.named);
const shippedTotal = shipped.reduce((a, it) => a + it.shallow_size, 0);

const CORE = String.raw`(core|alloc|std)(\[[0-9a-f]+\])?`;
// First match wins. Generic code counts under the crate that defines it, whatever it was
// instantiated for (serde_json's deserialize_seq for our types is serde; tachys's Render::build
// for our views is Leptos); derived serde impls of our types count as serde.
const PARTS = [
  ['data segments (all constant data: strings, the plan JSON, tables)', (n) => n.startsWith('data segment')],
  ['serde / serde_json (incl. derived impls of our types)', (n) => /serde|zmij|itoa|\bryu\b/.test(n)],
  ['our engine (`qinzhou_incentives::engine`)', (n) => /^<?qinzhou_incentives::engine/.test(n)],
  ['our ui (`qinzhou_incentives::ui`, main)', (n) => /^<?qinzhou_incentives::/.test(n)],
  ['core::fmt, panics, number printing', (n) =>
    new RegExp(String.raw`\b${CORE}::(fmt|panicking|num::flt2dec|num::bignum|num::diy_float|num::fmt)\b|as ${CORE}::fmt::[A-Za-z]+>::fmt|^<(u|i)(8|16|32|64|128|size)>::_fmt|<char>::escape_debug|float_to_decimal|slice_error_fail|panic`).test(n)],
  ['rust_decimal', (n) => n.includes('rust_decimal')],
  ['leptos / tachys / reactive_graph', (n) => /leptos|tachys|reactive_graph|any_spawner|either_of|or_poisoned|throw_error|send_wrapper|wasm_split|oco_ref|next_tuple|guardian/.test(n)],
  ['wasm-bindgen / js-sys / web-sys / gloo', (n) => /wasm_bindgen|js_sys|web_sys|gloo|futures_|__wbg|__wbindgen|externref|intounderlying|Closure\(/.test(n)],
  ['qrcodegen', (n) => n.includes('qrcodegen')],
  ['std / core / alloc (collections, strings, iterators, allocator)', (n) =>
    new RegExp(String.raw`\b${CORE}::|^<${CORE}::|hashbrown|dlmalloc|compiler_builtins|^<(str|char|\[T\]|u8|usize)>|^__|^mem(cpy|set|move|cmp)$|indexmap|arrayvec`).test(n)],
  ['wasm structure (tables, types, exports, unnamed code)', (n) => /^(elem|table|type|memory|global|import|export|code)\b|^code\[|^"|^custom section|^main$/.test(n)],
];
const OTHER = 'other';
const partOf = (n) => (PARTS.find(([, f]) => f(n)) || [OTHER])[0];
function rollupOf(list) {
  const r = new Map([...PARTS.map(([p]) => [p, { bytes: 0, count: 0, biggest: null }]), [OTHER, { bytes: 0, count: 0, biggest: null }]]);
  for (const it of list) {
    const part = r.get(partOf(it.name));
    part.bytes += it.shallow_size;
    part.count += 1;
    if (!part.biggest || it.shallow_size > part.biggest.shallow_size) part.biggest = it;
  }
  return r;
}
const rollup = rollupOf(shipped);

// Each chunk's parts, from its named copy (wasm-split-cli's name: chunk_10.wasm for dist's
// chunk_10-<hash>.wasm).
const chunkParts = new Map();
if (opts['named-chunks'] && existsSync(opts['named-chunks'])) {
  for (const f of chunkFiles) {
    const named = path.join(opts['named-chunks'], `${f.name.replace(/-[0-9a-f]{16}\.wasm$/, '')}.wasm`);
    if (!existsSync(named)) continue;
    const list = shippedItems(named);
    const total = list.reduce((a, it) => a + it.shallow_size, 0);
    const parts = [...rollupOf(list).entries()].filter(([, r]) => r.count).sort((a, b) => b[1].bytes - a[1].bytes);
    const biggest = list.reduce((m, it) => (!m || it.shallow_size > m.shallow_size ? it : m), null);
    chunkParts.set(f.name, { total, parts, biggest });
  }
}

// The plans as embedded (build.rs's policy-lite.json of each plan folder), for the data row.
// --policy names them, comma-separated; a name that is not there is an error, not a lost row.
let policy = null;
if (opts.policy) {
  const files = opts.policy.split(',').filter(Boolean);
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`size: --policy names ${missing.join(', ')}, which is not there`);
    process.exit(1);
  }
  const bufs = files.map((f) => readFileSync(f));
  policy = {
    raw: bufs.reduce((a, b) => a + b.length, 0),
    brotli: bufs.reduce((a, b) => a + brotli(b), 0),
    names: files.map((f) => `${path.basename(path.dirname(f))}/${path.basename(f)}`),
  };
}
let pre = null;
if (opts.pre && existsSync(opts.pre)) {
  const preItems = JSON.parse(twiggy('top', '-n', '10000000', '--format', 'json', opts.pre));
  const get = (re) => preItems.filter((it) => re.test(it.name)).reduce((a, it) => a + it.shallow_size, 0);
  pre = {
    raw: statSync(opts.pre).size,
    names: get(/^"[^"]* names" subsection$/),
    describe: get(/^custom section '__wasm_bindgen_unstable'$|__wbindgen_describe|WasmDescribe/),
  };
}

// ----------------------------------------------------------------------- twiggy: top, monos

const top = shipped.slice().sort((a, b) => b.shallow_size - a.shallow_size).slice(0, Number(opts.top));
const monos = JSON.parse(twiggy('monos', '-g', '-m', opts.monos, '--format', 'json', opts.named)).filter(
  (m) => !/^Σ|^\.\.\. and/.test(m.generic),
);

// --------------------------------------------------------------------------------- section

function git(...args) {
  try {
    return execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}
function version(cmd, args = ['--version']) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return `${cmd}: ?`;
  }
}

const L = [];
L.push(MARK_START);
L.push('## Where the bytes go');
L.push('');
L.push('Written by `scripts/size-report` (bench/size.mjs); do not edit by hand, rerun it. It builds the');
L.push('release like `scripts/bench` (`trunk build --release`, own dist and cargo target dir), redoes the');
if (chunkFiles.length) {
  L.push('split of `scripts/split_wasm.py` with the function names kept (`wasm-split-cli`, `wasm-bindgen');
  L.push('--keep-debug --keep-lld-exports` on the main module, `wasm-opt -Oz -g` on it and every chunk: the same');
  L.push(`code and data as dist's) and runs \`twiggy\` on the main module, \`${wasm.name.replace(/-[0-9a-f]{16}/, '-…')}\`,`);
  L.push('which holds the frame and the start screen; each chunk\'s parts are under "Each chunk".');
} else {
  L.push('shipped wasm with its function names kept (`wasm-bindgen --keep-debug`, then `wasm-opt -Oz -g`: the');
  L.push('same code and data as dist\'s wasm) and runs `twiggy` on that.');
}
L.push('Byte counts are raw bytes of the shipped wasm; brotli is quality 11 (node zlib), KB = 1000 bytes.');
L.push('The first load is every file a cold `#/` fetched until the start screen showed its content');
L.push(`(headless Chromium, \`${START.selector}\`, bench/loads.mjs): ${firstLoad.length} files.`);
L.push('');
L.push(`- Date (UTC): ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`);
L.push(`- Tree: \`${treeId(ROOT)}\``);
L.push(`- Tools: ${version(TWIGGY)}, ${version('wasm-opt')}, ${version('wasm-bindgen')}, ${version('rustc')}`);
L.push(`- Command: \`${process.env.SIZE_COMMAND || 'node bench/size.mjs'}\`${process.env.SIZE_DURATION_S ? ` (${process.env.SIZE_DURATION_S} s)` : ''}`);
L.push('');
const short = (name) => name.replace(/-[0-9a-f]{16}/, '-…');
const sum = (fs, k) => fs.reduce((a, f) => a + f[k], 0);
L.push('| what | raw | brotli |');
L.push('|---|--:|--:|');
L.push(`| first load (what \`#/\` fetched before its content showed), budget ${kb(BUDGET)} | ${int(sum(firstLoad, 'raw'))} | **${int(firstLoadBrotli)}** (${firstLoadBrotli > BUDGET ? `${kb(firstLoadBrotli - BUDGET)} over` : 'within'}) |`);
L.push(`| … main wasm (\`${short(wasm.name)}\`) | ${int(wasm.raw)} | ${int(wasm.brotli)} |`);
L.push(`| … … its code section alone | ${int(code.length)} | ${int(brotli(code))} |`);
L.push(`| … … its data section alone | ${int(data.length)} | ${int(brotli(data))} |`);
if (policy) L.push(`| … … … of which the plan JSON embedded by build.rs (${policy.names.map((n) => `\`${n}\``).join(', ')}; brotli of the file alone) | ${int(policy.raw)} | ${int(policy.brotli)} |`);
L.push(`| … … other sections (types, imports, exports, tables) | ${int(other)} | |`);
const firstChunks = firstLoad.filter((f) => f.name.endsWith('.wasm') && f !== wasm);
if (firstChunks.length) L.push(`| … chunks the start screen fetched (${firstChunks.map((f) => `\`${short(f.name)}\``).join(', ')}) | ${int(sum(firstChunks, 'raw'))} | ${int(sum(firstChunks, 'brotli'))} |`);
const firstJs = firstLoad.filter((f) => f.name.endsWith('.js'));
L.push(`| … JS (${firstJs.map((f) => `\`${short(f.name)}\``).join(', ')}) | ${int(sum(firstJs, 'raw'))} | ${int(sum(firstJs, 'brotli'))} |`);
const firstHtmlCss = firstLoad.filter((f) => /\.(html|css)$/.test(f.name));
const htmlCssLabel = firstHtmlCss.length === 1
  ? `\`${short(firstHtmlCss[0].name)}\`, its stylesheet inline`
  : `${firstHtmlCss.length} files`;
L.push(`| … html + css (${htmlCssLabel}) | ${int(sum(firstHtmlCss, 'raw'))} | ${int(sum(firstHtmlCss, 'brotli'))} |`);
const firstOther = firstLoad.filter((f) => !f.name.endsWith('.wasm') && !/\.(js|html|css)$/.test(f.name));
if (firstOther.length) L.push(`| … other (${firstOther.map((f) => `\`${short(f.name)}\``).join(', ')}) | ${int(sum(firstOther, 'raw'))} | ${int(sum(firstOther, 'brotli'))} |`);
const later = chunkFiles.filter((f) => !fetched.has(f.name));
if (later.length) L.push(`| not in the first load: ${later.length} chunks, fetched when a screen first needs them (below) | ${int(sum(later, 'raw'))} | ${int(sum(later, 'brotli'))} |`);
const texts = distFiles.find((f) => /^measure-texts-[0-9a-f]{16}\.json$/.test(f.name));
if (texts && !fetched.has(texts.name)) L.push(`| not in the first load: the measures' texts (\`${short(texts.name)}\`), fetched on demand | ${int(texts.raw)} | ${int(texts.brotli)} |`);
const unfetchedJs = js.filter((f) => !fetched.has(f.name));
if (unfetchedJs.length) L.push(`| not in the first load: JS (${unfetchedJs.map((f) => `\`${short(f.name)}\``).join(', ')}) | ${int(sum(unfetchedJs, 'raw'))} | ${int(sum(unfetchedJs, 'brotli'))} |`);
if (chunkFiles.length) L.push(`| all wasm (main module and ${chunkFiles.length} chunks) | ${int(wasm.raw + sum(chunkFiles, 'raw'))} | ${int(wasm.brotli + sum(chunkFiles, 'brotli'))} |`);
L.push('');
const diff = shippedTotal - wasm.raw;
L.push(`twiggy counts ${int(shippedTotal)} bytes of code and data in the analysed main module, against ${int(wasm.raw)} bytes`);
L.push(`for dist's (${diff >= 0 ? '+' : ''}${int(diff)}, ${pct(Math.abs(diff), wasm.raw)}: wasm-opt sees slightly different input with names kept).`);
if (pre) {
  L.push(`The pre-wasm-bindgen file (${int(pre.raw)} bytes${chunkFiles.length ? ', before the split' : ''}) also holds ${int(pre.names)} bytes of names and ${int(pre.describe)} bytes`);
  L.push('of wasm-bindgen describe code and custom section that never ship, which is why it is not the one analysed.');
}
L.push('');
L.push(`### By part${chunkFiles.length ? ' (the main module)' : ''}`);
L.push('');
L.push('Every item of `twiggy top` (shallow bytes) put under the first matching part, by its demangled path.');
L.push('Generic code counts under the crate that defines it, whatever it was instantiated for: serde_json\'s');
L.push('`deserialize_seq` for our types counts as serde, tachys\'s `Render::build` for our views as Leptos.');
L.push('Code inlined into one of our functions counts as ours.');
L.push('');
L.push('| part | bytes | share | items | largest item |');
L.push('|---|--:|--:|--:|---|');
for (const [name, r] of [...rollup.entries()].sort((a, b) => b[1].bytes - a[1].bytes)) {
  if (r.count === 0) continue;
  L.push(`| ${name} | ${int(r.bytes)} | ${pct(r.bytes, shippedTotal)} | ${int(r.count)} | ${cell(r.biggest.name, 70)} (${int(r.biggest.shallow_size)}) |`);
}
L.push(`| **total** | **${int(shippedTotal)}** | 100% | ${int(shipped.length)} | |`);
L.push('');
L.push(`### Largest items${chunkFiles.length ? ' of the main module' : ''} (\`twiggy top -n ${opts.top}\`)`);
L.push('');
L.push('| # | bytes | share | part | item |');
L.push('|--:|--:|--:|---|---|');
top.forEach((it, i) => {
  L.push(`| ${i + 1} | ${int(it.shallow_size)} | ${pct(it.shallow_size, shippedTotal)} | ${partOf(it.name).split(' (')[0]} | ${cell(it.name)} |`);
});
L.push('');
L.push(`### Most bloated generics${chunkFiles.length ? ' of the main module' : ''} (\`twiggy monos -g -m ${opts.monos}\`)`);
L.push('');
L.push('"Bloat" is twiggy\'s estimate of what the copies beyond the largest one cost.');
L.push('');
L.push('| generic | all copies, bytes | approx. bloat, bytes |');
L.push('|---|--:|--:|');
for (const m of monos) {
  L.push(`| ${cell(m.generic)} | ${int(m.total_size)} | ${int(m.approximate_monomorphization_bloat_bytes)} |`);
}
L.push('');
if (chunkFiles.length) {
  L.push('### Each chunk');
  L.push('');
  L.push('The split build\'s chunks (`scripts/split_wasm.py`), largest first: fetched when a screen first needs');
  L.push('them (which split point each serves: the Chunks section). Parts as above, from each chunk with its');
  L.push('names kept; "start" marks the chunks a cold `#/` fetched before its content showed.');
  L.push('');
  L.push('| chunk | raw | brotli | start | largest parts | largest item |');
  L.push('|---|--:|--:|---|---|---|');
  for (const f of chunkFiles) {
    const c = chunkParts.get(f.name);
    const parts = c ? c.parts.slice(0, 3).map(([name, r]) => `${name.split(' (')[0]} ${pct(r.bytes, c.total)}`).join(', ') : 'n/a';
    const biggest = c?.biggest ? `${cell(c.biggest.name, 70)} (${int(c.biggest.shallow_size)})` : '';
    L.push(`| \`${short(f.name)}\` | ${int(f.raw)} | ${int(f.brotli)} | ${fetched.has(f.name) ? 'yes' : ''} | ${parts} | ${biggest} |`);
  }
  L.push(`| **all chunks** | **${int(sum(chunkFiles, 'raw'))}** | **${int(sum(chunkFiles, 'brotli'))}** | | | |`);
  L.push('');
}
if (existsSync(opts.notes)) {
  // The notes' figures of this build: {{first_load}}, {{over}} (KB over the budget), {{times_budget}}.
  // {{main_wasm}}: the main module, brotli; {{main_code}}: its code section alone, brotli;
  // {{parts}}: its six largest parts with their shares; {{first_files}}: the first load's files.
  const parts = [...rollup.entries()].filter(([, r]) => r.count).sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 6)
    .map(([name, r]) => `${name.split(' (')[0]} ${pct(r.bytes, shippedTotal)}`).join(', ');
  const fill = {
    first_load: kb(firstLoadBrotli), over: kb(Math.max(0, firstLoadBrotli - BUDGET)), times_budget: `${(firstLoadBrotli / BUDGET).toFixed(1)}×`,
    main_wasm: kb(wasm.brotli), main_code: kb(brotli(code)), parts, first_files: String(firstLoad.length),
  };
  L.push(readFileSync(opts.notes, 'utf8').trim().replace(/\{\{(\w+)\}\}/g, (m, k) => fill[k] ?? m));
  L.push('');
}
L.push(MARK_END);
const text = L.join('\n');

if (opts['dry-run']) {
  console.log(text);
} else {
  const file = opts.out;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
  let next;
  if (current === null) next = `# Benchmarks\n\n${text}\n`;
  else {
    const a = current.indexOf(MARK_START);
    const z = current.indexOf(MARK_END);
    if (a !== -1 && z > a) next = current.slice(0, a) + text + current.slice(z + MARK_END.length);
    else if (a !== -1 || z !== -1) throw new Error(`${file} has only one of the ${MARK_START} / ${MARK_END} markers: fix it by hand`);
    else next = current.replace(/\n*$/, '\n\n') + text + '\n';
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, file);
  console.log(`size: wrote "Where the bytes go" into ${path.relative(ROOT, file)}`);
}
console.log(`size: first load ${kb(firstLoadBrotli)} brotli in ${firstLoad.length} files (main wasm ${wasm.name}: ${kb(wasm.brotli)}); budget ${kb(BUDGET)}`);
for (const [name, r] of [...rollup.entries()].sort((a, b) => b[1].bytes - a[1].bytes)) {
  if (r.count) console.log(`  ${String(r.bytes).padStart(8)}  ${name}`);
}

