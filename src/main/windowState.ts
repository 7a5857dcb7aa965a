/**
 * Where the window opens: the remembered bounds when they are still on a screen, else a
 * sensible size centred on the primary screen.
 */
import type { WindowState } from './settings';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Placement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

const DEFAULT_SIZE = { width: 1360, height: 860 };
/** At least this much of the title bar area must be visible to reuse a position. */
const MIN_VISIBLE = { width: 120, height: 60 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** `workAreas[0]` is the primary screen's work area. */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): Placement {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const fit = (w: number, h: number, area: Rect): { width: number; height: number } => ({
    width: Math.max(640, Math.min(w, area.width)),
    height: Math.max(480, Math.min(h, area.height)),
  });
  if (!saved) return { ...fit(DEFAULT_SIZE.width, DEFAULT_SIZE.height, primary), maximized: false };
  if (saved.x !== undefined && saved.y !== undefined) {
    const rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
    const titleBar = { x: rect.x, y: rect.y, width: rect.width, height: Math.min(rect.height, 80) };
    const area = workAreas.find((a) => {
      const o = overlap(titleBar, a);
      return o.width >= MIN_VISIBLE.width && o.height >= Math.min(MIN_VISIBLE.height, titleBar.height);
    });
    if (area) return { x: saved.x, y: saved.y, ...fit(saved.width, saved.height, area), maximized: saved.maximized };
  }
  return { ...fit(saved.width, saved.height, primary), maximized: saved.maximized };
}
