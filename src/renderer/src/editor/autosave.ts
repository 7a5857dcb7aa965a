/**
 * Autosave in the editor: the store's document is handed to a Saver (saver.ts: within a second of
 * every change, one save at a time) on every change, and saved at once when the window loses focus,
 * is hidden or closed, or the clerk moves on. There is no save button to forget; a failed save is
 * shown and retried on the next change.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { isDesktop } from '../api';
import type { EditorStore } from './store';
import { Saver, SAVE_IDLE_TIMEOUT_MS, type SaveFn, type WhenIdle } from './saver';

export type { Saver } from './saver';

const whenIdle: WhenIdle = (run) => void requestIdleCallback(run, { timeout: SAVE_IDLE_TIMEOUT_MS });

/**
 * Save the store's document whenever it changes (revision > 0: not right after loading). Watched
 * outside React; a keystroke only schedules the save (nothing is serialised until the timer fires).
 */
export function useAutosave(save: SaveFn, store: EditorStore, savedAt: string): Saver {
  // savedAt: initial status only. A due save runs in an idle period (after a frame), not when the
  // next keystroke comes.
  const saver = useMemo(() => new Saver(save, savedAt, whenIdle), [save]);

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

/** The message of a failed save, or null: changes only when a save fails or the failure ends. */
export const useSaveFailure = (saver: Saver): string | null =>
  useSyncExternalStore(saver.subscribe, () => {
    const s = saver.getStatus();
    return s.kind === 'error' ? s.message : null;
  });
