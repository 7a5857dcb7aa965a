import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: resolve(__dirname, '..'),
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // A stray import of 'electron' must fail loudly instead of downloading a binary.
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' },
    pool: 'forks',
    globalSetup: [resolve(__dirname, 'setup/global.ts')],
  },
});
