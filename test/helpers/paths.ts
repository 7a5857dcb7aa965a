/**
 * Paths the tests share: the repository root, the shared spec folder beside the clone, fixtures,
 * and the command-line entry point.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** shared/spec lives beside the clone (CI checks it out next to the repository). */
export const specDir = resolve(repoRoot, '../shared/spec');

export const specPath = (name: string): string => resolve(specDir, name);
export const readSpec = (name: string): string => readFileSync(specPath(name), 'utf8');

export const fixturePath = (name: string): string => resolve(repoRoot, 'test/fixtures', name);
export const readFixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');

/** The real 集贤县人民政府 2024 report, as the app stores it. */
export const SEED = fixturePath('seed-2024.json');

export const cliBin = resolve(repoRoot, 'bin/nianbao.js');
