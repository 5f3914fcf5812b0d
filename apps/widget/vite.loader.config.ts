import { defineConfig } from 'vite';

/**
 * The snippet's script (`/widget.js`): a classic script (IIFE) so that
 * `document.currentScript` works; it must stay under 3 KB gzipped.
 */
export default defineConfig({
  // public/ (the preview page) belongs next to app.js, not next to the loader.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: { entry: 'src/loader/index.ts', formats: ['iife'], name: 'ParleyLoader', fileName: () => 'widget.js' },
  },
});
