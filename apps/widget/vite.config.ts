import { defineConfig } from 'vite';

/**
 * The chat app, loaded lazily by the loader from `BASE/widget/app.js`, and the script of the
 * dashboard's preview page (`preview-page.js`, for `public/preview.html`; it imports app.js
 * at run time). ES modules, so the lazy chunks (chat window, emoji picker, languages, the
 * preview) resolve relative to app.js.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: { entry: { app: 'src/app/main.tsx', 'preview-page': 'src/app/preview-page.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    // Lib mode keeps whitespace in ES output by default; this bundle ships to browsers as is.
    // `allow-extension`: modules shared by app.js and its lazy chunks (preact, the i18n, the
    // styles) stay in app.js, which the lazy chunks import, instead of a third common chunk.
    rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true } },
  },
});
