/**
 * Page object for the renderer: the steps a clerk takes, as functions the tests share.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from './browser';
import type { PageGlobals } from './dom';

export const SEED_PATH = resolve(ROOT, 'test/fixtures/seed-2024.json');

export interface SeedDoc {
  unit: { name: string; kind: string; level?: string };
  year: number;
  cells: Record<string, number>;
  text: Record<string, string>;
}

export const seed = (): SeedDoc => JSON.parse(readFileSync(SEED_PATH, 'utf8')) as SeedDoc;

/** 表三 columns that are typed (总计 is computed). */
export const T3_COLS = ['natural', 'commercial', 'research', 'ngo', 'legal', 'other'] as const;
/** 表三 rows that are typed, in printed order (（七）总计 is computed). */
export const T3_ROWS = [
  'new',
  'carried',
  'open',
  'partial',
  'deny.secret',
  'deny.law',
  'deny.safety',
  'deny.third',
  'deny.internal',
  'deny.process',
  'deny.enforce',
  'deny.query',
  'unable.none',
  'unable.create',
  'unable.unclear',
  'reject.petition',
  'reject.repeat',
  'reject.publication',
  'reject.mass',
  'reject.confirm',
  'other.overdue',
  'other.unpaid',
  'other.other',
  'next',
] as const;

export const cell = (page: Page, id: string): Locator => page.locator(`td[data-cell="${id}"]`);

/** First run: fill the unit dialog; the new-report dialog opens next. */
export async function firstRun(page: Page, unitName = '集贤县人民政府'): Promise<void> {
  const dialog = page.getByTestId('unit-dialog');
  await dialog.waitFor();
  await dialog.locator('[data-field="unit-name"]').fill(unitName);
  await page.getByRole('button', { name: '保存，开始使用' }).click();
  await page.getByTestId('new-report-dialog').waitFor();
}

/** Open a report file through 打开报告文件 (the browser's file chooser); resolves to its id in the library. */
export async function openReportFile(page: Page, path: string): Promise<string> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-file').click();
  await (await chooser).setFiles(path);
  await page.locator('body[data-screen="editor"]').waitFor();
  await page.locator('.editor').waitFor();
  return (await page.locator('.editor').getAttribute('data-report-id')) ?? '';
}

/** First run (the unit), then the seed report opened from its file; resolves to its id. */
export async function openSeed(page: Page): Promise<string> {
  await firstRun(page);
  await page.getByRole('button', { name: '取消' }).click();
  return openReportFile(page, SEED_PATH);
}

/** In the open new-report dialog: set the year, pick blank or from an earlier report, create. */
export async function createReport(page: Page, year: number, from?: string): Promise<string> {
  const dialog = page.getByTestId('new-report-dialog');
  await dialog.waitFor();
  const yearInput = dialog.locator('#new-report-year');
  await yearInput.fill(String(year));
  await yearInput.press('Tab');
  if (from) {
    await dialog.getByTestId('mode-previous').click();
    const select = dialog.getByTestId('from-report');
    await select.click();
    await page.locator('.ant-select-item-option', { hasText: from }).click();
  } else {
    await dialog.getByTestId('mode-blank').click();
  }
  await page.getByTestId('create-report').click();
  await page.locator('body[data-screen="editor"]').waitFor();
  await page.locator('.editor').waitFor();
  return (await page.locator('.editor').getAttribute('data-report-id'))!;
}

export async function gotoStep(page: Page, step: string): Promise<void> {
  await page.locator(`nav.steps [data-step="${step}"]`).click();
  await page.locator(`[data-step-main="${step}"]`).waitFor();
}

/** Wait until autosave reports 已保存 (and nothing is pending). */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
}

/** Type a whole 表三 from the keyboard: values, Tab across a row, Enter to the next row. */
export async function typeTable3(page: Page, cells: Readonly<Record<string, number>>): Promise<void> {
  await cell(page, 'a.new.natural').click();
  for (const row of T3_ROWS) {
    for (let i = 0; i < T3_COLS.length; i++) {
      const v = cells[`a.${row}.${T3_COLS[i]}`];
      await page.keyboard.type(String(v ?? 0));
      await page.keyboard.press(i === T3_COLS.length - 1 ? 'Enter' : 'Tab');
    }
  }
}

/** Put a TSV and/or HTML block on the system clipboard (the context must allow clipboard access). */
export async function setClipboard(page: Page, text: string, html?: string): Promise<void> {
  await page.evaluate(
    async ({ text, html }) => {
      const w = globalThis as unknown as PageGlobals;
      const items: Record<string, unknown> = { 'text/plain': new w.Blob([text], { type: 'text/plain' }) };
      if (html) items['text/html'] = new w.Blob([html], { type: 'text/html' });
      await w.navigator.clipboard.write([new w.ClipboardItem(items)]);
    },
    { text, html },
  );
}

/** The rows of 表三 from `rows` (keys of T3_ROWS) as TSV, six applicant columns, as Excel copies them. */
export function table3Tsv(cells: Readonly<Record<string, number>>, rows: readonly string[]): string {
  return `${rows.map((r) => T3_COLS.map((c) => String(cells[`a.${r}.${c}`] ?? '')).join('\t')).join('\r\n')}\r\n`;
}

/** Shown values of cells, by id. */
export async function cellTexts(page: Page, ids: readonly string[]): Promise<Record<string, string>> {
  return page.evaluate((ids) => {
    const w = globalThis as unknown as PageGlobals;
    const out: Record<string, string> = {};
    for (const id of ids) {
      const td = w.document.querySelector(`td[data-cell="${id}"]`);
      if (!td) {
        out[id] = '(missing)';
        continue;
      }
      const input = td.querySelector('input');
      if (input) {
        out[id] = (input.value ?? '').trim();
        continue;
      }
      const copy = td.cloneNode(true);
      copy.querySelectorAll('.v-unit').forEach((e) => e.remove());
      out[id] = (copy.textContent ?? '').trim();
    }
    return out;
  }, ids);
}

/** Ids of the findings shown in the panel. */
export async function findingRules(page: Page): Promise<string[]> {
  return page.locator('[data-testid="findings"] [data-finding-rule]:not([data-gone])').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding-id') ?? ''));
}
