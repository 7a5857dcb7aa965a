import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));

import { APP_METHODS } from '../../src/core/api/contract';
import { contextBridge, ipcRenderer } from '../mocks/electron';

describe('preload', () => {
  it('exposes exactly one object, window.api, of plain functions', async () => {
    await import('../../src/preload/index');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('api');
    expect(Object.keys(api).sort()).toEqual([...APP_METHODS, 'onMenuCommand'].sort());
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(api))) {
      expect(d.get, key).toBeUndefined();
      expect(d.set, key).toBeUndefined();
      expect(typeof d.value, key).toBe('function');
    }
    // No raw ipcRenderer anywhere on it.
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('each method is a fixed invoke on its nianbao: channel', async () => {
    await import('../../src/preload/index');
    const api = contextBridge.exposeInMainWorld.mock.calls[0]![1] as Record<string, (...a: unknown[]) => Promise<unknown>>;
    ipcRenderer.invoke.mockClear();
    await api.loadReport!('abc');
    await api.exportDocx!('abc', 'common');
    await api.listReports!();
    expect(ipcRenderer.invoke.mock.calls).toEqual([['nianbao:loadReport', 'abc'], ['nianbao:exportDocx', 'abc', 'common'], ['nianbao:listReports']]);
  });

  it('onMenuCommand passes only known commands and can be undone', async () => {
    await import('../../src/preload/index');
    const api = contextBridge.exposeInMainWorld.mock.calls[0]![1] as {
      onMenuCommand(cb: (c: string) => void): () => void;
    };
    const cb = vi.fn();
    const off = api.onMenuCommand(cb);
    expect(ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, listener] = ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, c: unknown) => void];
    expect(channel).toBe('nianbao:menu');
    const event = { sender: ipcRenderer, senderId: 0 };
    listener(event, 'about');
    listener(event, 'new-report');
    listener(event, 'rm -rf');
    listener(event, { toString: () => 'about' });
    listener(event, undefined);
    expect(cb.mock.calls).toEqual([['about'], ['new-report']]);
    // The renderer's callback never sees the event object (it would expose ipcRenderer).
    expect(cb.mock.calls.flat()).not.toContain(event);
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('nianbao:menu', listener);
  });
});
