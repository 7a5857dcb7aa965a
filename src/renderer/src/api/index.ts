/**
 * The one API object the renderer talks to: the preload's `window.api` in the desktop app, or the
 * browser implementation (IndexedDB-free, localStorage-backed) when the page runs in a plain
 * browser — the end-to-end tests and `vite` in a browser.
 *
 * The browser implementation is loaded on first use (a separate chunk): the desktop app never
 * downloads it, and the first screen does not wait for it.
 */
import { APP_METHODS, type AppApi, type MenuCommand } from '../../../core/api/contract';

export type RendererApi = AppApi & {
  /** Present in the desktop app only: menu commands sent by main. Returns an unsubscribe. */
  onMenuCommand?(cb: (command: MenuCommand) => void): () => void;
};

let current: RendererApi | undefined;

function lazyBrowserApi(): AppApi {
  let loading: Promise<AppApi> | undefined;
  const load = (): Promise<AppApi> => (loading ??= import('./browserApi').then((m) => m.createBrowserApi()));
  void load(); // start fetching now, while the first screen renders
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of APP_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const impl = await load();
      return (impl[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return api as unknown as AppApi;
}

/** The API of this window (the preload's when present). */
export function getApi(): RendererApi {
  if (!current) {
    const injected = (window as unknown as { api?: RendererApi }).api;
    current = injected ?? lazyBrowserApi();
  }
  return current;
}

/** True when running inside the desktop app (a preload exposed window.api). */
export const isDesktop = (): boolean => (window as unknown as { api?: unknown }).api !== undefined;
