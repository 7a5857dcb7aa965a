/**
 * Benchmark of the Excel workbook: the seed report exported, and its workbook imported, warm,
 * about 30 times each. Targets: export median under 150 ms, import median under 100 ms.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats';
import { validateDocument } from '../src/core/document';
import { readWorkbook, writeWorkbook } from '../src/core/xlsx';

const SEED = resolve(fileURLToPath(new URL('.', import.meta.url)), '../test/fixtures/seed-2024.json');

const WARMUP = 3;
const RUNS = 30;


async function timed(fn: () => Promise<void>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return Math.round(median(times) * 10) / 10;
}

export async function benchXlsx(): Promise<{ name: string; medianMs: number; runs: number }[]> {
  const parsed = validateDocument(JSON.parse(readFileSync(SEED, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const doc = parsed.value;
  const bytes = await writeWorkbook(doc, []);

  const exportMs = await timed(async () => {
    const out = await writeWorkbook(doc, []);
    if (out.length < 10_000) throw new Error('writeWorkbook returned an implausibly small file');
  });
  const importMs = await timed(async () => {
    const r = await readWorkbook(bytes);
    if (!r.ok) throw new Error(r.error.message);
  });
  return [
    { name: 'xlsx: export seed report (writeWorkbook)', medianMs: exportMs, runs: RUNS },
    { name: 'xlsx: import seed workbook (readWorkbook)', medianMs: importMs, runs: RUNS },
  ];
}
