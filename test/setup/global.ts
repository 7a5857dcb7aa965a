/**
 * Runs once before the tests. Builds the app (renderer bundle for the browser tests) unless
 * NIANBAO_SKIP_BUILD is set, so `npm test` on a fresh checkout tests what ships.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(__dirname, '../..');
  if (process.env.NIANBAO_SKIP_BUILD) return;
  execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' },
  });
}
