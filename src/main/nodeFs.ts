/**
 * The library's FileSystem port on Node's fs. No electron here: the crash test's writer process
 * (test/main/fixtures/writer.ts) runs it under plain Node.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileSystem } from '../core/library/ports';

export const nodeFileSystem: FileSystem = {
  join,
  readFile: async (path) => fsp.readFile(path),
  async writeFile(path, data, options) {
    const handle = await fsp.open(path, options?.exclusive ? 'wx' : 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  readdir: (path) => fsp.readdir(path),
  async mkdir(path) {
    await fsp.mkdir(path, { recursive: true });
  },
  rmdir: (path) => fsp.rmdir(path),
  async stat(path) {
    const s = await fsp.stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory() };
  },
  async syncParent(path) {
    if (process.platform === 'win32') return; // directories cannot be opened for fsync there
    const handle = await fsp.open(dirname(path), 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};
