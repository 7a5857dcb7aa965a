/**
 * The shape of `window.api` (the preload's bridge) for the renderer.
 */
import type { AppApi, MenuCommand } from '../core/api/contract';

/** Everything the renderer can reach in main: the AppApi and the menu commands. */
export type NianbaoBridge = AppApi & {
  /** Listen for menu commands; returns the function that stops listening. */
  onMenuCommand(cb: (c: MenuCommand) => void): () => void;
};

declare global {
  interface Window {
    api: NianbaoBridge;
  }
}
