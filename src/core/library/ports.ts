/**
 * What the report library needs from the outside world, injected so the library stays pure
 * TypeScript: main passes a Node adapter (src/main/nodeFs.ts), tests pass the in-memory one.
 */

export interface FileInfo {
  readonly size: number;
  readonly mtimeMs: number;
  readonly isDirectory: boolean;
}

/**
 * A small file system. Paths are whatever `join` builds. Errors are thrown as Node does: an
 * object with a string `code` ('ENOENT', 'EEXIST', 'EPERM', 'EBUSY', 'EXDEV', …).
 */
export interface FileSystem {
  join(...parts: string[]): string;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Create (or truncate) `path`, write all of `data`, flush it to the disk (fsync) and close it.
   * With `exclusive`, fail with EEXIST when the file already exists.
   */
  writeFile(path: string, data: Uint8Array, options?: { readonly exclusive?: boolean }): Promise<void>;
  /** Replace `to` with `from` in one step (same directory). */
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** Create a directory and its parents; no error when it exists. */
  mkdir(path: string): Promise<void>;
  /** Remove an empty directory. */
  rmdir(path: string): Promise<void>;
  stat(path: string): Promise<FileInfo>;
  /** Best effort: flush the directory holding `path` so a rename survives a power cut. */
  syncParent?(path: string): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The `code` of a thrown file-system error, if any. */
export function errorCode(e: unknown): string | undefined {
  if (e !== null && typeof e === 'object' && 'code' in e) {
    const c = (e as { code?: unknown }).code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

export const isNotFound = (e: unknown): boolean => errorCode(e) === 'ENOENT';

/** Short random file-name-safe id (lowercase letters and digits). */
export function randomId(length = 12): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
