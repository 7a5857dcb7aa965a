import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The dev server (`npm start`) injects React's fast-refresh preamble as an inline script, which the
 * strict Content-Security-Policy of index.html forbids. Relax script-src for the dev server only;
 * the built app keeps the strict policy.
 */
const devCsp = (): Plugin => ({
  name: 'nianbao-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
});

export default defineConfig({
  main: {
    // electron-store and conf are ESM-only: bundle them into the CommonJS main.
    build: { externalizeDeps: { exclude: ['electron-store', 'conf'] } },
  },
  preload: {
    // A sandboxed preload must be one self-contained CommonJS file.
    build: { externalizeDeps: false },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
      // Old office PCs: ship less JavaScript (electron-vite does not minify by default).
      minify: true,
      chunkSizeWarningLimit: 1500,
    },
    plugins: [react(), devCsp()],
  },
});
