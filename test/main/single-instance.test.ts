import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));
vi.mock('electron-store', () => ({ default: class {} }));

import { app, BrowserWindow, handlers } from '../mocks/electron';

describe('a second instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../src/main/index');
    await new Promise((r) => setTimeout(r, 20));
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(handlers.size).toBe(0);
  });
});
