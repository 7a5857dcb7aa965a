/**
 * AppApi in a plain browser: what the end-to-end tests run against, and what `vite` serves when
 * the renderer is opened in a browser. The library itself is browserStore.ts (no DOM); this adds
 * the storage (window.localStorage: synchronous, so a save issued while the page unloads still
 * lands; memory when it is unavailable) and the file dialogs — an <input type=file> (open,
 * import) or a download (save a copy, export).
 */
import type { AppApi, DocxFontSet, ImportPreview } from '../../../core/api/contract';
import { check } from '../../../core/checker';
import { parseDocument, serializeDocument } from '../../../core/document/schema';
import { reportTitle } from '../../../core/format';
import { fail, ok } from '../../../core/result';
import { createBrowserStore, errorText, type Kv } from './browserStore';

const PREFIX = 'nianbao.browser.v1.';

function openKv(): Kv {
  try {
    const ls = window.localStorage;
    const probe = `${PREFIX}probe`;
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return {
      get: (k) => ls.getItem(PREFIX + k),
      set: (k, v) => ls.setItem(PREFIX + k, v),
      remove: (k) => ls.removeItem(PREFIX + k),
      onExternalChange: (cb) => window.addEventListener('storage', cb),
    };
  } catch {
    const mem = new Map<string, string>();
    return { get: (k) => mem.get(k) ?? null, set: (k, v) => void mem.set(k, v), remove: (k) => void mem.delete(k) };
  }
}

/** Ask for a file with a hidden <input type=file>; null when the clerk cancels. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    let settled = false;
    const done = (f: File | null): void => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(f);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

/** Offer bytes or text as a download; returns the file name. */
function download(fileName: string, data: string | Uint8Array, mime: string): string {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

export function createBrowserApi(kv: Kv = openKv()) {
  const { methods, loadDoc, addNew, findReport, findSame } = createBrowserStore(kv);
  const api = {
    ...methods,
    async openReportFile() {
      const file = await pickFile('.json,application/json');
      if (!file) return ok(null);
      const parsed = parseDocument(await file.text());
      if (!parsed.ok) return fail(parsed.error.code, `无法打开“${file.name}”：${parsed.error.message}`);
      // The same report opened again: the one in the list, not a second identical row.
      const same = findSame(parsed.value);
      return same ? ok(same) : addNew(parsed.value);
    },

    async saveReportCopy(id: string) {
      const loaded = loadDoc(id);
      if (!loaded.ok) return loaded;
      const doc = loaded.value.doc;
      return ok(download(`${reportTitle(doc.unit.name, doc.year)}.json`, serializeDocument(doc), 'application/json'));
    },

    async exportDocx(id: string, fonts: DocxFontSet) {
      const loaded = loadDoc(id);
      if (!loaded.ok) return loaded;
      try {
        const { buildDocx, docxFileName } = await import('../../../core/export/docx');
        const bytes = await buildDocx(loaded.value.doc, { fonts });
        return ok(download(docxFileName(loaded.value.doc), bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
      } catch (e) {
        return fail('export-failed', `导出Word失败：${errorText(e)}`);
      }
    },

    async exportXlsx(id: string) {
      const loaded = loadDoc(id);
      if (!loaded.ok) return loaded;
      try {
        const { writeWorkbook, xlsxFileName } = await import('../../../core/xlsx');
        const doc = loaded.value.doc;
        const bytes = await writeWorkbook(doc, check(doc, doc.lastYear).findings);
        return ok(download(xlsxFileName(doc), bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
      } catch (e) {
        return fail('export-failed', `导出Excel失败：在浏览器中无法生成Excel文件（${errorText(e)}），请在年报助手桌面版中导出。`);
      }
    },

    async readXlsx() {
      const file = await pickFile('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      if (!file) return ok(null);
      try {
        const { readWorkbook } = await import('../../../core/xlsx');
        const read = await readWorkbook(new Uint8Array(await file.arrayBuffer()));
        if (!read.ok) return fail(read.error.code, `无法导入“${file.name}”：${read.error.message}`);
        const { doc, findings } = read.value;
        const existingId = findReport(doc.unit.name, doc.year);
        const preview: ImportPreview = { fileName: file.name, doc, findings, ...(existingId ? { existingId } : {}) };
        return ok(preview);
      } catch (e) {
        return fail('import-failed', `无法导入“${file.name}”：在浏览器中无法读取Excel文件（${errorText(e)}），请在年报助手桌面版中导入。`);
      }
    },

  } satisfies AppApi;

  return api;
}
