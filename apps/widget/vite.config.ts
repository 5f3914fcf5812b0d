import { defineConfig } from 'vite';

/**
 * The chat app, loaded lazily by the loader from `BASE/widget/app.js`.
 * An ES module so chunks (if any) resolve relative to it.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: { entry: 'src/app/main.tsx', formats: ['es'], fileName: () => 'app.js' },
    // Lib mode keeps whitespace in ES output by default; this bundle ships to browsers as is.
    rolldownOptions: { output: { minify: true } },
  },
});
