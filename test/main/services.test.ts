import { describe, expect, it, vi } from 'vitest';
import { serializeDocument, type ReportDocument } from '../../src/core/document';
import { createMemoryFileSystem, createReportLibrary, type FsOperation } from '../../src/core/library';
import { fail, ok } from '../../src/core/result';
import { createServices, MAX_XLSX_BYTES, type DialogPort } from '../../src/main/services';
import { openSettings, type StoreLike } from '../../src/main/settings';
import { hasChinese, seedDocument } from './helpers';

const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

function setup(opts: { fault?: (op: FsOperation, path: string) => string | undefined; store?: () => StoreLike } = {}) {
  const fs = createMemoryFileSystem({ fault: opts.fault });
  for (const dir of ['/home/clerk/Documents', '/out', '/in']) fs.put(`${dir}/.keep`, '');
  const library = createReportLibrary({ fs, root: '/userData/reports', sleep: async () => undefined });
  const memory: Record<string, unknown> = {};
  const settings = openSettings({
    file: '/userData/settings.json',
    create:
      opts.store ??
      (() => ({
        get store() {
          return { ...memory };
        },
        set: (k: string, v: unknown) => {
          memory[k] = v;
        },
      })),
  });
  const dialogs = {
    showOpenDialog: vi.fn<DialogPort['showOpenDialog']>(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn<DialogPort['showSaveDialog']>(async () => ({ canceled: true })),
  };
  const buildDocx = vi.fn(async (_doc: ReportDocument, _options: { fonts: string }) => new TextEncoder().encode('DOCX-BYTES'));
  const writeWorkbook = vi.fn(async (_doc: ReportDocument, _findings: readonly unknown[]) => new TextEncoder().encode('XLSX-BYTES'));
  const readWorkbook = vi.fn(async (_bytes: Uint8Array) => ok({ doc: seedDocument(), findings: [] }));
  const services = createServices({
    library,
    settings,
    dialogs,
    fs,
    defaultDir: () => '/home/clerk/Documents',
    buildDocx,
    writeWorkbook,
    readWorkbook: readWorkbook as never,
  });
  return { fs, library, services, dialogs, buildDocx, writeWorkbook, readWorkbook };
}

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('export services', () => {
  it('exports Word with the default file name; an overwritten file is kept as .bak', async () => {
    const { fs, services, dialogs, buildDocx } = setup();
    const { id } = await must(services.importDocument(seedDocument()));
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/home/clerk/Documents/年报' });
    expect(await must(services.exportDocx(id, 'common'))).toBe('/home/clerk/Documents/年报.docx');
    const opts = dialogs.showSaveDialog.mock.calls[0]![0];
    expect(opts.title).toBe('导出 Word 文档');
    expect(opts.defaultPath).toBe('/home/clerk/Documents/集贤县人民政府2024年政府信息公开工作年度报告.docx');
    expect(opts.filters).toEqual([{ name: 'Word 文档 (*.docx)', extensions: ['docx'] }]);
    expect(buildDocx.mock.calls[0]![1]).toEqual({ fonts: 'common' });
    expect(dec(fs.files().get('/home/clerk/Documents/年报.docx'))).toBe('DOCX-BYTES');

    buildDocx.mockResolvedValueOnce(new TextEncoder().encode('DOCX-2'));
    await must(services.exportDocx(id, 'standard'));
    expect(dec(fs.files().get('/home/clerk/Documents/年报.docx'))).toBe('DOCX-2');
    expect(dec(fs.files().get('/home/clerk/Documents/年报.docx.bak'))).toBe('DOCX-BYTES');
    // The next dialog opens in the folder last used.
    expect(dialogs.showSaveDialog.mock.calls[1]![0].defaultPath).toMatch(/^\/home\/clerk\/Documents\//);
  });

  it('cancelling a dialog gives null and writes nothing', async () => {
    const { fs, services } = setup();
    const { id } = await must(services.importDocument(seedDocument()));
    const before = fs.writes();
    expect(await must(services.exportDocx(id, 'standard'))).toBeNull();
    expect(await must(services.exportXlsx(id))).toBeNull();
    expect(await must(services.saveReportCopy(id))).toBeNull();
    expect(await must(services.readXlsx())).toBeNull();
    expect(await must(services.openReportFile())).toBeNull();
    expect(fs.writes()).toBe(before);
  });

  it('a unit name with characters no file system accepts gets a safe default name', async () => {
    const { services, dialogs } = setup();
    const doc = { ...seedDocument(), unit: { name: '某市/某区:局*', kind: 'department' as const } };
    const { id } = await must(services.importDocument(doc));
    await services.exportXlsx(id);
    expect(dialogs.showSaveDialog.mock.calls[0]![0].defaultPath).toBe('/home/clerk/Documents/某市_某区_局_2024年政府信息公开工作年度报告.xlsx');
  });

  it('Excel export passes the checker findings', async () => {
    const { services, dialogs, writeWorkbook } = setup();
    const { id } = await must(services.importDocument(seedDocument()));
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/out/a.xlsx' });
    expect(await must(services.exportXlsx(id))).toBe('/out/a.xlsx');
    expect(Array.isArray(writeWorkbook.mock.calls[0]![1])).toBe(true);
  });

  it('a builder that throws gives a Chinese error before any dialog', async () => {
    const { services, dialogs, buildDocx } = setup();
    const { id } = await must(services.importDocument(seedDocument()));
    buildDocx.mockRejectedValueOnce(new Error('not implemented'));
    const r = await services.exportDocx(id, 'standard');
    expect(r).toMatchObject({ ok: false, error: { code: 'export-failed' } });
    if (!r.ok) expect(hasChinese(r.error.message)).toBe(true);
    expect(dialogs.showSaveDialog).not.toHaveBeenCalled();
  });

  it('a locked target file gives a Chinese error and stays as it was', async () => {
    // Every rename onto the target fails, the way Windows answers while Word holds the file.
    const { fs, services, dialogs } = setup({
      fault: (op, path) => (op === 'rename' && path.startsWith('/out/r.docx.') && !path.startsWith('/out/r.docx.bak') ? 'EBUSY' : undefined),
    });
    const { id } = await must(services.importDocument(seedDocument()));
    fs.put('/out/r.docx', 'OLD');
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/out/r.docx' });
    const r = await services.exportDocx(id, 'standard');
    expect(r).toMatchObject({ ok: false, error: { code: 'write-failed' } });
    if (!r.ok) expect(r.error.message).toMatch(/无法保存“r\.docx”：.*占用/);
    expect(dec(fs.files().get('/out/r.docx'))).toBe('OLD');
    expect([...fs.files().keys()].filter((k) => k.endsWith('.tmp'))).toEqual([]);
  });

  it('on EXDEV (no rename possible) the old file is still kept as .bak', async () => {
    const { fs, services, dialogs } = setup({ fault: (op, path) => (op === 'rename' && path.startsWith('/out/') ? 'EXDEV' : undefined) });
    const { id } = await must(services.importDocument(seedDocument()));
    fs.put('/out/r.docx', 'OLD');
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/out/r.docx' });
    expect(await must(services.exportDocx(id, 'standard'))).toBe('/out/r.docx');
    expect(dec(fs.files().get('/out/r.docx'))).toBe('DOCX-BYTES');
    expect(dec(fs.files().get('/out/r.docx.bak'))).toBe('OLD');
    expect([...fs.files().keys()].filter((k) => k.startsWith('/out/r.')).sort()).toEqual(['/out/r.docx', '/out/r.docx.bak']);
  });

  it('saves a copy of a report as its canonical JSON', async () => {
    const { fs, services, dialogs } = setup();
    const { id } = await must(services.importDocument(seedDocument()));
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/out/copy' });
    expect(await must(services.saveReportCopy(id))).toBe('/out/copy.json');
    expect(dec(fs.files().get('/out/copy.json'))).toBe(serializeDocument(seedDocument()));
    expect(dialogs.showSaveDialog.mock.calls[0]![0].title).toBe('另存为报告文件');
  });
});

describe('import services', () => {
  it('opens a report file into the library as a new report', async () => {
    const { fs, services, dialogs } = setup();
    fs.put('/in/r.json', serializeDocument(seedDocument()));
    dialogs.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/in/r.json'] });
    const summary = await must(services.openReportFile());
    expect(summary).toMatchObject({ unitName: '集贤县人民政府', year: 2024 });
    expect(dialogs.showOpenDialog.mock.calls[0]![0].title).toBe('打开报告文件');
    expect((await must(services.listReports())).map((r) => r.id)).toEqual([summary!.id]);
  });

  it('the same report file opened again opens the report in the list; a changed one is added', async () => {
    const { fs, services, dialogs } = setup();
    fs.put('/in/r.json', serializeDocument(seedDocument()));
    dialogs.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/in/r.json'] });
    const first = await must(services.openReportFile());
    const again = await must(services.openReportFile());
    expect(again!.id).toBe(first!.id);
    expect((await must(services.listReports())).map((r) => r.id)).toEqual([first!.id]);
    const changed = { ...seedDocument(), cells: { ...seedDocument().cells, 'a.next.natural': 7 } };
    fs.put('/in/r.json', serializeDocument(changed));
    const third = await must(services.openReportFile());
    expect(third!.id).not.toBe(first!.id);
    expect(await must(services.listReports())).toHaveLength(2);
  });

  it('a file that is not a report gives the reason in Chinese, with its name', async () => {
    const { fs, services, dialogs } = setup();
    fs.put('/in/bad.json', '{"format": "other"}');
    fs.put('/in/big.json', new Uint8Array(3 * 1024 * 1024));
    fs.put('/in/gbk.json', new Uint8Array([0xc4, 0xea, 0xb1, 0xa8]));
    for (const [name, pattern] of [
      ['bad.json', /无法打开“bad\.json”：这不是年报助手的报告文件/],
      ['big.json', /“big\.json”太大/],
      ['gbk.json', /不是 UTF-8/],
      ['missing.json', /无法读取“missing\.json”：找不到文件/],
    ] as const) {
      dialogs.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [`/in/${name}`] });
      const r = await services.openReportFile();
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(pattern);
    }
    expect(await must(services.listReports())).toEqual([]);
  });

  it('reads a workbook into a preview and names the report it would replace', async () => {
    const { fs, services, dialogs, readWorkbook } = setup();
    const { id } = await must(services.importDocument(seedDocument()));
    fs.put('/in/表.xlsx', 'PK-fake');
    dialogs.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/in/表.xlsx'] });
    const preview = await must(services.readXlsx());
    expect(preview).toMatchObject({ fileName: '表.xlsx', existingId: id, findings: [] });
    expect(dialogs.showOpenDialog.mock.calls[0]![0].title).toBe('导入 Excel 工作簿');

    readWorkbook.mockResolvedValueOnce(fail('not-ours', '这个工作簿不是年报助手导出的表格。') as never);
    const r = await services.readXlsx();
    expect(r).toMatchObject({ ok: false, error: { code: 'not-ours', message: '无法导入“表.xlsx”：这个工作簿不是年报助手导出的表格。' } });

    readWorkbook.mockRejectedValueOnce(new Error('zip end of central directory not found'));
    const thrown = await services.readXlsx();
    expect(thrown).toMatchObject({ ok: false, error: { code: 'bad-xlsx' } });
    if (!thrown.ok) expect(thrown.error.message).not.toMatch(/central directory/);

    fs.put('/in/huge.xlsx', new Uint8Array(MAX_XLSX_BYTES + 1));
    dialogs.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/in/huge.xlsx'] });
    expect(await services.readXlsx()).toMatchObject({ ok: false, error: { code: 'too-large' } });

    // Reading never stores: after every refusal the library holds the one report, unchanged.
    expect((await must(services.listReports())).map((r) => r.id)).toEqual([id]);
    expect((await must(services.loadReport(id))).doc.cells).toEqual(seedDocument().cells);
  });
});

describe('settings services', () => {
  it('gets and sets settings', async () => {
    const { services } = setup();
    expect(await must(services.getSettings())).toEqual({ recentUnits: [], docxFonts: 'standard' });
    expect(await must(services.setSettings({ docxFonts: 'common' }))).toMatchObject({ docxFonts: 'common' });
  });

  it('a settings write that fails gives a Chinese error', async () => {
    const { services } = setup({
      store: () => ({
        store: {},
        set: () => {
          throw Object.assign(new Error('EPERM: rename'), { code: 'EPERM' });
        },
      }),
    });
    const r = await services.setSettings({ docxFonts: 'common' });
    expect(r).toMatchObject({ ok: false, error: { code: 'settings-write' } });
    if (!r.ok) expect(hasChinese(r.error.message)).toBe(true);
  });
});
