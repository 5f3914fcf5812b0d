/**
 * Excalidraw-style size budget: the root `pretest` builds the widget, this reads `dist/`.
 * Loader ≤ 3 KB and loader + app + chunks ≤ 30 KB, gzipped at level 9.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', 'dist');
const KB = 1024;
const LOADER_BUDGET = 3 * KB;
const TOTAL_BUDGET = 30 * KB;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return /\.(m?js|css)$/.test(name) ? [path] : [];
  });
}

describe('widget size budget', () => {
  it('has a built widget to measure (npm run build -w apps/widget)', () => {
    expect(existsSync(join(DIST, 'widget.js')), 'dist/widget.js is missing').toBe(true);
    expect(existsSync(join(DIST, 'widget', 'app.js')), 'dist/widget/app.js is missing').toBe(true);
  });

  it('keeps the loader within 3 KB gzipped and everything within 30 KB gzipped', () => {
    const loader = gz(join(DIST, 'widget.js'));
    const app = jsFiles(join(DIST, 'widget')).map((file) => ({ file, size: gz(file) }));
    const total = loader + app.reduce((sum, f) => sum + f.size, 0);
    const kb = (n: number) => `${(n / KB).toFixed(2)} KB`;
    console.warn(
      [`widget size (gzip -9): loader ${kb(loader)} / ${kb(LOADER_BUDGET)}`, ...app.map((f) => `  ${f.file.slice(DIST.length + 1)} ${kb(f.size)}`), `total ${kb(total)} / ${kb(TOTAL_BUDGET)}`].join('\n'),
    );
    expect(loader, `loader is ${kb(loader)}`).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(total, `widget total is ${kb(total)}`).toBeLessThanOrEqual(TOTAL_BUDGET);
  });
});
