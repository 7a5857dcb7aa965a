/**
 * What may go into a cell, and reading blocks copied from Excel, WPS or a web page.
 *
 * A count is a whole number ≥ 0; the fee cell (万元) is a number ≥ 0 with at most 4 decimals.
 * Nothing is cleaned silently: “25件”, “3万”, “-3”, “1.5”, “/” are refused with a reason the clerk
 * reads. Only unambiguous spellings of a number are read as that number: surrounding spaces,
 * full-width digits (２５), and thousands separators in their exact places (14,073).
 */
import type { CellKind } from '../../../../core/format';

export type ParsedValue =
  | { readonly ok: true; readonly value: number | undefined }
  | { readonly ok: false; readonly reason: string };

const MAX_VALUE = 999_999_999;

const toHalfWidth = (s: string): string =>
  s.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\uFF0E/g, '.');

const quote = (raw: string): string => `“${raw.length > 24 ? `${raw.slice(0, 24)}…` : raw}”`;

/** Read what was typed or pasted into a cell. An empty string clears the cell. */
export function parseCellInput(raw: string, kind: CellKind): ParsedValue {
  const shown = raw.trim();
  const s = toHalfWidth(raw.replace(/[\s\u00A0\u3000]+/g, ' ').trim());
  if (s === '') return { ok: true, value: undefined };
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  const what = kind === 'money' ? '金额' : '整数';

  if (kind === 'count' && /^\d+$/.test(plain)) {
    const v = Number(plain);
    if (v > MAX_VALUE) return { ok: false, reason: `${quote(shown)}数值过大，请核对` };
    return { ok: true, value: v };
  }
  if (kind === 'money' && /^\d+(\.\d+)?$/.test(plain)) {
    const decimals = plain.includes('.') ? plain.split('.')[1]!.length : 0;
    if (decimals > 4) return { ok: false, reason: `${quote(shown)}小数超过4位（单位是万元，最多保留4位小数）` };
    const v = Number(plain);
    if (v > MAX_VALUE) return { ok: false, reason: `${quote(shown)}数值过大，请核对` };
    return { ok: true, value: v };
  }
  if (/^[/／\\、—–\-－_]+$/.test(s) || s === '无' || s === '空') {
    return { ok: false, reason: `${quote(shown)}不是数字：没有的请填0` };
  }
  if (/^[-－—]\s*\d/.test(s)) return { ok: false, reason: `${quote(shown)}是负数：不能小于0` };
  if (kind === 'count' && /^\d+\.\d+$/.test(plain)) return { ok: false, reason: `${quote(shown)}不是整数：件数不能有小数` };
  const unit = /^\d+(?:\.\d+)?\s*(\D+)$/.exec(plain);
  if (unit) {
    const u = unit[1]!.trim();
    if (kind === 'money') return { ok: false, reason: `${quote(shown)}不是${what}：带有“${u}”，请只填数字（单位已是万元）` };
    if (u.startsWith('万')) return { ok: false, reason: `${quote(shown)}不是整数：带有“万”，请换算成具体件数` };
    return { ok: false, reason: `${quote(shown)}不是整数：带有单位“${u}”，请只填数字` };
  }
  return { ok: false, reason: `${quote(shown)}不是${what}` };
}

/** How a value is shown in a cell and copied out of it. */
export function formatValue(v: number | undefined): string {
  if (v === undefined) return '';
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Clipboard blocks

/** Tab-separated text as Excel and WPS put it on the clipboard (quoted cells may hold newlines). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // Quoted cell: "" is a quote; ends at a quote followed by a tab, a newline or the end.
      let j = i + 1;
      let val = '';
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            val += '"';
            j += 2;
            continue;
          }
          const after = text[j + 1];
          if (after === undefined || after === '\t' || after === '\n' || after === '\r') {
            closed = true;
            j++;
            break;
          }
        }
        val += text[j];
        j++;
      }
      if (closed) {
        cell = val;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: read literally.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // A trailing newline (Excel always adds one) leaves no extra row; drop trailing empty rows.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows;
}

/** The first <table> of copied HTML as rows of cell texts, merged cells expanded (blank copies). */
export function parseHtmlTable(html: string): string[][] | null {
  if (!/<table[\s>]/i.test(html)) return null;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const table = doc.querySelector('table');
  if (!table) return null;
  const grid: string[][] = [];
  const taken: boolean[][] = [];
  const trs = Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
  trs.forEach((tr, r) => {
    grid[r] ??= [];
    taken[r] ??= [];
    let c = 0;
    for (const td of Array.from(tr.children)) {
      if (td.tagName !== 'TD' && td.tagName !== 'TH') continue;
      while (taken[r]![c]) c++;
      const rowSpan = Math.max(1, Math.min(100, Number(td.getAttribute('rowspan')) || 1));
      const colSpan = Math.max(1, Math.min(100, Number(td.getAttribute('colspan')) || 1));
      const text = (td.textContent ?? '').replace(/\s+/g, ' ').trim();
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) {
          grid[r + dr] ??= [];
          taken[r + dr] ??= [];
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? text : '';
          taken[r + dr]![c + dc] = true;
        }
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  const rows = grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows.length > 0 ? rows : null;
}

/** The block on a clipboard: an HTML table when there is one, else tab-separated text. */
export function clipboardBlock(data: DataTransfer): string[][] {
  const html = data.getData('text/html');
  if (html) {
    const rows = parseHtmlTable(html);
    if (rows) return rows;
  }
  return parseTsv(data.getData('text/plain'));
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A block as Excel reads it back: TSV, and an HTML table. */
export function blockToClipboard(rows: readonly (readonly string[])[]): { text: string; html: string } {
  const text = `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;
  const html = `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`;
  return { text, html };
}
