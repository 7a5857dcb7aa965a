/**
 * The library and what survives: first run, autosave across a reload, next year's report from
 * last year's (上年结转 carried), opening a report file, 回收站 and 历史版本.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, cellTexts, createReport, firstRun, gotoStep, openReportFile, seed, setClipboard, T3_COLS, T3_ROWS, table3Tsv, waitSaved } from './app';
import { CHROMIUM, useApp } from './fixture';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nianbao-e2e-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function backToLibrary(page: Page): Promise<void> {
  await page.getByTestId('back-to-library').click();
  await page.locator('body[data-screen="library"]').waitFor();
  await page.getByTestId('reports').waitFor();
}

describe.skipIf(!CHROMIUM)('the library', () => {
  const app = useApp();

  it('asks for the unit once, then keeps every value across a reload', async () => {
    const { page } = await app.open();
    await firstRun(page, '测试县人民政府');
    await createReport(page, 2024);
    await gotoStep(page, 'applications');
    const s = seed().cells;
    await cell(page, 'a.new.natural').click();
    await setClipboard(page, table3Tsv(s, T3_ROWS.slice(0, 23)));
    await page.keyboard.press('Control+V');
    await cell(page, 'a.next.natural').click();
    await page.keyboard.type('0');
    await page.keyboard.press('Tab');
    await gotoStep(page, 'proactive');
    await cell(page, 'p.fees').click();
    await page.keyboard.type('435.532');
    await page.keyboard.press('Enter');
    await gotoStep(page, 'overview');
    const text = '（一）主动公开情况。2024年，本县主动公开政府信息5000余条。\n（二）依申请公开情况。全年共收到申请25件。';
    await page.locator('textarea[data-text="overview"]').fill(text);
    await gotoStep(page, 'basic');
    await page.locator('#f-person').fill('张三');
    await waitSaved(page);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    // Back in the same report and step.
    await page.locator('#f-person').waitFor();
    expect(await page.locator('#f-person').inputValue()).toBe('张三');
    await gotoStep(page, 'applications');
    const ids = [...T3_ROWS.slice(0, 23)].flatMap((r) => T3_COLS.map((c) => `a.${r}.${c}`));
    const expected = Object.fromEntries(ids.map((id) => [id, String(s[id])]));
    expect(await cellTexts(page, ids)).toEqual(expected);
    expect((await cellTexts(page, ['a.next.natural', 'a.next.commercial', 'a.done.total']))).toEqual({ 'a.next.natural': '0', 'a.next.commercial': '', 'a.done.total': '25' });
    await gotoStep(page, 'proactive');
    expect((await cellTexts(page, ['p.fees']))['p.fees']).toBe('435.532');
    await gotoStep(page, 'overview');
    expect(await page.locator('textarea[data-text="overview"]').inputValue()).toBe(text);
    // The preview shows the 公文 headings as headings.
    expect(await page.locator('.preview .para-l2').count()).toBe(2);

    // A fresh load of the library: no second first-run question; the report is listed.
    await page.goto(page.url().replace(/#.*$/, '#/'));
    await page.getByTestId('reports').waitFor();
    expect(await page.getByTestId('unit-dialog').count()).toBe(0);
    expect(await page.locator('[data-testid="reports"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="reports"] tbody tr').first().textContent()).toContain('测试县人民政府');
  });

  it('starts the 2025 report from the 2024 one: 上年结转 carries last year’s 结转下年度', async () => {
    // The seed report, with applications carried into 2025 (columns still balance).
    const doc = seed();
    doc.cells['a.open.natural'] = 5;
    doc.cells['a.next.natural'] = 2;
    doc.cells['a.open.other'] = 0;
    doc.cells['a.next.other'] = 1;
    for (const k of ['a.open.total', 'a.done.natural', 'a.done.other', 'a.done.total', 'a.next.total']) delete doc.cells[k];
    const file = join(dir, '集贤县人民政府2024年政府信息公开工作年度报告.json');
    await writeFile(file, JSON.stringify(doc, null, 2));

    const { page } = await app.open();
    // 本单位信息 names another unit: the report started from last year's carries that report's unit.
    await firstRun(page, '某某县人民政府');
    await page.getByRole('button', { name: '取消' }).click();
    await openReportFile(page, file);
    // The message says what happened and costs nothing while it shows: the page asks for no
    // animation frames (antd's own closing timer asked for one on every frame, ~36 in 600 ms).
    const shown = page.locator('.ant-message-notice', { hasText: '已打开“集贤县人民政府2024年' });
    await shown.waitFor();
    const frames = await page.evaluate(`new Promise((done) => {
      let n = 0;
      const raf = window.requestAnimationFrame;
      window.requestAnimationFrame = (cb) => { n++; return raf.call(window, cb); };
      setTimeout(() => { window.requestAnimationFrame = raf; done(n); }, 600);
    })`);
    expect(await shown.isVisible()).toBe(true);
    expect(frames).toBeLessThanOrEqual(3);
    await shown.waitFor({ state: 'detached', timeout: 5000 }); // and it still goes away on its own
    await gotoStep(page, 'applications');
    expect(await cellTexts(page, ['a.next.natural', 'a.next.other', 'a.next.total', 'a.done.natural'])).toEqual({
      'a.next.natural': '2',
      'a.next.other': '1',
      'a.next.total': '3',
      'a.done.natural': '22',
    });
    await expect.poll(() => page.locator('[data-testid="findings"] [data-finding-rule="T3-1"]:not([data-gone])').count()).toBe(0);
    await backToLibrary(page);

    await page.getByTestId('new-report').click();
    // The dialog offers only a report of the year before as the base, and follows the year.
    const dialog = page.getByTestId('new-report-dialog');
    const yearInput = dialog.locator('#new-report-year');
    await yearInput.fill('2027');
    await yearInput.press('Tab');
    await expect.poll(() => dialog.textContent()).toContain('报告列表中没有2026年度的报告');
    expect(await dialog.getByTestId('mode-previous').isDisabled()).toBe(true);
    expect(await dialog.getByTestId('new-report-unit').textContent()).toContain('某某县人民政府');
    await yearInput.fill('2025');
    await yearInput.press('Tab');
    // Another unit's report is offered, not chosen for the clerk.
    expect(await dialog.getByTestId('mode-blank').isChecked()).toBe(true);
    await dialog.getByTestId('mode-previous').click();
    await expect.poll(() => dialog.getByTestId('new-report-unit').textContent()).toBe('集贤县人民政府 （沿用上年报告）');
    // A year without a base turns the choice to blank; back at 2025 it is “from last year” again.
    await yearInput.fill('2027');
    await yearInput.press('Tab');
    await expect.poll(() => dialog.getByTestId('mode-blank').isChecked()).toBe(true);
    await yearInput.fill('2025');
    await yearInput.press('Tab');
    await expect.poll(() => dialog.getByTestId('mode-previous').isChecked()).toBe(true);
    expect(await dialog.getByTestId('new-report-unit').textContent()).toBe('集贤县人民政府 （沿用上年报告）');
    await createReport(page, 2025, '集贤县人民政府2024年政府信息公开工作年度报告');
    expect(await page.locator('.editor-title').textContent()).toBe('集贤县人民政府2025年政府信息公开工作年度报告');
    await gotoStep(page, 'applications');
    const carried = Object.fromEntries([...T3_COLS, 'total'].map((c) => [`a.carried.${c}`, String(doc.cells[`a.next.${c}`] ?? (c === 'total' ? 3 : 0))]));
    expect(await cellTexts(page, Object.keys(carried))).toEqual(carried);
    // 本年新收 is not carried: it is this year's to fill.
    expect((await cellTexts(page, ['a.new.natural']))['a.new.natural']).toBe('');
    await gotoStep(page, 'proactive');
    expect((await cellTexts(page, ['p.norms.valid']))['p.norms.valid']).toBe('18');
    // Last year's text is there for reference.
    await gotoStep(page, 'overview');
    await page.getByRole('tab', { name: '2024年报告原文' }).click();
    expect(await page.getByTestId('last-year-text').textContent()).toContain((doc.text.overview ?? '').split('\n')[0]);

    // Exporting while errors remain: listed first, then exported on request (a download here).
    await gotoStep(page, 'check');
    await page.getByTestId('export-docx').click();
    await page.getByTestId('export-errors').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '仍然导出' }).click();
    expect((await download).suggestedFilename()).toBe('集贤县人民政府2025年政府信息公开工作年度报告.docx');

    await backToLibrary(page);
    const rows = page.locator('[data-testid="reports"] tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-year')).toBe('2025');
  });

  it('moves a report to the 回收站 and back, copies it, and restores an older version', async () => {
    const { page } = await app.open();
    await firstRun(page);
    await createReport(page, 2024);
    await gotoStep(page, 'applications');
    await cell(page, 'a.new.natural').click();
    await page.keyboard.type('9');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await backToLibrary(page);
    const rows = page.locator('[data-testid="reports"] tbody tr');
    // Status: errors counted (a new report is far from complete); deadline shown.
    expect(await rows.first().locator('[data-status]').getAttribute('data-status')).toBe('error');
    expect(await rows.first().textContent()).toContain('2025年3月31日');

    // History: the first save (blank) is kept when the report is changed and saved again.
    await rows.first().locator('[data-action="history"]').click();
    const history = page.getByTestId('history');
    await history.waitFor();
    await expect.poll(() => history.locator('[data-version]').count()).toBeGreaterThan(0);
    await history.getByRole('button', { name: '恢复此版本' }).last().click();
    await page.getByRole('button', { name: '恢复', exact: true }).click();
    await history.waitFor({ state: 'detached' });
    // The oldest version is the blank report: the 9 is gone; the version with it is in the history.
    await rows.first().locator('[data-action="open"]').click();
    await gotoStep(page, 'applications');
    expect((await cellTexts(page, ['a.new.natural']))['a.new.natural']).toBe('');
    await backToLibrary(page);

    await rows.first().locator('[data-action="duplicate"]').click();
    await expect.poll(() => rows.count()).toBe(2);
    // The copy holds the same report (the newest row), under another id.
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-report-id')));
    expect(new Set(ids).size).toBe(2);
    await rows.first().locator('[data-action="open"]').click();
    expect(await page.locator('.editor-title').textContent()).toBe('集贤县人民政府2024年政府信息公开工作年度报告');
    await gotoStep(page, 'applications');
    expect((await cellTexts(page, ['a.new.natural']))['a.new.natural']).toBe('');
    await backToLibrary(page);

    await rows.first().locator('[data-action="delete"]').click();
    await page.getByRole('button', { name: '删除' }).last().click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId('open-trash').click();
    const trash = page.getByTestId('trash');
    await trash.locator('[data-trash-id]').first().waitFor();
    await trash.getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await page.keyboard.press('Escape');

    // 另存副本: the report file, named after the report, that opens again as the same report.
    await rows.first().locator('[data-action="more"]').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-menu').getByRole('menuitem', { name: '另存副本（报告文件）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('集贤县人民政府2024年政府信息公开工作年度报告.json');
    const saved = JSON.parse(await readFile((await file.path())!, 'utf8')) as { format: string; unit: { name: string }; year: number };
    expect([saved.format, saved.unit.name, saved.year]).toEqual(['nianbao', '集贤县人民政府', 2024]);
    const copyPath = join(dir, 'copy.json');
    await writeFile(copyPath, JSON.stringify(saved));
    await openReportFile(page, copyPath);
    await backToLibrary(page);
    expect(await rows.count()).toBe(2); // the same report: opened, not added again
  });
});
