// Shared by the bench scripts: the error they report without a stack, and writing one
// marker-delimited section of BENCHMARKS.md while keeping every other section as it is.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export class BenchError extends Error {}

/** Replaces the text between `start` and `end` in `file` (or appends it), atomically. */
export async function writeSection(file, text, start, end) {
  const current = existsSync(file) ? await readFile(file, 'utf8') : null;
  let next;
  if (current === null) {
    next = `# Benchmarks\n\n${text}\n`;
  } else {
    const a = current.indexOf(start);
    const z = current.indexOf(end);
    if (a !== -1 && z > a) next = current.slice(0, a) + text + current.slice(z + end.length);
    else if (a !== -1 || z !== -1) throw new BenchError(`${file} has only one of the ${start} / ${end} markers: fix it by hand`);
    else next = current.replace(/\n*$/, '\n\n') + text + '\n';
  }
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, next);
  await rename(tmp, file);
}

/**
 * The tree measured: the short commit, with `-dirty` when tracked files differ from it.
 * BENCHMARKS.md does not count: the measurements of one run rewrite it one after another.
 */
export function treeId(root) {
  const git = (...args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)BENCHMARKS.md');
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '-dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

/**
 * What a section's header says of its run: when, on what machine and load, which tree, how long
 * (from BENCH_START_MS, set by scripts/bench, else `t0`). `tools` (the browser's or
 * Lighthouse's version…) go between the load and the tree.
 */
export function runMeta({ root, loadBefore, t0, tools = {} }) {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || 'unknown';
  let nproc;
  try {
    nproc = execFileSync('nproc', [], { encoding: 'utf8' }).trim();
  } catch {
    nproc = String(os.cpus().length);
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc,
    cpu: cpu.trim(),
    loadBefore,
    loadAfter: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    ...tools,
    git: treeId(root),
    seconds: ((Date.now() - (Number(process.env.BENCH_START_MS) || t0)) / 1000).toFixed(0),
  };
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prints a bench script's help: the first comment paragraph of the file at `moduleUrl`. */
export function printHelp(moduleUrl) {
  console.log(readFileSync(fileURLToPath(moduleUrl), 'utf8').replace(/^#!.*\n/, '').split('\n\n')[0].replace(/^\/\/ ?/gm, ''));
}

/**
 * A bench script's options: `options` plus the ones every script has (--out FILE, default
 * BENCHMARKS.md in `root`; --dry-run; -h/--help, which prints the help and exits).
 */
export function parseCli(moduleUrl, root, options) {
  const script = path.basename(fileURLToPath(moduleUrl));
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        ...options,
        out: { type: 'string', default: path.join(root, 'BENCHMARKS.md') },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new BenchError(`${err.message} (node bench/${script} --help)`);
  }
  if (values.help) {
    printHelp(moduleUrl);
    process.exit(0);
  }
  return values;
}
