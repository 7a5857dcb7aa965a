/**
 * File access for the command line: bounded reads and atomic writes that keep a backup of any
 * file they replace.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../core/result';

export function readBytes(path: string, maxBytes: number): Result<Uint8Array> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return fail('not-file', `“${path}”不是文件。`);
    size = st.size;
  } catch {
    return fail('not-found', `找不到文件“${path}”。`);
  }
  if (size > maxBytes) {
    return fail('too-large', `文件“${basename(path)}”过大（${(size / 1024 / 1024).toFixed(1)} MB），不应超过${(maxBytes / 1024 / 1024).toFixed(0)} MB。`);
  }
  try {
    return ok(new Uint8Array(readFileSync(path)));
  } catch (e) {
    return fail('read-failed', `无法读取文件“${path}”：${(e as Error).message}`);
  }
}

export function readText(path: string, maxBytes: number): Result<string> {
  const r = readBytes(path, maxBytes);
  if (!r.ok) return r;
  return ok(new TextDecoder('utf-8').decode(r.value));
}

/** A backup name that is not taken yet: <name>.<YYYYMMDD-HHMMSS>.bak, numbered if needed. */
function freeBackupName(path: string): string {
  const d = new Date();
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p2(d.getMonth() + 1)}${p2(d.getDate())}-${p2(d.getHours())}${p2(d.getMinutes())}${p2(d.getSeconds())}`;
  let name = `${path}.${stamp}.bak`;
  for (let i = 2; existsSync(name); i++) name = `${path}.${stamp}-${i}.bak`;
  return name;
}

/**
 * Write a file atomically (temp file in the same folder, fsync, rename). An existing file is
 * first copied to its own backup, <name>.<time>.bak, so no earlier version is ever lost.
 * Returns the backup path when one was made.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): Result<{ backup?: string }> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let backup: string | undefined;
  try {
    if (existsSync(path)) {
      backup = freeBackupName(path);
      copyFileSync(path, backup);
    }
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return ok(backup ? { backup } : {});
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file was never created
    }
    return fail('write-failed', `无法写入文件“${path}”：${(e as Error).message}`);
  }
}
