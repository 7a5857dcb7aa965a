/**
 * Dates as a clerk reads them: 2025年3月31日, 14:32, days left before a deadline.
 */
import { publicationDeadline, type UnitKind } from '../../../core/format';

const pad = (n: number): string => String(n).padStart(2, '0');

/** 14:32 */
export const clockTime = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** 2025-03-31 14:32 */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime(d)}`;
}

/**
 * The reporting year a clerk most likely means now: reports are written from December to March
 * for the year just ended (or ending).
 */
export function defaultReportYear(now = new Date()): number {
  return now.getMonth() >= 10 ? now.getFullYear() : now.getFullYear() - 1;
}

export interface DeadlineInfo {
  /** 2025年3月31日 */
  readonly text: string;
  /** Whole days from today to the deadline (negative: overdue). */
  readonly daysLeft: number;
}

export function deadlineInfo(kind: UnitKind, year: number, now = new Date()): DeadlineInfo | null {
  const d = publicationDeadline(kind, year);
  if (!d) return null;
  const due = Date.UTC(d.year, d.month - 1, d.day);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return { text: `${d.year}年${d.month}月${d.day}日`, daysLeft: Math.round((due - today) / 86_400_000) };
}

/** 还有12天 / 今天到期 / 已超过3天 */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `还有${daysLeft}天`;
  if (daysLeft === 0) return '今天到期';
  return `已超过${-daysLeft}天`;
}
