/**
 * Schema migrations: pure functions from one schemaVersion to the next. A file written by an
 * older version is migrated step by step on read; a file from a newer version is refused.
 */
import { fail, ok, type Result } from '../result';
import { CURRENT_SCHEMA_VERSION } from './types';

type Raw = Readonly<Record<string, unknown>>;

/** A value for a message; String() throws on objects such as {"toString": ""} read from JSON. */
const shown = (v: unknown): string => (v !== null && typeof v === 'object' ? (Array.isArray(v) ? '数组' : '对象') : String(v));

/** `MIGRATIONS[n]` turns a version-n document into a version-(n+1) document. */
export const MIGRATIONS: Readonly<Record<number, (doc: Raw) => Raw>> = {};

export function migrate(doc: Raw): Result<Raw> {
  const v = doc.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    return fail('bad-version', `报告文件的版本号(schemaVersion)不正确：应为正整数，实际为“${shown(v)}”。`);
  }
  if (v > CURRENT_SCHEMA_VERSION) {
    return fail(
      'newer-version',
      `此报告文件由更新版本的年报助手保存（文件版本${v}，本软件支持到版本${CURRENT_SCHEMA_VERSION}），请升级年报助手后再打开。`,
    );
  }
  let cur: Raw = doc;
  for (let n = v; n < CURRENT_SCHEMA_VERSION; n++) {
    const step = MIGRATIONS[n];
    if (!step) return fail('no-migration', `无法升级版本${n}的报告文件。`);
    cur = { ...step(cur), schemaVersion: n + 1 };
  }
  return ok(cur);
}
