/**
 * The autosave policy, with no DOM or React: every change is saved within a second — 400 ms after
 * the last keystroke, and while the clerk keeps typing, no later than 800 ms after the first change
 * not yet saved, in the next idle period (at most SAVE_IDLE_TIMEOUT_MS later) — one save at a time,
 * the newest document winning; a failed save stays pending and is retried. (autosave.ts wires it
 * to the editor and the window.)
 */
import type { ReportDocument } from '../../../core/document/types';
import type { Result } from '../../../core/result';

export const AUTOSAVE_DELAY_MS = 400;
/** Continuous typing does not postpone a save beyond this (the debounce alone would). */
export const AUTOSAVE_MAX_WAIT_MS = 800;

export type SaveStatus =
  | { readonly kind: 'saved'; readonly at: string }
  | { readonly kind: 'dirty' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'error'; readonly message: string };

export type SaveFn = (doc: ReportDocument) => Promise<Result<{ readonly savedAt: string }>>;

/**
 * Runs a due save when the page is idle (autosave.ts: requestIdleCallback with a timeout of
 * SAVE_IDLE_TIMEOUT_MS), so that the save's work — handing the document over, in the browser
 * version also checking and storing it — runs after a frame rather than when the clerk's next
 * keystroke arrives. Without it a due save starts at once.
 */
export type WhenIdle = (run: () => void) => void;

/** A due save waits at most this long for the page to be idle: still within a second of the change. */
export const SAVE_IDLE_TIMEOUT_MS = 150;

/**
 * One report's saves. Its status lives here (not in React state of the editor), so a save
 * re-renders only the indicator.
 */
export class Saver {
  private pending: ReportDocument | null = null;
  private running: Promise<boolean> | null = null;
  /**
   * One timer, armed by the first change not yet saved; later changes only move `dueAt` (no
   * clearTimeout/setTimeout per keystroke) and the timer, when it fires early, waits the rest.
   */
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first change not yet saved was made (the max-wait counts from it). */
  private firstAt = 0;
  /** When the pending change is due to be saved. */
  private dueAt = 0;
  private ok = true;
  private current: SaveStatus;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly save: SaveFn,
    savedAt: string,
    private readonly whenIdle: WhenIdle = (run) => run(),
  ) {
    this.current = { kind: 'saved', at: savedAt };
  }

  readonly subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  readonly getStatus = (): SaveStatus => this.current;

  private status(s: SaveStatus): void {
    if (s.kind === this.current.kind && s.kind !== 'saved' && s.kind !== 'error') return;
    this.current = s;
    for (const cb of this.listeners) cb();
  }

  schedule(doc: ReportDocument): void {
    this.pending = doc;
    if (!this.running) this.status({ kind: 'dirty' });
    const now = Date.now();
    if (this.timer === undefined) this.firstAt = now;
    this.dueAt = Math.min(now + AUTOSAVE_DELAY_MS, this.firstAt + AUTOSAVE_MAX_WAIT_MS);
    if (this.timer === undefined) this.timer = setTimeout(this.onTimer, this.dueAt - now);
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    const wait = this.dueAt - Date.now();
    if (wait > 0) this.timer = setTimeout(this.onTimer, wait);
    else this.whenIdle(() => void this.flush());
  };

  get dirty(): boolean {
    return this.pending !== null || this.running !== null;
  }

  /** Save what is pending now; resolves true when everything is saved. */
  flush(): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) return this.running.then(() => (this.pending ? this.flush() : this.ok));
    const doc = this.pending;
    if (!doc) return Promise.resolve(this.ok);
    this.pending = null;
    this.status({ kind: 'saving' });
    const run = this.save({ ...doc, updatedAt: new Date().toISOString() })
      .catch((e: unknown) => ({ ok: false as const, error: { code: 'exception', message: e instanceof Error ? e.message : String(e) } }))
      .then((r): boolean => {
        if (r.ok) {
          this.ok = true;
          if (!this.pending) this.status({ kind: 'saved', at: r.value.savedAt });
        } else {
          this.ok = false;
          this.pending ??= doc;
          this.status({ kind: 'error', message: r.error.message });
        }
        return r.ok;
      });
    this.running = run;
    return run.then((saved) => {
      this.running = null;
      return saved && this.pending ? this.flush() : saved;
    });
  }
}

