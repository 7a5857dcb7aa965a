/**
 * A workbook opened and saved by another spreadsheet program still imports to the same document:
 * LibreOffice (headless, private profile) re-saves the seed's workbook and a workbook full of
 * awkward text, and both import unchanged. Skipped with a warning where LibreOffice is not
 * installed; in CI (CI=true) a missing LibreOffice fails the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { which } from '../helpers/which';
import type { ReportDocument } from '../../src/core/document';
import { readWorkbook, writeWorkbook } from '../../src/core/xlsx';
import { canonical, seedDocument, unzip, valid } from './xlsx-helpers';

const INSTALL_HINT = 'apt-get install -y libreoffice-calc';


const soffice = which('soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice');
const inCi = process.env.CI === 'true';

if (!soffice && !inCi) console.warn(`[xlsx-libreoffice] SKIPPED: soffice not found. Install with: ${INSTALL_HINT}`);

if (!soffice && inCi) {
  describe('LibreOffice round trip (CI)', () => {
    it('needs LibreOffice', () => {
      expect.fail(`soffice is required in CI. Install with: ${INSTALL_HINT}`);
    });
  });
}

function awkwardDocument(): ReportDocument {
  const seed = seedDocument();
  return valid({
    ...seed,
    unit: { name: '=某某县@人民政府 ', kind: 'department' },
    cells: { ...seed.cells, 'p.fees': 1234.5678, 'p.license': 99999 },
    text: {
      overview: '（一）主动公开\n=SUM(A1:A3)\n+86 0454\n-3件\n@全体\t制表符\n  前后空格  \n😀𠀋',
      proactive: '=1+1',
      applications: '',
      review: '-',
      problems: '@',
      other: '无\n',
    },
    contact: { person: '+张三', phone: '0454-1234567', email: 'a@b.cn' },
    publishedAt: '2025-01-20',
    explanations: { 'T3-1:natural': '=已核实', 'S-4:overview': '-' },
    lastYear: { year: 2023, cells: { 'a.next.natural': 2, 'p.fees': 0.1 }, text: { overview: '+上年', other: '' } },
    updatedAt: '2025-01-19T08:00:00.000Z',
  });
}

describe.skipIf(!soffice)('LibreOffice re-saves the workbook', () => {
  let dir: string;
  let profile: string;
  const docs: Record<string, ReportDocument> = {};
  const resaved: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-xlsx-lo-'));
    profile = mkdtempSync(join(tmpdir(), 'lo-'));
    docs.seed = seedDocument();
    docs.awkward = awkwardDocument();
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    mkdirSync(inDir);
    const inputs: string[] = [];
    for (const [name, doc] of Object.entries(docs)) {
      const file = join(inDir, `${name}.xlsx`);
      writeFileSync(file, await writeWorkbook(doc, []));
      inputs.push(file);
    }
    execFileSync(
      soffice!,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, ...inputs],
      { stdio: 'pipe', timeout: 120_000 },
    );
    for (const name of Object.keys(docs)) resaved[name] = new Uint8Array(readFileSync(join(outDir, `${name}.xlsx`)));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('really is LibreOffice’s file', () => {
    for (const bytes of Object.values(resaved)) {
      expect(unzip(bytes).get('docProps/app.xml')?.toString('utf8')).toMatch(/LibreOffice/);
    }
  });

  it('the seed report imports unchanged, with no findings', async () => {
    const r = await readWorkbook(resaved.seed!);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.findings).toEqual([]);
    expect(canonical(r.value.doc)).toEqual(canonical(docs.seed!));
  });

  it('text starting with = + - @, whitespace, tabs, emoji, decimals, explanations and last year survive', async () => {
    const r = await readWorkbook(resaved.awkward!);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.findings).toEqual([]);
    expect(canonical(r.value.doc)).toEqual(canonical(docs.awkward!));
  });
});
