/**
 * Version ids and the history thinning policy (pure functions).
 *
 * A version id is the UTC save time as the computer's clock gave it, `20240314T063200123Z`, with
 * `-001`, `-002`… when two versions share a millisecond, and the write order: `_000000042`, one
 * more than the last version written of the report. As plain strings ids sort by the clock's time
 * (what the history shows and thins by); compareWriteOrder sorts them in the order written, which
 * recovery trusts: on an old PC whose clock lost its date (a flat CMOS battery) or was put back,
 * the time alone would take an older version for the newest. Ids without the write order (older
 * libraries) count as written before every id that has one.
 */

export const HOUR_MS = 60 * 60 * 1000;

export const VERSION_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z(?:-(\d{3}))?(?:_(\d{9}))?$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The highest sequence number a version id holds (three digits). */
export const MAX_SEQ = 999;

export function versionIdAt(ms: number, seq = 0, order?: number): string {
  const d = new Date(ms);
  const base =
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}Z`;
  // With a write order the sequence is always written (-000), so ids of one millisecond still
  // sort by it as strings.
  if (order !== undefined) return `${base}-${pad(Math.min(seq, MAX_SEQ), 3)}_${pad(order, 9)}`;
  return seq > 0 ? `${base}-${pad(Math.min(seq, MAX_SEQ), 3)}` : base;
}

/** The write order of a version id, or undefined for an id written before ids had one. */
export function versionOrder(id: string): number | undefined {
  const m = VERSION_ID.exec(id)?.[9];
  return m === undefined ? undefined : Number(m);
}

interface Keyed {
  readonly id: string;
  /** -1 for an id without a write order: written before every id that has one. */
  readonly order: number;
}
const keyed = (id: string): Keyed => ({ id, order: versionOrder(id) ?? -1 });
const compareKeyed = (a: Keyed, b: Keyed): number => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Oldest written first: by write order, then (ids without one) by time and sequence. */
export const compareWriteOrder = (a: string, b: string): number => compareKeyed(keyed(a), keyed(b));

/** The ids sorted oldest written first (compareWriteOrder), each id parsed once. */
export const byWriteOrder = (ids: readonly string[]): string[] => ids.map(keyed).sort(compareKeyed).map((x) => x.id);

/** The same-millisecond sequence number of a version id (0 when it has none). */
export function versionSeq(id: string): number {
  return Number(VERSION_ID.exec(id)?.[8] ?? 0);
}

/** Save time of a version id (ms), or undefined when the name is not a version id. */
export function versionTime(id: string): number | undefined {
  const m = VERSION_ID.exec(id);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  // Only canonical ids (no 30 February that Date.UTC would roll over into March).
  return Number.isFinite(t) && id.startsWith(versionIdAt(t)) ? t : undefined;
}

/** Local calendar day of a time, as the clerk's days run. */
export const localDay = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
};

export interface ThinningPolicy {
  /** Every version younger than this is kept (default one hour). */
  readonly recentMs?: number;
  /** The day a time belongs to (default: local calendar day). */
  readonly dayOf?: (ms: number) => string;
}

/**
 * The version ids to remove: every version saved within the recent window stays; of the older
 * ones, the last written of each day (the clock's day) stays. So at least one version of every
 * day is kept, always the newest one, and nothing recent is thinned. (The library also keeps the
 * version written last, whatever its time.)
 */
export function versionsToPrune(ids: readonly string[], nowMs: number, policy: ThinningPolicy = {}): string[] {
  const recentMs = policy.recentMs ?? HOUR_MS;
  const dayOf = policy.dayOf ?? localDay;
  const lastOfDay = new Map<string, string>();
  const older: string[] = [];
  for (const id of ids) {
    const t = versionTime(id);
    if (t === undefined) continue; // not ours: never touched
    if (nowMs - t < recentMs) continue;
    older.push(id);
    const day = dayOf(t);
    const cur = lastOfDay.get(day);
    // The day's version written last (its final text), even if the clock was wrong that day.
    if (cur === undefined || compareWriteOrder(id, cur) > 0) lastOfDay.set(day, id);
  }
  const keep = new Set(lastOfDay.values());
  return older.filter((id) => !keep.has(id));
}
