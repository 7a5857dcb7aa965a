/**
 * Autosave: every change is saved within a second (400 ms after the last keystroke), one save at a
 * time, and at once when the window loses focus, is hidden or closed, or the clerk moves on.
 * There is no save button to forget; a failed save is shown and retried on the next change.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ReportDocument } from '../../../core/document/types';
import type { Result } from '../../../core/result';
import { isDesktop } from '../api';
import type { EditorStore } from './store';

export const AUTOSAVE_DELAY_MS = 400;

export type SaveStatus =
  | { readonly kind: 'saved'; readonly at: string }
  | { readonly kind: 'dirty' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'error'; readonly message: string };

type SaveFn = (doc: ReportDocument) => Promise<Result<{ readonly savedAt: string }>>;

/**
 * One report's saves. Its status lives here (not in React state of the editor), so a save
 * re-renders only the indicator.
 */
export class Saver {
  private pending: ReportDocument | null = null;
  private running: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ok = true;
  private current: SaveStatus;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly save: SaveFn,
    savedAt: string,
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
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
  }

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

/**
 * Save the store's document whenever it changes (revision > 0: not right after loading). Watched
 * outside React; a keystroke only schedules the save (nothing is serialised until the timer fires).
 */
export function useAutosave(save: SaveFn, store: EditorStore, savedAt: string): Saver {
  const saver = useMemo(() => new Saver(save, savedAt), [save]); // savedAt: initial status only

  useEffect(() => {
    let last = store.getState().doc;
    return store.subscribe(() => {
      const { doc, revision } = store.getState();
      if (doc === last) return;
      last = doc;
      if (revision > 0) saver.schedule(doc);
    });
  }, [saver, store]);

  useEffect(() => {
    const flush = (): void => void saver.flush();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    // Closing the desktop window with a change not yet saved: hold the close, save, then close.
    // (In a plain browser the save is only started: a browser would ask “leave the page?”.)
    const beforeUnload = (e: BeforeUnloadEvent): void => {
      if (!saver.dirty) return;
      if (isDesktop()) {
        e.preventDefault();
        e.returnValue = '';
        void saver.flush().then((saved) => saved && window.close());
      } else flush();
    };
    window.addEventListener('blur', flush);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
      flush(); // leaving the editor
    };
  }, [saver]);

  return saver;
}

export const useSaveStatus = (saver: Saver): SaveStatus => useSyncExternalStore(saver.subscribe, saver.getStatus);
