/**
 * Every screen at 1366×768, photographed into /tmp/nianbao-shots (NIANBAO_SHOTS to change) for a
 * person to look at, and checked to fit the width: nothing may scroll sideways.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, createReport, firstRun, gotoStep, openReportFile, SEED_PATH, seed, setClipboard } from './app';
import type { PageGlobals } from './dom';
import { CHROMIUM, useApp } from './fixture';

const DIR = process.env.NIANBAO_SHOTS ?? '/tmp/nianbao-shots';

interface Box {
  readonly scrollWidth: number;
  readonly clientWidth: number;
}

/** Elements wider than their box (a horizontal scrollbar or clipped content). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals & {
      document: { querySelectorAll(s: string): Iterable<Box & { className: string }>; documentElement: Box };
    };
    const out: string[] = [];
    const root = w.document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of w.document.querySelectorAll('.step-main, .findings-body, .library, .steps, .ant-modal-body, .ant-drawer-body')) {
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className.split(' ')[0]} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let the last frame settle (no animations are used)
  await page.screenshot({ path: join(DIR, `${name}.png`) });
  expect(await overflowing(page), `${name}: nothing may scroll sideways at 1366×768`).toEqual([]);
}

describe.skipIf(!CHROMIUM)('screens at 1366×768', () => {
  const app = useApp();

  it('photographs every screen; none scrolls sideways', async () => {
    mkdirSync(DIR, { recursive: true });
    const { page } = await app.open();
    expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });

    await page.getByTestId('unit-dialog').waitFor();
    await shot(page, '01-first-run');
    await firstRun(page);
    await shot(page, '02-new-report');
    await page.getByRole('button', { name: '取消' }).click();

    // The seed report, opened from its file; then a blank report of the next year.
    await openReportFile(page, SEED_PATH);
    await page.getByTestId('back-to-library').click();
    await page.getByTestId('new-report').click();
    await page.getByTestId('new-report-dialog').waitFor();
    await createReport(page, 2025, '集贤县人民政府2024年政府信息公开工作年度报告');
    await shot(page, '10-step-basic');
    for (const [i, step] of ['overview', 'proactive', 'applications', 'review', 'problems', 'other'].entries()) {
      await gotoStep(page, step);
      if (step === 'overview') await page.getByRole('tab', { name: '2024年报告原文' }).click();
      await shot(page, `1${i + 1}-step-${step}`);
    }

    // 表三 with a value typed and the cross-check failing, the focused cell explained below.
    await gotoStep(page, 'applications');
    await cell(page, 'a.new.natural').click();
    await page.keyboard.type('30');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await cell(page, 'a.new.natural').click();
    await shot(page, '20-table3-typed');
    // Editing in place: the <input> of F2 over the cell, and a money cell (表二) with its unit.
    await page.keyboard.press('F2');
    await page.locator('[data-cell-input="a.new.natural"]').waitFor();
    await shot(page, '20b-table3-f2-input');
    await page.keyboard.press('Escape');
    await gotoStep(page, 'proactive');
    await cell(page, 'p.fees').click();
    await page.keyboard.type('1.5');
    await shot(page, '20c-table2-money-typing');
    await page.keyboard.press('Escape');
    await gotoStep(page, 'applications');

    // The paste refusal dialog.
    await cell(page, 'a.open.natural').click();
    await setClipboard(page, '24\t25件\t0\t-3\t1.5\t/\r\n3万\t2\t0\t0\t0\t0\r\n');
    await page.keyboard.press('Control+V');
    await page.getByTestId('paste-refusal').waitFor();
    await shot(page, '21-paste-refusal');
    await page.getByTestId('paste-cancel').click();

    // Findings: a warning being kept with a written explanation.
    await gotoStep(page, 'overview');
    const warning = page.locator('[data-testid="findings"] [data-severity="warning"]:not([data-gone])').first();
    await warning.locator('[data-action="explain"]').click();
    await page.locator('[data-field="explanation"]').fill('本单位为县级人民政府，社会评议工作由市政府统一组织，本年度未单独开展。');
    // The editor's buttons are wholly inside the scrolled list, clear of its bottom edge.
    const body = (await page.locator('.findings-body').boundingBox())!;
    await expect.poll(async () => {
      const b = (await page.locator('[data-action="save-explanation"]').boundingBox())!;
      return b.y >= body.y && b.y + b.height <= body.y + body.height - 6;
    }).toBe(true);
    await shot(page, '22-findings-explain');
    await page.locator('[data-action="save-explanation"]').click();
    const kept = page.locator('[data-testid="findings"] .finding-explained:not([data-gone])').first();
    await expect.poll(() => kept.textContent()).toContain('说明：本单位为县级人民政府');
    expect(await page.locator('[data-testid="findings"] .count-explained').textContent()).toBe('1 已说明');
    await shot(page, '22b-findings-explained');

    // The seed report itself: complete tables, its 表三.
    await page.getByTestId('back-to-library').click();
    await page.getByTestId('reports').waitFor();
    await shot(page, '03-library');
    const seedRow = page.locator('[data-testid="reports"] tbody tr[data-year="2024"]');
    // A row's 导出 menu.
    await seedRow.locator('[data-action="more"]').click();
    await page.getByTestId('export-menu').waitFor();
    expect(await page.getByTestId('export-menu').getByRole('menuitem').allTextContents()).toEqual(['导出Word', '导出Excel', '另存副本（报告文件）']);
    await shot(page, '03b-library-export-menu');
    await page.keyboard.press('Escape');
    await page.getByTestId('export-menu').waitFor({ state: 'hidden' });
    await seedRow.locator('[data-action="open"]').click();
    await gotoStep(page, 'applications');
    await shot(page, '23-table3-seed');
    await gotoStep(page, 'check');
    await shot(page, '30-check-export');
    await page.getByTestId('back-to-library').click();

    // 2025: 检查与导出 with errors, and the question before exporting.
    await page.locator('[data-testid="reports"] tbody tr[data-year="2025"] [data-action="open"]').click();
    await gotoStep(page, 'check');
    await shot(page, '31-check-export-errors');
    await page.getByTestId('export-docx').click();
    await page.getByTestId('export-errors').waitFor();
    await shot(page, '32-export-asks-first');
    await page.getByRole('button', { name: '返回修改' }).click();

    await page.getByTestId('open-history').click();
    await page.getByTestId('history').waitFor();
    // The browser version says what it keeps (less than the desktop's history).
    expect(await page.getByTestId('history').textContent()).toContain('每分钟至多保留一个版本，最多保留最近100个（浏览器版）');
    await shot(page, '40-history');
    await page.keyboard.press('Escape');
    await page.getByTestId('back-to-library').click();
    await page.getByTestId('reports').waitFor();
    await page.locator('[data-testid="reports"] tbody tr[data-year="2025"] [data-action="delete"]').click();
    await page.getByRole('button', { name: '删除' }).last().click();
    await page.getByTestId('open-trash').click();
    await page.getByTestId('trash').locator('[data-trash-id]').first().waitFor();
    await shot(page, '41-trash');
    expect(seed().year).toBe(2024);
  });
});
