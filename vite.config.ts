import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { initialJsSizeReport } from './scripts/vite-size-report.mjs';

// The web app: index.html at the project root, sources in src/web, built into dist/web (served by the API server).
export default defineConfig({
  plugins: [react(), initialJsSizeReport({ budgetKb: 250 })],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The polyfill would be an inline script, which the CSP (script-src 'self') forbids.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
