/**
 * Chinese sentences about files, for the clerk: what went wrong and what to do.
 */
import { errorCode } from './ports';

/** One plain sentence for a file-system error (no English system text). */
export function describeFsError(e: unknown, what = '文件'): string {
  switch (errorCode(e)) {
    case 'ENOSPC':
      return `磁盘空间不足，无法保存${what}。请清理磁盘后重试。`;
    case 'EDQUOT':
      return `磁盘配额已用完，无法保存${what}。`;
    case 'EROFS':
      return `${what}所在的位置是只读的，无法写入。请换一个位置。`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限写入${what}，或${what}正被其他程序（如杀毒软件、Word、WPS）占用。请稍后重试或换一个位置。`;
    case 'EBUSY':
      return `${what}正被其他程序占用。请关闭占用它的程序后重试。`;
    case 'ENOENT':
      return `找不到${what}，它可能已被移动或删除。`;
    case 'EMFILE':
    case 'ENFILE':
      return `同时打开的文件过多，请稍后重试。`;
    case 'EIO':
      return `读写磁盘时出错（可能是U盘或磁盘故障），${what}未能保存。`;
    default:
      return `处理${what}时出错，请重试。`;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A time as the clerk reads it: "14:32" today, "3月14日 14:32" this year, else with the year. */
export function formatWhen(ms: number, nowMs: number): string {
  const d = new Date(ms);
  const now = new Date(nowMs);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (d.getFullYear() !== now.getFullYear()) return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
  if (d.getMonth() !== now.getMonth() || d.getDate() !== now.getDate()) return `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
  return hm;
}

/** Local-time stamp for file names: 20240314-143200. */
export function fileStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
