// Draws resources/icon.png (512×512): a report sheet with a red 公文 header band and table
// lines on a dark-red rounded square. No dependencies: a minimal PNG encoder over node:zlib.
//   node resources/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const S = 512;
const px = new Uint8Array(S * S * 4);

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(S, 0);
  ihdr.writeUInt32BE(S, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((S * 4 + 1) * S);
  for (let y = 0; y < S; y++) {
    raw[y * (S * 4 + 1)] = 0; // filter: none
    Buffer.from(px.buffer, y * S * 4, S * 4).copy(raw, y * (S * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of a rounded rectangle at a pixel, 4×4 supersampled for smooth edges. */
function roundRect(x, y, x0, y0, x1, y1, r) {
  let hit = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px_ = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      if (px_ < x0 || px_ > x1 || py < y0 || py > y1) continue;
      const cx = Math.min(Math.max(px_, x0 + r), x1 - r);
      const cy = Math.min(Math.max(py, y0 + r), y1 - r);
      if ((px_ - cx) ** 2 + (py - cy) ** 2 <= r * r) hit++;
    }
  }
  return hit / 16;
}
function paint(shape, [r, g, b]) {
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const a = shape(x, y);
      if (a <= 0) continue;
      const i = (y * S + x) * 4;
      const da = px[i + 3] / 255;
      const oa = a + da * (1 - a);
      px[i] = Math.round((r * a + px[i] * da * (1 - a)) / oa);
      px[i + 1] = Math.round((g * a + px[i + 1] * da * (1 - a)) / oa);
      px[i + 2] = Math.round((b * a + px[i + 2] * da * (1 - a)) / oa);
      px[i + 3] = Math.round(oa * 255);
    }
  }
}

const RED = [196, 30, 36];
const DARK = [150, 20, 26];
const WHITE = [255, 255, 255];
const LINE = [200, 200, 205];
const INK = [60, 64, 72];

paint((x, y) => roundRect(x, y, 16, 16, 496, 496, 96), DARK);
paint((x, y) => roundRect(x, y, 24, 24, 488, 488, 90), RED);
// The sheet.
paint((x, y) => roundRect(x, y, 120, 76, 392, 436, 18), WHITE);
// Red header band (the 公文 红头) and a rule under it.
paint((x, y) => roundRect(x, y, 156, 112, 356, 150, 6), RED);
paint((x, y) => roundRect(x, y, 148, 168, 364, 174, 2), RED);
// A table: outer frame, rows, one column rule.
paint((x, y) => roundRect(x, y, 156, 200, 356, 204, 1), INK);
paint((x, y) => roundRect(x, y, 156, 396, 356, 400, 1), INK);
paint((x, y) => roundRect(x, y, 156, 200, 160, 400, 1), INK);
paint((x, y) => roundRect(x, y, 352, 200, 356, 400, 1), INK);
paint((x, y) => roundRect(x, y, 236, 200, 240, 400, 1), LINE);
for (let row = 1; row < 5; row++) {
  const y0 = 200 + row * 40;
  paint((x, y) => roundRect(x, y, 160, y0, 352, y0 + 3, 1), LINE);
}
// A check mark: the report passes its checks.
for (let t = 0; t <= 1; t += 0.002) {
  const pts = t < 0.35 ? [300 + t / 0.35 * 40, 330 + t / 0.35 * 40] : [340 + ((t - 0.35) / 0.65) * 90, 370 - ((t - 0.35) / 0.65) * 120];
  const [cx, cy] = pts;
  paint((x, y) => (Math.abs(x - cx) < 20 && Math.abs(y - cy) < 20 ? roundRect(x, y, cx - 15, cy - 15, cx + 15, cy + 15, 15) : 0), [34, 139, 34]);
}

writeFileSync(new URL('./icon.png', import.meta.url), png());
console.log('wrote resources/icon.png');
