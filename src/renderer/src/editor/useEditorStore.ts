/** React's view of the editor's store (store.ts). */
import { useSyncExternalStore } from 'react';
import type { EditorState } from './state';
import type { Derived, EditorStore } from './store';

/** Subscribe to a slice of the store; the selector must return a value that keeps its identity while unchanged. */
export function useEditorStore<T>(store: EditorStore, select: (s: EditorState, d: Derived) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState(), store.getDerived()));
}
