/**
 * Excalidraw-style size budget: the root `pretest` builds the widget, this reads `dist/`.
 * First load (every page view): the loader ≤ 3 KB and loader + app.js (with any chunk app.js
 * imports statically) ≤ 30 KB. Lazily loaded chunks have their own budgets: the chat window
 * (with its forms, rating and transcript), the emoji picker, files (uploads, attachments, the
 * image viewer), each language; all of them together ≤ 40 KB. Gzipped at level 9; the figures are printed.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', 'dist');
const APP_DIR = join(DIST, 'widget');
const KB = 1024;
const BUDGET = { loader: 3 * KB, firstLoad: 30 * KB, window: 12 * KB, emoji: 12 * KB, files: 6 * KB, locale: 2 * KB, lazyTotal: 40 * KB };
const LOCALES = ['es', 'fr', 'de', 'pt', 'ar'];

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n: number) => `${(n / KB).toFixed(2)} KB`;
/** The dashboard's preview (page script and its chunk) is never loaded by visitors. */
const isPreview = (f: string) => f.startsWith('preview');
const chunks = () => readdirSync(APP_DIR).filter((f) => f.endsWith('.js') && f !== 'app.js' && !isPreview(f));
/** The chunk emitted for a source module (`[name]-[hash].js`). */
const chunk = (name: string) => chunks().find((f) => f.startsWith(name + '-'));

/** Chunks a module imports statically (`import … from "./x.js"`), recursively: they load with it. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const code = readFileSync(join(APP_DIR, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    if (!seen.has(m[1])) {
      seen.add(m[1]);
      staticImports(m[1], seen);
    }
  }
  return seen;
}

describe('widget size budget', () => {
  it('has a built widget to measure (npm run build -w apps/widget)', () => {
    expect(existsSync(join(DIST, 'widget.js')), 'dist/widget.js is missing').toBe(true);
    expect(existsSync(join(APP_DIR, 'app.js')), 'dist/widget/app.js is missing').toBe(true);
    for (const name of ['ChatWindow', 'emoji', 'files', ...LOCALES]) expect(chunk(name), `no lazy chunk for ${name}`).toBeDefined();
  });

  it('keeps the first load (loader + app.js) within budget, and the lazy chunks within theirs', () => {
    const loader = gz(join(DIST, 'widget.js'));
    const eager = ['app.js', ...staticImports('app.js')];
    const firstLoad = loader + eager.reduce((sum, f) => sum + gz(join(APP_DIR, f)), 0);
    const lazy = chunks().filter((f) => !eager.includes(f));
    const sizes = new Map(lazy.map((f) => [f, gz(join(APP_DIR, f))]));
    const lazyTotal = [...sizes.values()].reduce((a, b) => a + b, 0);
    console.warn(
      [
        `widget size (gzip -9): loader ${kb(loader)} / ${kb(BUDGET.loader)}`,
        `  first load: ${eager.map((f) => `${f} ${kb(gz(join(APP_DIR, f)))}`).join(' + ')} + loader = ${kb(firstLoad)} / ${kb(BUDGET.firstLoad)}`,
        `  lazy: ${[...sizes].map(([f, n]) => `${f} ${kb(n)}`).join(', ')}`,
        `  lazy total ${kb(lazyTotal)} / ${kb(BUDGET.lazyTotal)}`,
        `  dashboard preview (not for visitors): ${readdirSync(APP_DIR).filter((f) => isPreview(f) && f.endsWith('.js')).map((f) => `${f} ${kb(gz(join(APP_DIR, f)))}`).join(', ')}`,
      ].join('\n'),
    );
    expect(loader, `loader is ${kb(loader)}`).toBeLessThanOrEqual(BUDGET.loader);
    expect(firstLoad, `first load is ${kb(firstLoad)}`).toBeLessThanOrEqual(BUDGET.firstLoad);
    expect(sizes.get(chunk('ChatWindow')!), 'chat window chunk').toBeLessThanOrEqual(BUDGET.window);
    expect(sizes.get(chunk('emoji')!), 'emoji chunk').toBeLessThanOrEqual(BUDGET.emoji);
    expect(sizes.get(chunk('files')!), 'files chunk').toBeLessThanOrEqual(BUDGET.files);
    for (const l of LOCALES) expect(sizes.get(chunk(l)!), `${l} chunk`).toBeLessThanOrEqual(BUDGET.locale);
    expect(lazyTotal, `lazy chunks total ${kb(lazyTotal)}`).toBeLessThanOrEqual(BUDGET.lazyTotal);
  });

  it('loads the chat window, the emoji picker, files and the other languages on demand', () => {
    const app = readFileSync(join(APP_DIR, 'app.js'), 'utf8');
    const window = readFileSync(join(APP_DIR, chunk('ChatWindow')!), 'utf8');
    const has = (code: string, text: string | RegExp) => (typeof text === 'string' ? code.includes(text) : text.test(code));
    // Samples of the emoji data, the Spanish texts and the window's English texts.
    expect(has(app, 'thumbs up') || has(window, 'thumbs up'), 'emoji data outside its chunk').toBe(false);
    expect(has(app, 'Escribe un mensaje'), 'Spanish in app.js').toBe(false);
    expect(has(app, 'Start a new chat'), "the window's texts in app.js").toBe(false);
    expect(has(app, /import\([`"']\.\/ChatWindow-/), 'app.js imports the window lazily').toBe(true);
    expect(has(window, /import\([`"']\.\/emoji-/), 'the window imports the emoji picker lazily').toBe(true);
    // Uploads and file types travel in the files chunk, which the window imports lazily.
    for (const code of [app, window]) expect(has(code, '/api/widget/files') || has(code, 'officedocument'), 'file code outside its chunk').toBe(false);
    expect(has(window, /import\([`"']\.\/files-/), 'the window imports the files chunk lazily').toBe(true);
  });
});
