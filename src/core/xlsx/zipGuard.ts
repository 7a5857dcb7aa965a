/**
 * Checks a .xlsx (a ZIP archive) before any spreadsheet library unpacks it: its size, the
 * declared sizes and count of the entries in the central directory, the compression ratio, and —
 * because a header can lie — the size every entry really inflates to, counted while streaming
 * and stopped as soon as it exceeds what was declared. Pure TypeScript over web-standard APIs.
 */
import { fail, ok, type Result } from '../result';

export interface ZipLimits {
  /** Largest accepted file. */
  readonly maxFileBytes: number;
  /** Largest accepted sum of the entries' uncompressed sizes. */
  readonly maxUncompressedBytes: number;
  readonly maxEntries: number;
  /** Largest accepted uncompressed/compressed ratio of an entry above `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const XLSX_LIMITS: ZipLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxEntries: 2000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** Deflate cannot expand data more than about 1032-fold (258 bytes from one 2-bit code). */
const DEFLATE_MAX_RATIO = 1100;

interface Entry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** Megabytes for a message: “50” for a round number, else one decimal (“10.0” just above 10 MB). */
const MB = (n: number): string => (n % (1024 * 1024) === 0 ? String(n / 1024 / 1024) : (n / 1024 / 1024).toFixed(1));

const DAMAGED = '工作簿文件已损坏（压缩包结构不完整），无法读取。请重新导出或从原处重新获取文件。';
const NOT_XLSX = '所选文件不是Excel工作簿（.xlsx），或文件已损坏。年报助手只能导入它自己导出的.xlsx工作簿。';
const OLE =
  '所选文件是旧版Excel（.xls）文件或设置了打开密码的工作簿，无法导入。请在Excel或WPS中取消打开密码、另存为.xlsx格式后再导入。';

const bomb = (why: string): Result<never> =>
  fail('zip-bomb', `工作簿解压后的内容异常（${why}），可能是恶意构造的文件，已拒绝导入。`);

const damaged = (): Result<never> => fail('damaged', DAMAGED);

function findEndOfCentralDirectory(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

/** A 64-bit little-endian integer that must fit in a safe JS number. */
function u64(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  return hi * 0x1_0000_0000 + lo;
}

function readCentralDirectory(view: DataView, limits: ZipLimits): Result<Entry[]> {
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return damaged();
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits right before the end record.
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50) return damaged();
    const rec = u64(view, loc + 8);
    if (rec + 56 > view.byteLength || view.getUint32(rec, true) !== 0x06064b50) return damaged();
    count = u64(view, rec + 32);
    cdSize = u64(view, rec + 40);
    cdOffset = u64(view, rec + 48);
  }
  if (count > limits.maxEntries) return bomb(`包含${count}个文件，上限${limits.maxEntries}个`);
  if (cdOffset + cdSize > view.byteLength) return damaged();

  const entries: Entry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== 0x02014b50) return damaged();
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > view.byteLength) return damaged();
    const name = decoder.decode(new Uint8Array(view.buffer, view.byteOffset + p + 46, nameLen));
    // ZIP64 extended sizes: present, in this order, for each 32-bit field that is all ones.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        const qEnd = Math.min(q + len, xEnd);
        if (size === 0xffffffff && q + 8 <= qEnd) {
          size = u64(view, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= qEnd) {
          compressedSize = u64(view, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= qEnd) localOffset = u64(view, q);
      }
      x += 4 + len;
    }
    entries.push({ name, flags, method, compressedSize, size, localOffset });
    p = end;
  }
  return ok(entries);
}

/** Inflate a raw-deflate stream, counting bytes; 'over' as soon as it exceeds `limit`. */
async function inflatedSizeWithin(data: Uint8Array, limit: number): Promise<number | 'over'> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return 'over';
    }
  }
}

/**
 * Is this plausibly a .xlsx we may hand to a spreadsheet library? Refuses (with a Chinese message)
 * empty, oversized, non-ZIP, encrypted, damaged and bomb-like files.
 */
export async function checkZip(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): Promise<Result<void>> {
  if (bytes.byteLength === 0) return fail('empty', '文件是空的（0字节），不是Excel工作簿。');
  if (bytes.byteLength > limits.maxFileBytes) {
    return fail(
      'too-large',
      `文件过大（${MB(bytes.byteLength)} MB）。年报助手导出的工作簿通常不到1 MB，超过${MB(limits.maxFileBytes)} MB的文件不予导入，请确认选择了正确的文件。`,
    );
  }
  if (bytes.byteLength >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return fail('ole', OLE);
  }
  if (bytes.byteLength < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    return fail('not-xlsx', NOT_XLSX);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cd = readCentralDirectory(view, limits);
  if (!cd.ok) return cd;
  const entries = cd.value;

  let declared = 0;
  for (const e of entries) {
    if (e.flags & 0x1) return fail('encrypted', OLE);
    declared += e.size;
    if (declared > limits.maxUncompressedBytes) {
      return bomb(`声明解压后超过${MB(limits.maxUncompressedBytes)} MB`);
    }
    if (e.size > limits.ratioFloorBytes && e.size / Math.max(1, e.compressedSize) > limits.maxRatio) {
      return bomb(`“${e.name}”的压缩比达${Math.round(e.size / Math.max(1, e.compressedSize))}倍`);
    }
  }

  // The declared sizes may lie. Deflate expands at most ~1032-fold, so when even the worst case
  // of every entry stays within the budget (any workbook under ~45 KB), lying cannot hurt;
  // otherwise inflate every entry, stopping as soon as it exceeds its declared size.
  const worstCase = entries.reduce((sum, e) => sum + (e.method === 0 ? e.compressedSize : e.compressedSize * DEFLATE_MAX_RATIO + 1024), 0);
  if (worstCase <= limits.maxUncompressedBytes) return ok(undefined);
  for (const e of entries) {
    const h = e.localOffset;
    if (h + 30 > view.byteLength || view.getUint32(h, true) !== 0x04034b50) return damaged();
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    const end = start + e.compressedSize;
    if (end > view.byteLength) return damaged();
    if (e.method === 0) {
      if (e.compressedSize !== e.size) return damaged();
      continue;
    }
    if (e.method !== 8) return fail('unsupported', '工作簿使用了不支持的压缩方式，无法读取。请在Excel或WPS中另存为.xlsx后再导入。');
    let actual: number | 'over';
    try {
      actual = await inflatedSizeWithin(bytes.subarray(start, end), e.size);
    } catch {
      return damaged();
    }
    if (actual === 'over') return bomb(`“${e.name}”解压后超过其声明的大小`);
    if (actual !== e.size) return damaged();
  }
  return ok(undefined);
}
