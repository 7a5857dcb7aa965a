/**
 * An in-memory FileSystem for tests and the browser build: POSIX-like semantics (rename replaces,
 * directories must exist), '/'-separated paths, and hooks to inject faults and delays.
 */
import type { Clock, FileInfo, FileSystem } from './ports';

export type FsOperation = 'readFile' | 'writeFile' | 'rename' | 'unlink' | 'readdir' | 'mkdir' | 'rmdir' | 'stat';

export interface MemoryFsOptions {
  readonly clock?: Clock;
  /** Called before every operation: return an error code to make it fail with that code. */
  readonly fault?: (op: FsOperation, path: string, to?: string) => string | undefined;
  /** Awaited before every operation, to let other work interleave. */
  readonly delay?: (op: FsOperation, path: string) => Promise<void>;
}

export interface MemoryFileSystem extends FileSystem {
  /** Every file and its bytes (for assertions). */
  files(): ReadonlyMap<string, Uint8Array>;
  /** Every directory. */
  dirs(): ReadonlySet<string>;
  /** Put a file in place directly, creating its directories (test setup). */
  put(path: string, data: Uint8Array | string, mtimeMs?: number): void;
  /** Number of writeFile calls so far. */
  writes(): number;
}

class FsError extends Error {
  constructor(
    readonly code: string,
    op: string,
    path: string,
  ) {
    super(`${code}: ${op} '${path}'`);
  }
}

const normalize = (p: string): string => {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
};
const parentOf = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';
const nameOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

export function createMemoryFileSystem(options: MemoryFsOptions = {}): MemoryFileSystem {
  const now = (): number => (options.clock ?? { now: () => Date.now() }).now();
  const files = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  const dirs = new Map<string, number>([['/', now()]]);
  let writeCount = 0;

  async function before(op: FsOperation, path: string, to?: string): Promise<void> {
    if (options.delay) await options.delay(op, path);
    const code = options.fault?.(op, path, to);
    if (code) throw new FsError(code, op, path);
  }
  const needDir = (op: string, dir: string): void => {
    if (!dirs.has(dir)) throw new FsError('ENOENT', op, dir);
  };
  const mkdirs = (dir: string): void => {
    if (dirs.has(dir)) return;
    if (files.has(dir)) throw new FsError('EEXIST', 'mkdir', dir);
    if (dir !== '/') mkdirs(parentOf(dir));
    dirs.set(dir, now());
  };

  return {
    join: (...parts) => normalize(parts.join('/')),

    async readFile(path) {
      const p = normalize(path);
      await before('readFile', p);
      const f = files.get(p);
      if (!f) throw new FsError(dirs.has(p) ? 'EISDIR' : 'ENOENT', 'open', p);
      return f.data.slice();
    },

    async writeFile(path, data, opts) {
      const p = normalize(path);
      await before('writeFile', p);
      needDir('open', parentOf(p));
      if (dirs.has(p)) throw new FsError('EISDIR', 'open', p);
      if (opts?.exclusive && files.has(p)) throw new FsError('EEXIST', 'open', p);
      writeCount++;
      files.set(p, { data: data.slice(), mtimeMs: now() });
    },

    async rename(from, to) {
      const a = normalize(from);
      const b = normalize(to);
      await before('rename', a, b);
      needDir('rename', parentOf(b));
      const f = files.get(a);
      if (f) {
        if (dirs.has(b)) throw new FsError('EISDIR', 'rename', b);
        files.delete(a);
        files.set(b, f);
        return;
      }
      if (!dirs.has(a)) throw new FsError('ENOENT', 'rename', a);
      if (files.has(b)) throw new FsError('ENOTDIR', 'rename', b);
      if (dirs.has(b)) {
        const empty = ![...files.keys(), ...dirs.keys()].some((k) => k.startsWith(`${b}/`));
        if (!empty) throw new FsError('ENOTEMPTY', 'rename', b);
      }
      const moveKey = (k: string): string => (k === a ? b : `${b}${k.slice(a.length)}`);
      for (const [k, v] of [...files]) {
        if (!k.startsWith(`${a}/`)) continue;
        files.delete(k);
        files.set(moveKey(k), v);
      }
      for (const [k, v] of [...dirs]) {
        if (k !== a && !k.startsWith(`${a}/`)) continue;
        dirs.delete(k);
        dirs.set(moveKey(k), v);
      }
    },

    async unlink(path) {
      const p = normalize(path);
      await before('unlink', p);
      if (!files.delete(p)) throw new FsError(dirs.has(p) ? 'EISDIR' : 'ENOENT', 'unlink', p);
    },

    async readdir(path) {
      const p = normalize(path);
      await before('readdir', p);
      if (!dirs.has(p)) throw new FsError(files.has(p) ? 'ENOTDIR' : 'ENOENT', 'scandir', p);
      const names = new Set<string>();
      for (const k of [...files.keys(), ...dirs.keys()]) if (k !== p && parentOf(k) === p) names.add(nameOf(k));
      return [...names].sort();
    },

    async mkdir(path) {
      const p = normalize(path);
      await before('mkdir', p);
      mkdirs(p);
    },

    async rmdir(path) {
      const p = normalize(path);
      await before('rmdir', p);
      if (!dirs.has(p)) throw new FsError('ENOENT', 'rmdir', p);
      if ([...files.keys(), ...dirs.keys()].some((k) => k.startsWith(`${p}/`))) throw new FsError('ENOTEMPTY', 'rmdir', p);
      dirs.delete(p);
    },

    async stat(path): Promise<FileInfo> {
      const p = normalize(path);
      await before('stat', p);
      const f = files.get(p);
      if (f) return { size: f.data.length, mtimeMs: f.mtimeMs, isDirectory: false };
      const d = dirs.get(p);
      if (d !== undefined) return { size: 0, mtimeMs: d, isDirectory: true };
      throw new FsError('ENOENT', 'stat', p);
    },

    files: () => new Map([...files].map(([k, v]) => [k, v.data])),
    dirs: () => new Set(dirs.keys()),
    put(path, data, mtimeMs) {
      const p = normalize(path);
      mkdirs(parentOf(p));
      files.set(p, { data: typeof data === 'string' ? new TextEncoder().encode(data) : data.slice(), mtimeMs: mtimeMs ?? now() });
    },
    writes: () => writeCount,
  };
}
