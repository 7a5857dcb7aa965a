/**
 * What electron-vite built (test/setup/global.ts builds before the tests): a sandbox-ready
 * preload and a CommonJS main with the ESM-only settings store bundled in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const out = resolve(__dirname, '../../out');
const requires = (code: string): string[] => [...new Set([...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))].sort();

describe.skipIf(!existsSync(resolve(out, 'preload/index.js')))('build output', () => {
  it('the preload is one CommonJS file that requires only electron', () => {
    const code = readFileSync(resolve(out, 'preload/index.js'), 'utf8');
    expect(requires(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld("api"');
  });

  it('main bundles electron-store and conf (ESM-only) and loads the built preload and renderer', () => {
    const code = readFileSync(resolve(out, 'main/index.js'), 'utf8');
    const deps = requires(code);
    expect(deps).toContain('electron');
    expect(deps).not.toContain('electron-store');
    expect(deps).not.toContain('conf');
    expect(code).toContain('../preload/index.js');
    expect(code).toContain('../renderer/index.html');
  });
});
