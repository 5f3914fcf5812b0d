// Draws the PWA icons (public/icons/*.png) with nothing but Node built-ins: the shapes are
// rasterized with 4×4 supersampling and written as RGBA PNGs (zlib for the image data).
// Run after changing the design:  node apps/dashboard/scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/icons');
const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];

// ---- geometry, in a 64×64 design box --------------------------------------------------------

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** The speech bubble of the logo (same shape as the dashboard's brand mark). */
function inBubble(x, y) {
  return inRoundedRect(x, y, 13, 18, 51, 42, 5) || inTriangle(x, y, [20, 41], [31, 41], [20, 50]);
}

const DOTS = [24, 32, 40].map((cx) => [cx, 30]);
function inDots(x, y) {
  return DOTS.some(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2 <= 2.6 ** 2);
}

// ---- variants ---------------------------------------------------------------------------------

/**
 * `any`: a rounded teal tile on transparency. `maskable`: full-bleed teal (the platform cuts
 * its own shape; the bubble stays inside the 80% safe zone). `badge`: a white silhouette for
 * Android's status bar.
 */
function colorAt(variant, x, y) {
  if (variant === 'badge') return inBubble(x, y) ? [...WHITE, 255] : [0, 0, 0, 0];
  const inTile = variant === 'maskable' || inRoundedRect(x, y, 0, 0, 64, 64, 14);
  if (!inTile) return [0, 0, 0, 0];
  if (inBubble(x, y)) return inDots(x, y) ? [...TEAL, 255] : [...WHITE, 255];
  return [...TEAL, 255];
}

function render(variant, size) {
  const SS = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = ((px + (sx + 0.5) / SS) / size) * 64;
          const y = ((py + (sy + 0.5) / SS) / size) * 64;
          const [cr, cg, cb, ca] = colorAt(variant, x, y);
          // Premultiplied accumulation keeps transparent edges from darkening.
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      pixels[i] = a ? Math.round(r / a) : 0;
      pixels[i + 1] = a ? Math.round(g / a) : 0;
      pixels[i + 2] = a ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round(a / (SS * SS));
    }
  }
  return pixels;
}

// ---- PNG ----------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = [
  ['icon-192.png', 'any', 192],
  ['icon-512.png', 'any', 512],
  ['maskable-192.png', 'maskable', 192],
  ['maskable-512.png', 'maskable', 512],
  ['apple-touch-icon.png', 'maskable', 180],
  ['badge-72.png', 'badge', 72],
];

fs.mkdirSync(OUT, { recursive: true });
for (const [name, variant, size] of ICONS) {
  const file = path.join(OUT, name);
  fs.writeFileSync(file, png(size, render(variant, size)));
  process.stdout.write(`${path.relative(process.cwd(), file)} (${size}×${size}, ${variant})\n`);
}
