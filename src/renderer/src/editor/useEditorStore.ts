/** React's view of the editor's store (store.ts). */
import { useRef, useSyncExternalStore } from 'react';
import type { EditorState } from './state';
import type { Derived, EditorStore } from './store';

/** Subscribe to a slice of the store; the selector must return a value that keeps its identity while unchanged. */
export function useEditorStore<T>(store: EditorStore, select: (s: EditorState, d: Derived) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState(), store.getDerived()));
}

const sameFields = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean => {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.is(a[k], b[k])) return false;
  return true;
};

/**
 * Several values of the store in one subscription: `select` returns a record of them (each
 * keeping its identity while unchanged), and the same record object comes back while every field
 * is the same, so the component re-renders only when one of them changed. Every subscription is
 * called on every change of the store — on every keystroke in a table — so a component takes one
 * rather than one per value.
 */
export function useEditorSlice<T extends Readonly<Record<string, unknown>>>(store: EditorStore, select: (s: EditorState, d: Derived) => T): T {
  const last = useRef<T | null>(null);
  return useSyncExternalStore(store.subscribe, () => {
    const next = select(store.getState(), store.getDerived());
    const prev = last.current;
    if (prev !== null && sameFields(prev, next)) return prev;
    last.current = next;
    return next;
  });
}
