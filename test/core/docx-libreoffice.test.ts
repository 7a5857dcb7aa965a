/**
 * The Word export rendered by another reader: LibreOffice converts the seed report's export to
 * PDF, and the PDF's text must hold the title, every section heading, every table label and the
 * key figures. Skipped with a warning where LibreOffice or poppler is not installed; in CI
 * (CI=true) a missing tool fails the run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { which } from '../helpers/which';
import type { ReportDocument } from '../../src/core/document/types';
import { buildDocx } from '../../src/core/export/docx';
import { FORMAT, tableGrid, type TableDef } from '../../src/core/format';
import { SEED } from '../helpers/paths';

const INSTALL_HINT = 'apt-get install -y libreoffice-writer poppler-utils';


const soffice = which('soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice');
const pdftotext = which('pdftotext');
const pdfinfo = which('pdfinfo');
const missing = [!soffice && 'soffice', !pdftotext && 'pdftotext', !pdfinfo && 'pdfinfo'].filter(Boolean);
const inCi = process.env.CI === 'true';

if (missing.length > 0 && !inCi) {
  console.warn(`[docx-libreoffice] SKIPPED: ${missing.join(', ')} not found. Install with: ${INSTALL_HINT}`);
}

/** Text without any whitespace: PDF text extraction breaks lines and spreads justified text. */
const squash = (s: string): string => s.replace(/\s+/g, '');

interface PdfLine {
  readonly page: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly text: string;
}

/**
 * The text pieces of a PDF with their boxes (`pdftotext -bbox-layout`). pdftotext puts words of
 * neighbouring table cells into one line, so lines are rebuilt from words: words on the same
 * baseline join when the gap between them is small (justified text), not when it is a cell border.
 */
function pdfLines(xhtml: string): PdfLine[] {
  const out: PdfLine[] = [];
  const decode = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  xhtml.split(/<page\b/).slice(1).forEach((page, p) => {
    const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/word>/g)]
      .map((m) => ({ page: p, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: decode(m[5]!) }))
      .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    let line: PdfLine | undefined;
    for (const w of words) {
      const h = w.yMax - w.yMin;
      if (line && Math.abs(w.yMin - line.yMin) < 1 && w.xMin - line.xMax >= -1 && w.xMin - line.xMax < 0.35 * h) {
        line = { ...line, xMax: w.xMax, yMax: Math.max(line.yMax, w.yMax), text: line.text + w.text };
        out[out.length - 1] = line;
      } else {
        line = w;
        out.push(line);
      }
    }
  });
  return out;
}

/**
 * Table cells wrap their labels over several lines, and plain text extraction interleaves those
 * lines with the cells beside them. Chain every line to the nearest line just below it that
 * shares its horizontal extent, so the lines of one cell are read one after the other.
 */
function columnChains(lines: readonly PdfLine[]): string[] {
  const sorted = [...lines].sort((a, b) => a.page - b.page || a.yMin - b.yMin || a.xMin - b.xMin);
  const next = new Map<PdfLine, PdfLine>();
  const hasPrev = new Set<PdfLine>();
  for (const a of sorted) {
    const height = a.yMax - a.yMin;
    const below = sorted
      .filter((b) => b.page === a.page && !hasPrev.has(b) && b.yMin >= a.yMax - 1 && b.yMin - a.yMax < 0.8 * height)
      .map((b) => ({ b, overlap: Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) }))
      .filter((c) => c.overlap > 0)
      .sort((c, d) => c.b.yMin - d.b.yMin || d.overlap - c.overlap);
    const pick = below[0]?.b;
    if (pick) {
      next.set(a, pick);
      hasPrev.add(pick);
    }
  }
  const chains: string[] = [];
  for (const head of sorted.filter((l) => !hasPrev.has(l))) {
    let s = '';
    for (let l: PdfLine | undefined = head; l; l = next.get(l)) s += l.text;
    chains.push(squash(s));
  }
  return chains;
}

const labels = (table: TableDef): string[] =>
  tableGrid(table).rows.flatMap((row) => row.cells.flatMap((c) => (c.type === 'label' && c.text !== '' ? [c.text] : [])));

if (missing.length > 0 && inCi) {
  describe('LibreOffice rendering (CI)', () => {
    it('has LibreOffice and poppler installed', () => {
      throw new Error(`${missing.join(', ')} not found in CI. Install with: ${INSTALL_HINT}`);
    });
  });
}

describe.skipIf(missing.length > 0)('LibreOffice renders the DOCX export', () => {
  const seed = JSON.parse(readFileSync(SEED, 'utf8')) as ReportDocument;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-docx-lo-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Export with a font set, convert to PDF with a private LibreOffice profile, return the PDF path. */
  async function convert(fonts: 'standard' | 'common'): Promise<string> {
    const docx = join(dir, `seed-${fonts}.docx`);
    writeFileSync(docx, await buildDocx(seed, { fonts }));
    const profile = pathToFileURL(join(dir, `profile-${fonts}`)).href;
    const r = spawnSync(
      soffice!,
      [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx],
      { encoding: 'utf8', timeout: 150_000 },
    );
    expect(r.error, r.stderr).toBeUndefined();
    expect(r.status, `soffice failed: ${r.stderr}`).toBe(0);
    const pdf = docx.replace(/\.docx$/, '.pdf');
    expect(existsSync(pdf), `no PDF written; soffice said: ${r.stdout} ${r.stderr}`).toBe(true);
    return pdf;
  }

  const pages = (pdf: string): number => {
    const info = execFileSync(pdfinfo!, [pdf], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  };
  const text = (pdf: string): string => execFileSync(pdftotext!, ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const boxes = (pdf: string): PdfLine[] =>
    pdfLines(execFileSync(pdftotext!, ['-enc', 'UTF-8', '-bbox-layout', pdf, '-'], { encoding: 'utf8' }));

  for (const fonts of ['standard', 'common'] as const) {
    it(
      `converts the ${fonts}-font export to a PDF that holds the whole report`,
      async () => {
        const pdf = await convert(fonts);
        const n = pages(pdf);
        expect(n).toBeGreaterThanOrEqual(3);
        expect(n).toBeLessThanOrEqual(12);

        const all = text(pdf);
        const flat = squash(all);
        // The title, on two lines.
        expect(all).toMatch(/集贤县人民政府\s*2024\s*年\s*\n+\s*政府信息公开工作年度报告/);
        for (const s of FORMAT.sections) expect(flat, s.heading).toContain(squash(s.heading));
        const cells = columnChains(boxes(pdf)).join('|');
        for (const t of FORMAT.tables) {
          for (const label of labels(t)) expect(cells, `${t.name}: ${label}`).toContain(squash(label));
        }
        for (const figure of ['14073', '435.532', '2016', '429', '25']) expect(flat).toContain(figure);
        // Page numbers “— n —” on every page.
        for (let p = 1; p <= n; p++) expect(flat).toContain(`\u2014${p}\u2014`);
      },
      180_000,
    );
  }
});
