/**
 * The whole bridge: `window.api`, one function per AppApi method (each a fixed
 * `ipcRenderer.invoke` on its `nianbao:` channel) plus `onMenuCommand`. No raw ipcRenderer, no
 * getters or setters (electron#25516). Bundled into one CommonJS file for the sandbox.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { APP_METHODS, IPC_PREFIX, MENU_COMMANDS, type AppApi, type AppMethod, type MenuCommand } from '../core/api/contract';

/** Compile-time check: APP_METHODS lists every AppApi method. */
type Missing = Exclude<AppMethod, (typeof APP_METHODS)[number]>;
const everyMethodListed: [Missing] extends [never] ? true : never = true;
void everyMethodListed;

const MENU_CHANNEL = `${IPC_PREFIX}menu`;
const menuCommands: readonly string[] = MENU_COMMANDS;

function buildApi(): AppApi {
  const api: Partial<Record<AppMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of APP_METHODS) {
    const channel = `${IPC_PREFIX}${method}`;
    api[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
  }
  return api as AppApi;
}

function onMenuCommand(callback: (command: MenuCommand) => void): () => void {
  const listener = (_event: IpcRendererEvent, command: unknown): void => {
    if (typeof command === 'string' && menuCommands.includes(command)) callback(command as MenuCommand);
  };
  ipcRenderer.on(MENU_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(MENU_CHANNEL, listener);
  };
}

const bridge = { ...buildApi(), onMenuCommand } satisfies AppApi & { onMenuCommand(cb: (c: MenuCommand) => void): () => void };

contextBridge.exposeInMainWorld('api', bridge);
