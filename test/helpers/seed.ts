import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument, type ReportDocument } from '../../src/core/document';

export const REPO_ROOT = resolve(__dirname, '../..');

/** The real 集贤县人民政府 2024 report, typed into a document (all 200 cells and the narrative). */
export function loadSeed(): ReportDocument {
  const r = parseDocument(readFileSync(resolve(REPO_ROOT, 'test/fixtures/seed-2024.json'), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A copy of a document with some cells replaced (undefined removes the cell). */
export function withCells(doc: ReportDocument, patch: Record<string, number | undefined>): ReportDocument {
  const cells: Record<string, number> = { ...doc.cells };
  for (const [id, v] of Object.entries(patch)) {
    if (v === undefined) delete cells[id];
    else cells[id] = v;
  }
  return { ...doc, cells };
}

export function withText(doc: ReportDocument, patch: Partial<ReportDocument['text']>): ReportDocument {
  return { ...doc, text: { ...doc.text, ...patch } };
}
