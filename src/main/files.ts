/**
 * Writing files the clerk chose (exports, copies): atomic, and an existing file is first copied
 * to `<name>.bak`. Reading files the clerk chose, with a size limit.
 */
import { basename } from 'node:path';
import { writeFileAtomic } from '../core/library/atomic';
import { describeFsError } from '../core/library/messages';
import { errorCode, type FileSystem } from '../core/library/ports';
import { fail, ok, type Result } from '../core/result';

/** A default file name that every file system accepts (the unit name may hold / or :). */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/[. ]+$/, '')
    .trim();
  return (cleaned || '年报').slice(0, 150);
}

/** Add the extension when the dialog returned a name without it. */
export function withExtension(path: string, ext: string): string {
  return path.toLowerCase().endsWith(`.${ext}`) ? path : `${path}.${ext}`;
}

export async function writeUserFile(fs: FileSystem, path: string, data: Uint8Array): Promise<Result<string>> {
  const name = basename(path);
  try {
    let existing: Uint8Array | undefined;
    try {
      existing = await fs.readFile(path);
    } catch (e) {
      if (errorCode(e) !== 'ENOENT') throw e;
    }
    if (existing !== undefined) await writeFileAtomic(fs, `${path}.bak`, existing);
    await writeFileAtomic(fs, path, data);
    return ok(path);
  } catch (e) {
    return fail('write-failed', `无法保存“${name}”：${describeFsError(e, '文件')}`);
  }
}

export async function readUserFile(fs: FileSystem, path: string, maxBytes: number): Promise<Result<Uint8Array>> {
  const name = basename(path);
  try {
    const st = await fs.stat(path);
    if (st.isDirectory) return fail('not-a-file', `“${name}”是一个文件夹，请选择文件。`);
    if (st.size > maxBytes) {
      return fail('too-large', `“${name}”太大（${(st.size / 1024 / 1024).toFixed(1)} MB），不像是报告文件，请确认选择了正确的文件。`);
    }
    return ok(await fs.readFile(path));
  } catch (e) {
    return fail('read-failed', `无法读取“${name}”：${describeFsError(e, '文件')}`);
  }
}
