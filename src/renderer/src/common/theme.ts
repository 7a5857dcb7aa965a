/** The UI font stack: Windows, macOS, then Linux CJK fonts. */
export const UI_FONT =
  '"Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", -apple-system, "Segoe UI", sans-serif';

export const COLORS = {
  error: '#d4380d',
  warning: '#d48806',
  ok: '#389e0d',
  muted: '#8c8c8c',
} as const;
