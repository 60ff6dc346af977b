// A small QR decoder for the tests, written from ISO/IEC 18004 (no package): it reads the SVG
// the app draws (engine::qr: one <path> of 1-module-high runs, a quiet zone of 4), and returns
// the text the symbol holds. It reads the format information (both copies must agree), removes
// the mask, reads the codewords in the standard zigzag, de-interleaves the blocks, checks every
// block's Reed–Solomon codewords (so only a symbol a real scanner would accept decodes), and
// reads numeric, alphanumeric and byte segments. It corrects no errors: the image is exact.

const QUIET = 4;

// ECC codewords per block and number of blocks, by error-correction level (L, M, Q, H) and
// version 1–40 (index 0 unused): the tables of the standard.
const ECC_PER_BLOCK = [
  [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];
const BLOCKS = [
  [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
  [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
];
// The 2-bit level field of the format information → index into the tables above.
const LEVEL_OF_FIELD = { 1: 0, 0: 1, 3: 2, 2: 3 };
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** The dark modules of the app's QR SVG, as a size × size boolean matrix (quiet zone removed). */
export function svgToMatrix(svg) {
  const box = svg.match(/viewBox="0 0 (\d+) (\d+)"/);
  if (!box || box[1] !== box[2]) throw new Error('no square viewBox');
  const size = Number(box[1]) - 2 * QUIET;
  const d = (svg.match(/<path[^>]* d="([^"]*)"/) || [])[1];
  if (d === undefined) throw new Error('no path');
  const m = Array.from({ length: size }, () => new Array(size).fill(false));
  for (const run of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x0, y, len, back] = run.slice(1).map(Number);
    if (len !== back) throw new Error(`odd run ${run[0]}`);
    for (let x = x0; x < x0 + len; x += 1) {
      const [cx, cy] = [x - QUIET, y - QUIET];
      if (cx < 0 || cy < 0 || cx >= size || cy >= size) throw new Error('module in the quiet zone');
      if (m[cy][cx]) throw new Error('module drawn twice');
      m[cy][cx] = true;
    }
  }
  if (d.replace(/M\d+ \d+h\d+v1h-\d+z/g, '') !== '') throw new Error('unexpected path commands');
  return m;
}

function alignmentPositions(version, size) {
  if (version === 1) return [];
  const n = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.floor((version * 4 + n * 2 + 1) / (n * 2 - 2)) * 2;
  const out = [6];
  for (let i = 0, pos = size - 7; i < n - 1; i += 1, pos -= step) out.splice(1, 0, pos);
  return out;
}

function functionModules(version, size) {
  const f = Array.from({ length: size }, () => new Array(size).fill(false));
  const mark = (x0, y0, w, h) => {
    for (let y = y0; y < y0 + h; y += 1) for (let x = x0; x < x0 + w; x += 1) f[y][x] = true;
  };
  mark(0, 0, 9, 9); // finder, separator, format information
  mark(size - 8, 0, 8, 9);
  mark(0, size - 8, 9, 8);
  mark(6, 0, 1, size); // timing
  mark(0, 6, size, 1);
  const align = alignmentPositions(version, size);
  const last = align.length - 1;
  align.forEach((ay, i) => align.forEach((ax, j) => {
    if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
    mark(ax - 2, ay - 2, 5, 5);
  }));
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  return f;
}

const MASKS = [
  (x, y) => (x + y) % 2 === 0,
  (x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

function gfMultiply(x, y) {
  let z = 0;
  for (let i = 7; i >= 0; i -= 1) {
    z = ((z << 1) ^ ((z >>> 7) * 0x11d)) & 0xff;
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function rsDivisor(degree) {
  const result = new Array(degree - 1).fill(0).concat([1]);
  let root = 1;
  for (let i = 0; i < degree; i += 1) {
    for (let j = 0; j < degree; j += 1) {
      result[j] = gfMultiply(result[j], root);
      if (j + 1 < result.length) result[j] ^= result[j + 1];
    }
    root = gfMultiply(root, 2);
  }
  return result;
}

function rsRemainder(data, divisor) {
  const result = new Array(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ result.shift();
    result.push(0);
    for (let i = 0; i < result.length; i += 1) result[i] ^= gfMultiply(divisor[i], factor);
  }
  return result;
}

/** Decodes a QR matrix to its text. Throws when the symbol is not valid. */
export function decodeMatrix(m) {
  const size = m.length;
  const version = (size - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 40) throw new Error(`bad size ${size}`);
  const at = (x, y) => m[y][x];

  // Format information, both copies.
  let a = 0;
  let b = 0;
  for (let i = 0; i <= 5; i += 1) a |= (at(8, i) ? 1 : 0) << i;
  a |= (at(8, 7) ? 1 : 0) << 6;
  a |= (at(8, 8) ? 1 : 0) << 7;
  a |= (at(7, 8) ? 1 : 0) << 8;
  for (let i = 9; i < 15; i += 1) a |= (at(14 - i, 8) ? 1 : 0) << i;
  for (let i = 0; i < 8; i += 1) b |= (at(size - 1 - i, 8) ? 1 : 0) << i;
  for (let i = 8; i < 15; i += 1) b |= (at(8, size - 15 + i) ? 1 : 0) << i;
  if (a !== b) throw new Error('the two copies of the format information differ');
  if (!at(8, size - 8)) throw new Error('no dark module');
  const format = a ^ 0x5412;
  const level = LEVEL_OF_FIELD[format >>> 13];
  const mask = MASKS[(format >>> 10) & 7];
  // BCH check of the format information.
  let rem = format >>> 10;
  for (let i = 0; i < 10; i += 1) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  if (((format >>> 10) << 10 | rem) !== format) throw new Error('format information checksum');

  // Codewords in zigzag order, unmasked.
  const fn = functionModules(version, size);
  const bits = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert += 1) {
      for (let j = 0; j < 2; j += 1) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (fn[y][x]) continue;
        bits.push(at(x, y) !== mask(x, y) ? 1 : 0);
      }
    }
  }
  const rawCodewords = Math.floor(bits.length / 8);
  const codewords = [];
  for (let i = 0; i < rawCodewords; i += 1) {
    let v = 0;
    for (let k = 0; k < 8; k += 1) v = (v << 1) | bits[i * 8 + k];
    codewords.push(v);
  }

  // De-interleave and check each block.
  const numBlocks = BLOCKS[level][version];
  const eccLen = ECC_PER_BLOCK[level][version];
  const shortLen = Math.floor(rawCodewords / numBlocks);
  const numShort = numBlocks - (rawCodewords % numBlocks);
  const dataLens = Array.from({ length: numBlocks }, (_, j) => shortLen - eccLen + (j < numShort ? 0 : 1));
  const blocks = dataLens.map(() => ({ data: [], ecc: [] }));
  let k = 0;
  for (let i = 0; i < Math.max(...dataLens); i += 1) {
    for (let j = 0; j < numBlocks; j += 1) if (i < dataLens[j]) blocks[j].data.push(codewords[k++]);
  }
  for (let i = 0; i < eccLen; i += 1) for (let j = 0; j < numBlocks; j += 1) blocks[j].ecc.push(codewords[k++]);
  const divisor = rsDivisor(eccLen);
  blocks.forEach((block, j) => {
    const expected = rsRemainder(block.data, divisor);
    if (expected.some((v, i) => v !== block.ecc[i])) throw new Error(`Reed–Solomon check fails in block ${j}`);
  });

  // Segments.
  const data = blocks.flatMap((block) => block.data);
  const stream = data.flatMap((byte) => [7, 6, 5, 4, 3, 2, 1, 0].map((s) => (byte >>> s) & 1));
  let p = 0;
  const read = (n) => {
    if (p + n > stream.length) throw new Error('segment runs past the data');
    let v = 0;
    for (let i = 0; i < n; i += 1) v = (v << 1) | stream[p++];
    return v;
  };
  const band = version <= 9 ? 0 : version <= 26 ? 1 : 2;
  const bytes = [];
  let text = '';
  const flush = () => {
    text += new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    bytes.length = 0;
  };
  while (p + 4 <= stream.length) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 4) {
      const count = read([8, 16, 16][band]);
      for (let i = 0; i < count; i += 1) bytes.push(read(8));
    } else if (mode === 2) {
      flush();
      let count = read([9, 11, 13][band]);
      for (; count >= 2; count -= 2) {
        const v = read(11);
        text += ALNUM[Math.floor(v / 45)] + ALNUM[v % 45];
      }
      if (count === 1) text += ALNUM[read(6)];
    } else if (mode === 1) {
      flush();
      let count = read([10, 12, 14][band]);
      for (; count >= 3; count -= 3) text += String(read(10)).padStart(3, '0');
      if (count === 2) text += String(read(7)).padStart(2, '0');
      if (count === 1) text += String(read(4));
    } else {
      throw new Error(`unsupported mode ${mode}`);
    }
  }
  flush();
  return text;
}

/** The text held by the app's QR SVG. */
export function decodeQrSvg(svg) {
  return decodeMatrix(svgToMatrix(svg));
}
