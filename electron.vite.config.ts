import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

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
      chunkSizeWarningLimit: 1500,
    },
    plugins: [react()],
  },
});
