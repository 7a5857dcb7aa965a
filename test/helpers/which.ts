import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The first of `names` found on PATH (or given as an absolute path that exists), else null. */
export function which(...names: string[]): string | null {
  for (const name of names) {
    if (name.startsWith('/')) {
      if (existsSync(name)) return name;
      continue;
    }
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    const found = r.stdout.trim();
    if (r.status === 0 && found) return found;
  }
  return null;
}
