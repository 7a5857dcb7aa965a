import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument, type ReportDocument } from '../../src/core/document';

export function seedDocument(): ReportDocument {
  const parsed = parseDocument(readFileSync(resolve(__dirname, '../fixtures/seed-2024.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

export const hasChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);
