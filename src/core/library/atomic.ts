/**
 * Atomic file replacement: a unique temp file in the same directory, written and fsynced, then
 * renamed over the target. A reader (or a crash) sees the old file or the new one, never half.
 */
import { defaultSleep, errorCode, type FileSystem, randomId } from './ports';

/** Rename errors Windows raises while an antivirus or indexer holds the file for a moment. */
const TRANSIENT = new Set(['EPERM', 'EBUSY', 'EACCES', 'EAGAIN']);
/** Backoff between rename attempts, in ms (about 1.3 s in all). */
const BACKOFF = [10, 20, 40, 80, 160, 320, 640];

export interface AtomicWriteOptions {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly tempSuffix?: () => string;
}

/** Temp files end in `.tmp`; the library removes stray ones when it opens. */
export const TEMP_SUFFIX = '.tmp';
export const isTempFile = (name: string): boolean => /\.[a-z0-9]{4,32}\.tmp$/.test(name);

export async function removeQuietly(fs: FileSystem, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch {
    // already gone, or not removable: nothing to do
  }
}

export async function renameWithRetry(fs: FileSystem, from: string, to: string, sleep = defaultSleep): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const code = errorCode(e);
      if (!code || !TRANSIENT.has(code) || attempt >= BACKOFF.length) throw e;
      await sleep(BACKOFF[attempt]!);
    }
  }
}

/**
 * Where the EXDEV fallback keeps the new data while it writes in place: a name of its own, never
 * `<path>.bak` (a user's backup of the previous file may be there: files.ts).
 */
export const fallbackPath = (path: string): string => `${path}.writing`;

/**
 * Replace `path` with `data` atomically. On EXDEV (a rename the file system refuses, as in
 * Windows' virtualised app folders) the data is first written durably to `<path>.writing`, then
 * in place; the library recovers from it if the in-place write is interrupted.
 */
export async function writeFileAtomic(fs: FileSystem, path: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const sleep = options.sleep ?? defaultSleep;
  const tmp = `${path}.${(options.tempSuffix ?? (() => randomId(8)))()}${TEMP_SUFFIX}`;
  try {
    await fs.writeFile(tmp, data, { exclusive: true });
    await renameWithRetry(fs, tmp, path, sleep);
  } catch (e) {
    if (errorCode(e) === 'EXDEV') {
      await removeQuietly(fs, tmp);
      const pending = fallbackPath(path);
      await fs.writeFile(pending, data);
      await fs.writeFile(path, data);
      await removeQuietly(fs, pending);
      return;
    }
    await removeQuietly(fs, tmp);
    throw e;
  }
  if (fs.syncParent) {
    try {
      await fs.syncParent(path);
    } catch {
      // not supported everywhere (Windows): the rename itself is what matters
    }
  }
}
