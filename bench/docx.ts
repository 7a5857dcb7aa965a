/**
 * Benchmark of the Word export: the seed report, exported warm about 30 times per font set.
 * Target: median under 150 ms.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats';
import type { ReportDocument } from '../src/core/document/types';
import { buildDocx } from '../src/core/export/docx';

const SEED = resolve(fileURLToPath(new URL('.', import.meta.url)), '../test/fixtures/seed-2024.json');

const WARMUP = 3;
const RUNS = 30;


export async function benchDocx(): Promise<{ name: string; medianMs: number; runs: number }[]> {
  const doc = JSON.parse(readFileSync(SEED, 'utf8')) as ReportDocument;
  const results: { name: string; medianMs: number; runs: number }[] = [];
  for (const fonts of ['standard', 'common'] as const) {
    for (let i = 0; i < WARMUP; i++) await buildDocx(doc, { fonts });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const bytes = await buildDocx(doc, { fonts });
      times.push(performance.now() - t0);
      if (bytes.length < 1000) throw new Error('buildDocx returned an implausibly small file');
    }
    results.push({ name: `docx: seed report (${fonts} fonts)`, medianMs: Math.round(median(times) * 10) / 10, runs: RUNS });
  }
  return results;
}
