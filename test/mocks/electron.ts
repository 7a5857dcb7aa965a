/**
 * A stand-in for the `electron` module in main-process tests: only what main and the preload
 * use, recording what they do. Use with `vi.mock('electron', () => import('../mocks/electron'))`.
 */
import { tmpdir } from 'node:os';
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

/** A tiny event emitter with the on/once shape Electron objects have. */
export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  });
  once = vi.fn((event: string, listener: Listener) => this.on(event, listener));
  /** Call every listener of `event` with these arguments. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

/** ipcMain.handle handlers by channel. */
export const handlers = new Map<string, (...args: unknown[]) => unknown>();
export const ipcMain = {
  handle: vi.fn((channel: string, listener: (...args: unknown[]) => unknown) => {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
  }),
  removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  on: vi.fn(),
};

class App extends Emitter {
  isPackaged = false;
  getPath = vi.fn((name: string) => (name === 'userData' ? (process.env.TEST_USER_DATA ?? tmpdir()) : tmpdir()));
  getVersion = vi.fn(() => '0.0.0-test');
  getName = vi.fn(() => 'nianbao-test');
  whenReady = vi.fn(() => Promise.resolve());
  quit = vi.fn();
  requestSingleInstanceLock = vi.fn(() => true);
  setAppUserModelId = vi.fn();
}
export const app = new App();

export class WebContents extends Emitter {
  send = vi.fn();
  reload = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler = vi.fn((h: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = h;
  });
}

export class BrowserWindow extends Emitter {
  static instances: BrowserWindow[] = [];
  static getFocusedWindow = vi.fn(() => BrowserWindow.instances[0] ?? null);
  static fromWebContents = vi.fn(() => BrowserWindow.instances[0] ?? null);
  readonly webContents = new WebContents();
  minimized = false;
  loadURL = vi.fn(async () => undefined);
  loadFile = vi.fn(async () => undefined);
  show = vi.fn();
  focus = vi.fn();
  maximize = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  reload = vi.fn();
  isMinimized = vi.fn(() => this.minimized);
  isMaximized = vi.fn(() => false);
  isDestroyed = vi.fn(() => false);
  getNormalBounds = vi.fn(() => ({ x: 40, y: 30, width: 1300, height: 820 }));
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
}

export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: undefined as string | undefined })),
  showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn(),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
export const screen = {
  getPrimaryDisplay: vi.fn(() => ({ workArea })),
  getAllDisplays: vi.fn(() => [{ workArea }]),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  },
};

export const shell = { openPath: vi.fn(async () => ''), openExternal: vi.fn(async () => undefined) };

export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
};

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, Menu, screen, session, shell };
