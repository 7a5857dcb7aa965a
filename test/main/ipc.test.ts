import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_METHODS, IPC_PREFIX, type AppApi, type AppMethod } from '../../src/core/api/contract';
import { ok } from '../../src/core/result';
import { registerIpc, type IpcMainLike } from '../../src/main/ipc';
import { makeSenderCheck, type SenderEvent } from '../../src/main/security';
import { hasChinese, seedDocument } from './helpers';

const rendererFile = pathToFileURL('/opt/nianbao/resources/app.asar/out/renderer/index.html').href;
const trusted: SenderEvent = { senderFrame: { url: `${rendererFile}#/editor/r1`, parent: null } };

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, (event: SenderEvent, ...args: unknown[]) => unknown> } {
  const handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle(channel, listener) {
      handlers.set(channel, listener);
    },
  };
}

function fakeServices(): AppApi & Record<AppMethod, ReturnType<typeof vi.fn>> {
  const s = {} as Record<AppMethod, ReturnType<typeof vi.fn>>;
  for (const m of APP_METHODS) s[m] = vi.fn(async (..._args: unknown[]) => ok(`${m} done`));
  return s as unknown as AppApi & Record<AppMethod, ReturnType<typeof vi.fn>>;
}

describe('registerIpc', () => {
  let ipc: ReturnType<typeof fakeIpcMain>;
  let services: ReturnType<typeof fakeServices>;
  const call = (method: AppMethod, event: SenderEvent, ...args: unknown[]) => ipc.handlers.get(`${IPC_PREFIX}${method}`)!(event, ...args);

  beforeEach(() => {
    ipc = fakeIpcMain();
    services = fakeServices();
    registerIpc(ipc, services, makeSenderCheck({ rendererFile }));
  });

  it('registers exactly one prefixed channel per API method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(APP_METHODS.map((m) => `nianbao:${m}`).sort());
  });

  it('passes valid calls through to the service and returns its Result', async () => {
    const doc = seedDocument();
    expect(await call('listReports', trusted)).toEqual({ ok: true, value: 'listReports done' });
    expect(await call('saveReport', trusted, 'r1', doc)).toEqual({ ok: true, value: 'saveReport done' });
    expect(services.saveReport).toHaveBeenCalledTimes(1);
    expect(services.saveReport.mock.calls[0]![0]).toBe('r1');
    expect(services.saveReport.mock.calls[0]![1]).toMatchObject({ year: 2024, unit: { name: '集贤县人民政府' } });
    await call('importDocument', trusted, doc);
    await call('importDocument', trusted, doc, 'r2');
    expect(services.importDocument.mock.calls.map((c) => c.length)).toEqual([1, 2]);
    await call('exportDocx', trusted, 'r1', 'common');
    await call('setSettings', trusted, { docxFonts: 'standard', recentUnits: ['集贤县人民政府'] });
    await call('createReport', trusted, { unit: { name: '某局', kind: 'department' }, year: 2025 });
    await call('createReport', trusted, { year: 2025, fromId: 'abcdefabcdef' }); // from last year: its unit
    expect(services.createReport).toHaveBeenCalledTimes(2);
    // History version ids: older ones, and those with their write order (core/library/history.ts).
    await call('restoreVersion', trusted, 'r1', '20250101T080000000Z');
    await call('restoreVersion', trusted, 'r1', '20250101T080000000Z-000_000000042');
    expect(services.restoreVersion).toHaveBeenCalledTimes(2);
  });

  it('rejects malformed arguments without calling the service', async () => {
    const doc = seedDocument();
    const bad: [AppMethod, ...unknown[]][] = [
      ['listReports', 'extra'],
      ['loadReport'],
      ['loadReport', 123],
      ['loadReport', '../x'],
      ['loadReport', '..\\x'],
      ['loadReport', 'a/b'],
      ['loadReport', 'r1', 'extra'],
      ['saveReport', 'r1'],
      ['saveReport', '../x', doc],
      ['saveReport', 'r1', { ...doc, unit: { name: 'x', kind: 'evil' } }],
      ['saveReport', 'r1', { ...doc, year: -5 }],
      ['saveReport', 'r1', { ...doc, cells: { 'a.new.natural': 'abc' } }],
      ['saveReport', 'r1', { ...doc, cells: { 'a.new.natural': Number.NaN } }],
      ['saveReport', 'r1', { ...doc, cells: { 'no.such.cell': 1 } }],
      ['saveReport', 'r1', [doc]],
      ['saveReport', 'r1', { format: 'other' }],
      ['saveReport', 'r1', null],
      ['createReport', { unit: { name: '某局', kind: 'department' }, year: 2025, evil: true }],
      ['createReport', { unit: { name: '', kind: 'department' }, year: 2025 }],
      ['createReport', { unit: { name: '某局', kind: 'department' }, year: 2025, fromId: '../../etc' }],
      ['createReport', { year: 2025 }], // a blank report without its unit
      ['restoreVersion', 'r1', '../../etc/passwd'],
      ['restoreVersion', 'r1'],
      ['exportDocx', 'r1', 'comic-sans'],
      ['importDocument', doc, '../x'],
      ['importDocument'],
      ['setSettings', { evil: 1 }],
      ['setSettings', { docxFonts: 'x' }],
      ['setSettings', 'x'],
      ['deleteReport', { id: 'r1' }],
    ];
    for (const [method, ...args] of bad) {
      const r = (await call(method, trusted, ...args)) as { ok: boolean; error?: { code: string; message: string } };
      expect(r.ok, `${method}(${JSON.stringify(args).slice(0, 80)})`).toBe(false);
      expect(r.error?.code).toBe('bad-request');
      expect(hasChinese(r.error!.message)).toBe(true);
    }
    for (const m of APP_METHODS) expect(services[m], m).not.toHaveBeenCalled();
  });

  it('rejects calls from a foreign page or a subframe', async () => {
    const foreign: SenderEvent[] = [
      { senderFrame: { url: 'https://evil.example/index.html', parent: null } },
      { senderFrame: { url: pathToFileURL('/tmp/evil/index.html').href, parent: null } },
      { senderFrame: { url: rendererFile, parent: { url: rendererFile } } },
      { senderFrame: { url: 'http://localhost:5173/', parent: null } },
      { senderFrame: { url: 'not a url', parent: null } },
      { senderFrame: null },
      {},
    ];
    for (const event of foreign) {
      const r = (await call('listReports', event)) as { ok: boolean; error?: { code: string; message: string } };
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('forbidden');
      expect(hasChinese(r.error!.message)).toBe(true);
    }
    expect(services.listReports).not.toHaveBeenCalled();
  });

  it('turns a thrown error into a Chinese Result, never a rejection', async () => {
    services.loadReport.mockImplementationOnce(async () => {
      throw new Error('ENOSPC: something English');
    });
    const r = (await call('loadReport', trusted, 'r1')) as { ok: boolean; error?: { code: string; message: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(hasChinese(r.error!.message)).toBe(true);
    expect(r.error!.message).not.toMatch(/ENOSPC/);
  });

  it('accepts the dev server page in development only', async () => {
    const dev = fakeIpcMain();
    const devServices = fakeServices();
    registerIpc(dev, devServices, makeSenderCheck({ rendererFile, devUrl: 'http://localhost:5173' }));
    const ok1 = (await dev.handlers.get('nianbao:listReports')!({ senderFrame: { url: 'http://localhost:5173/#/x', parent: null } })) as {
      ok: boolean;
    };
    expect(ok1.ok).toBe(true);
    const no = (await dev.handlers.get('nianbao:listReports')!({ senderFrame: { url: 'http://localhost:5174/', parent: null } })) as {
      ok: boolean;
    };
    expect(no.ok).toBe(false);
  });
});
