import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ at `/` with an SPA fallback; in `vite dev` we proxy the API to it.
const target = process.env.PARLEY_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': target,
      '/socket.io': { target, ws: true },
      '/widget': target,
      '/demo': target,
    },
  },
});
