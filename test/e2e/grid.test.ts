/**
 * The 表三 grid in a real browser: keyboard entry, pasting blocks from Excel/WPS and web pages,
 * refusal of what is not a number, the official cross-check (T3-1) following the numbers, a
 * finding leading to its cell, undo/redo.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, cellTexts, createReport, firstRun, gotoStep, seed, setClipboard, T3_COLS, T3_ROWS, table3Tsv, typeTable3, waitSaved } from './app';
import type { PageElement, PageGlobals } from './dom';
import { CHROMIUM, useApp } from './fixture';

const ALL_T3 = [...T3_ROWS.slice(0, 23), 'done', 'next'].flatMap((r) => [...T3_COLS, 'total'].map((c) => `a.${r}.${c}`));

const expectedT3 = (): Record<string, string> => {
  const s = seed().cells;
  return Object.fromEntries(ALL_T3.map((id) => [id, String(s[id])]));
};

async function newReportOnTable3(page: Page): Promise<void> {
  await firstRun(page);
  await createReport(page, 2024);
  await gotoStep(page, 'applications');
  await page.getByTestId('grid-t3').waitFor();
}

/** The status line's messages for the active cell, while shown (kept hidden, data-gone, when it has none). */
const statusFinding = (page: Page) => page.locator('[data-testid="grid-status"] .grid-status-finding:not([data-gone])');
const finding = (page: Page, id: string) => page.locator(`[data-testid="findings"] [data-finding-id="${id}"]:not([data-gone])`);

/** The page's Storage prototype, to make localStorage refuse writes (typed here: no DOM lib in tests). */
interface StorageGlobals {
  __setItem?: (key: string, value: string) => void;
  Storage: { prototype: { setItem(key: string, value: string): void } };
}

const activeCell = (page: Page): Promise<string | null> =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.closest('[data-cell]')?.getAttribute('data-cell') ?? null);

describe.skipIf(!CHROMIUM)('表三 in the browser', () => {
  const app = useApp();

  it('takes the seed report typed from the keyboard; T3-1 appears and disappears as the numbers change', async () => {
    const { page } = await app.open();
    await newReportOnTable3(page);
    // The first cell to fill is the active one from the start.
    expect(await cell(page, 'a.new.natural').getAttribute('class')).toContain('v-active');
    await typeTable3(page, seed().cells);
    expect(await cellTexts(page, ALL_T3)).toEqual(expectedT3());
    // Enter ends each Tab run in the first column of the next row (as Excel does); the last row stays.
    expect(await activeCell(page)).toBe('a.next.other');
    await expect.poll(() => page.locator('[data-testid="findings"] [data-finding-rule="T3-1"]:not([data-gone])').count()).toBe(0);

    // Moving down by keyboard scrolls the active cell fully into view, above the status line.
    const cellBox = await cell(page, 'a.next.other').boundingBox();
    const statusBox = await page.getByTestId('grid-status').boundingBox();
    expect(cellBox!.y + cellBox!.height).toBeLessThanOrEqual(statusBox!.y);

    // No keyboard trap: Tab on the last cell leaves the grid, Shift+Tab comes back to that cell;
    // Shift+Tab on the first cell leaves it the other way.
    const focused = (): Promise<string | null> =>
      page.evaluate(() => {
        const el = (globalThis as unknown as PageGlobals).document.activeElement;
        return el?.closest('[data-testid="grid-t3"]') ? (el.getAttribute('data-cell') ?? 'inside the grid') : 'outside the grid';
      });
    expect(await focused()).toBe('a.next.other');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('outside the grid');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('a.next.other');
    // Typing there, Tab takes the value and leaves too.
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('outside the grid');
    expect((await cellTexts(page, ['a.next.other']))['a.next.other']).toBe('1');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(String(seed().cells['a.next.other'] ?? 0));
    await page.keyboard.press('Enter');
    expect((await cellTexts(page, ['a.next.other']))['a.next.other']).toBe(String(seed().cells['a.next.other'] ?? 0));
    await cell(page, 'a.next.other').click();
    await cell(page, 'a.new.natural').click();
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('outside the grid');
    // The grid still marks its active cell, and focus comes back to it.
    expect(await cell(page, 'a.new.natural').getAttribute('class')).toContain('v-active');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('a.new.natural');

    // 结转下年度 3 in the 自然人 column: 24 + 0 ≠ 24 + 3.
    await cell(page, 'a.next.natural').click();
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await finding(page, 'T3-1:natural').waitFor();
    await expect.poll(() => cell(page, 'a.next.natural').getAttribute('class')).toContain('v-error');
    expect(await finding(page, 'T3-1:natural').textContent()).toContain('自然人');
    // The step list's badge follows a frame after the findings (common/frames.ts).
    await expect.poll(() => page.locator('nav.steps [data-step="applications"] .badge-error:not([hidden])').textContent()).toMatch(/^[1-9]\d*$/);
    expect(await finding(page, 'T3-1:natural').textContent()).toContain('右边是27，相差3');

    // Typing on: the message follows every digit, in the same list item (the list is not rebuilt).
    await finding(page, 'T3-1:natural').evaluate((el) => el.setAttribute('data-probe', 'kept'));
    await cell(page, 'a.next.natural').click();
    await page.keyboard.type('5');
    await expect.poll(() => finding(page, 'T3-1:natural').textContent()).toContain('右边是29，相差5');
    await page.keyboard.type('7');
    await expect.poll(() => finding(page, 'T3-1:natural').textContent()).toContain('右边是81，相差57');
    expect(await finding(page, 'T3-1:natural').getAttribute('data-probe')).toBe('kept');
    // While typing, the caret (the text's right border) is drawn after the digits; not otherwise.
    const caret = (id: string): Promise<string> =>
      cell(page, id).locator('.vt').evaluate((el) => (globalThis as unknown as PageGlobals).getComputedStyle(el as PageElement).borderRightColor);
    expect(await caret('a.next.natural')).toBe('rgb(31, 31, 31)');
    expect(await caret('a.next.legal')).toBe('rgba(0, 0, 0, 0)');
    // The status line shows the active cell's messages, following the digits too.
    await expect.poll(() => statusFinding(page).textContent()).toContain('右边是81，相差57');
    await page.keyboard.press('Escape');
    await expect.poll(() => finding(page, 'T3-1:natural').textContent()).toContain('右边是27，相差3');
    await expect.poll(() => statusFinding(page).textContent()).toContain('右边是27，相差3');

    // Back to 0: the error goes away.
    await cell(page, 'a.next.natural').click();
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await finding(page, 'T3-1:natural').waitFor({ state: 'detached' });
    expect(await cell(page, 'a.next.natural').getAttribute('class')).not.toContain('v-error');
    expect(await caret('a.next.natural')).toBe('rgba(0, 0, 0, 0)'); // the edit ended
    // (The status line keeps the message, out of sight.)
    expect(await statusFinding(page).count()).toBe(0);
    expect(await page.locator('.grid-status-finding').isVisible()).toBe(false);
    // Its item is kept out of sight, and is the one shown again when the error comes back.
    expect(await page.locator('[data-testid="findings"] [data-finding-id="T3-1:natural"]').isVisible()).toBe(false);
    await cell(page, 'a.next.natural').click();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await finding(page, 'T3-1:natural').waitFor();
    expect(await finding(page, 'T3-1:natural').textContent()).toContain('右边是28，相差4');
    expect(await finding(page, 'T3-1:natural').getAttribute('data-probe')).toBe('kept');
    await cell(page, 'a.next.natural').click();
    expect(await statusFinding(page).textContent()).toContain('右边是28，相差4');
  });

  it('shows a failed save with 重试, keeps the change, and saves it when retried', async () => {
    const { page } = await app.open();
    await newReportOnTable3(page);
    await waitSaved(page);
    // The storage refuses every write from now on.
    await page.evaluate(() => {
      const g = globalThis as unknown as StorageGlobals;
      g.__setItem = g.Storage.prototype.setItem;
      g.Storage.prototype.setItem = () => {
        throw new Error('磁盘故障');
      };
    });
    await cell(page, 'a.new.natural').click();
    await page.keyboard.type('42');
    await page.keyboard.press('Enter');
    const status = page.getByTestId('save-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toMatch(/^保存失败：无法写入浏览器存储（.*磁盘故障）/);
    // Storage back: 重试 saves the change, and the indicator says so.
    await page.evaluate(() => {
      const g = globalThis as unknown as StorageGlobals;
      if (g.__setItem) g.Storage.prototype.setItem = g.__setItem;
    });
    await status.getByRole('button', { name: '重 试' }).or(status.getByRole('button', { name: '重试' })).click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('saved');
    expect(await status.textContent()).toMatch(/^已保存 \d{2}:\d{2}$/);
    await page.reload();
    await gotoStep(page, 'applications');
    await expect.poll(() => cellTexts(page, ['a.new.natural'])).toEqual({ 'a.new.natural': '42' });
  });

  it('pastes TSV blocks copied from Excel/WPS and an HTML table from a web page', async () => {
    const { page } = await app.open();
    await newReportOnTable3(page);
    const s = seed().cells;
    // Rows 一 … （六）3 as one block (23 rows × 6), then 四、结转下年度 as a row from a web page.
    await cell(page, 'a.new.natural').click();
    await setClipboard(page, table3Tsv(s, T3_ROWS.slice(0, 23)));
    await page.keyboard.press('Control+V');
    await expect.poll(() => cellTexts(page, ['a.other.other.other', 'a.done.total'])).toEqual({ 'a.other.other.other': '0', 'a.done.total': '25' });
    await cell(page, 'a.next.natural').click();
    const html = `<meta charset="utf-8"><table><tbody><tr>${T3_COLS.map((c) => `<td>${s[`a.next.${c}`]}</td>`).join('')}</tr></tbody></table>`;
    await setClipboard(page, 'ignored when a table is present', html);
    await page.keyboard.press('Control+V');
    await expect.poll(() => cellTexts(page, ALL_T3)).toEqual(expectedT3());
    await expect.poll(() => page.locator('[data-testid="findings"] [data-finding-rule="T3-1"]:not([data-gone])').count()).toBe(0);

    // A block that includes the 总计 column: the totals are skipped, not written.
    await cell(page, 'a.new.natural').click();
    await setClipboard(page, '30\t0\t0\t0\t0\t1\t999\r\n');
    await page.keyboard.press('Control+V');
    await expect.poll(() => cellTexts(page, ['a.new.natural', 'a.new.total'])).toEqual({ 'a.new.natural': '30', 'a.new.total': '31' });
    // 30 + 0 ≠ 24 + 0 in the 自然人 column now.
    await finding(page, 'T3-1:natural').waitFor();
  });

  it('refuses what is not a whole number, changes nothing until the clerk confirms the rest', async () => {
    const { page } = await app.open();
    await newReportOnTable3(page);
    const targets = ['a.new.natural', 'a.new.commercial', 'a.new.research', 'a.new.ngo', 'a.new.legal', 'a.new.other', 'a.carried.natural', 'a.carried.commercial'];
    const before = await cellTexts(page, targets);
    await cell(page, 'a.new.natural').click();
    await setClipboard(page, '24\t25件\t0\t-3\t1.5\t/\r\n3万\t2\r\n');
    await page.keyboard.press('Control+V');
    const dialog = page.getByTestId('paste-refusal');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const reason of ['“25件”不是整数', '“-3”是负数', '“1.5”不是整数', '“/”不是数字', '“3万”不是整数']) expect(text).toContain(reason);
    expect(await dialog.locator('[data-refused-cell]').count()).toBe(5);
    // Where each would have gone is named.
    expect(await dialog.locator('[data-refused-cell="a.new.commercial"]').textContent()).toContain('商业企业');
    // Nothing changed yet.
    expect(await cellTexts(page, targets)).toEqual(before);

    // Cancel: still nothing.
    await page.getByTestId('paste-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await cellTexts(page, targets)).toEqual(before);

    // Paste again and confirm: only the valid values are written.
    await cell(page, 'a.new.natural').click();
    await page.keyboard.press('Control+V');
    await dialog.waitFor();
    expect(await cellTexts(page, targets)).toEqual(before);
    await page.getByTestId('paste-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await cellTexts(page, targets)).toEqual({ ...before, 'a.new.natural': '24', 'a.new.research': '0', 'a.carried.commercial': '2' });

    // Typing a refused value into a cell: said at once, not taken; Escape leaves the cell as it was.
    // (Keys typed on a cell go to the cell itself, where no input method is active: digits stay
    // half-width whatever the clerk's IME is set to.)
    await cell(page, 'a.new.ngo').click();
    await page.keyboard.type('2.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('grid-status').innerText()).toContain('“2.5”不是整数');
    expect(await activeCell(page)).toBe('a.new.ngo');
    await page.keyboard.press('Escape');
    expect((await cellTexts(page, ['a.new.ngo']))['a.new.ngo']).toBe('');

    // The fee cell (万元) takes decimals up to 4 places.
    await gotoStep(page, 'proactive');
    await cell(page, 'p.fees').click();
    await page.keyboard.type('435.532');
    await page.keyboard.press('Enter');
    expect((await cellTexts(page, ['p.fees']))['p.fees']).toBe('435.532');
    await cell(page, 'p.fees').click();
    await page.keyboard.type('1.23456');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('grid-status').innerText()).toContain('小数超过4位');
    await page.keyboard.press('Escape');
    expect((await cellTexts(page, ['p.fees']))['p.fees']).toBe('435.532');
  });

  it('a click on a finding lands on its cell', async () => {
    const { page } = await app.open();
    await newReportOnTable3(page);
    await cell(page, 'a.new.natural').click();
    await setClipboard(page, table3Tsv(seed().cells, T3_ROWS.slice(0, 23)));
    await page.keyboard.press('Control+V');
    // The last row (结转下年度) is still empty: its V-1 finding names a.next.*.
    await finding(page, 'V-1:t3:0:next').waitFor();

    // From another step: the finding opens 表三 on its first cell, not on the grid's first cell.
    await gotoStep(page, 'overview');
    expect(await page.getByTestId('grid-t3').count()).toBe(0);
    await finding(page, 'V-1:t3:0:next').locator('.finding-msg').click();
    await page.getByTestId('grid-t3').waitFor();
    await expect.poll(() => activeCell(page)).toBe('a.next.natural');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-cell'))).toBe('a.next.natural');

    // Within the step: from another cell to the cross-check's first cell.
    await setClipboard(page, '5\t0\t0\t0\t0\t0\r\n');
    await page.keyboard.press('Control+V');
    await finding(page, 'T3-1:natural').waitFor();
    await cell(page, 'a.open.other').click();
    await expect.poll(() => activeCell(page)).toBe('a.open.other');
    await finding(page, 'T3-1:natural').locator('.finding-msg').click();
    await expect.poll(() => activeCell(page)).toBe('a.new.natural');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-cell'))).toBe('a.new.natural');
    // The status line names the focused cell and its finding.
    const status = await page.getByTestId('grid-status').innerText(); // what is shown (a message out of sight is kept)
    expect(status).toContain('一、本年新收政府信息公开申请数量');
    expect(status).toContain('自然人');

    // A 表二 finding (unfilled 行政许可) lands on 表二's cell.
    await finding(page, 'V-1:t2:1:license').locator('.finding-msg').click();
    await page.getByTestId('grid-t2').waitFor();
    await expect.poll(() => activeCell(page)).toBe('p.license');
  });

  it('undoes and redoes typing, pasting, clearing and filling zeros', async () => {
    const { page } = await app.open();
    await newReportOnTable3(page);
    // The window's title names the report (unit, year).
    expect(await page.title()).toMatch(/2024年政府信息公开工作年度报告 — 年报助手$/);
    // The toolbar's 撤销 / 重做 follow the history.
    const undo = page.getByTestId('undo');
    const redo = page.getByTestId('redo');
    expect([await undo.isDisabled(), await redo.isDisabled()]).toEqual([true, true]);
    await cell(page, 'a.new.natural').click();
    await page.keyboard.type('12');
    expect(await undo.isDisabled()).toBe(true); // still typing: nothing recorded yet
    await page.keyboard.press('Tab');
    await expect.poll(() => undo.isDisabled()).toBe(false);
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    const ids = ['a.new.natural', 'a.new.commercial', 'a.new.total'];
    expect(await cellTexts(page, ids)).toEqual({ 'a.new.natural': '12', 'a.new.commercial': '7', 'a.new.total': '' });

    await page.keyboard.press('Control+Z');
    expect(await cellTexts(page, ids)).toEqual({ 'a.new.natural': '12', 'a.new.commercial': '', 'a.new.total': '' });
    await expect.poll(() => redo.isDisabled()).toBe(false);
    await expect.poll(() => activeCell(page)).toBe('a.new.commercial');
    await page.keyboard.press('Control+Z');
    expect((await cellTexts(page, ids))['a.new.natural']).toBe('');
    await expect.poll(() => undo.isDisabled()).toBe(true);
    await page.keyboard.press('Control+Y');
    expect((await cellTexts(page, ids))['a.new.natural']).toBe('12');
    await page.keyboard.press('Control+Shift+Z');
    expect((await cellTexts(page, ids))['a.new.commercial']).toBe('7');

    // Ctrl+Z while typing drops what was typed, and only that: the history is as it was.
    await cell(page, 'a.new.natural').click();
    await page.keyboard.type('45');
    expect((await cellTexts(page, ids))['a.new.natural']).toBe('45');
    await page.keyboard.press('Control+Z');
    expect(await cellTexts(page, ids)).toEqual({ 'a.new.natural': '12', 'a.new.commercial': '7', 'a.new.total': '' });
    expect(await activeCell(page)).toBe('a.new.natural');
    expect([await undo.isDisabled(), await redo.isDisabled()]).toEqual([false, true]);

    // Fill the blanks with 0: one step; the row total appears.
    await page.getByTestId('fill-zero-t3').click();
    expect(await cellTexts(page, ids)).toEqual({ 'a.new.natural': '12', 'a.new.commercial': '7', 'a.new.total': '19' });
    expect((await cellTexts(page, ['a.next.other']))['a.next.other']).toBe('0');
    await cell(page, 'a.new.natural').click();
    await page.keyboard.press('Control+Z');
    expect((await cellTexts(page, ['a.next.other', 'a.new.total']))).toEqual({ 'a.next.other': '', 'a.new.total': '' });
    await page.keyboard.press('Control+Y');

    // Select a block with Shift+arrows, clear it with Delete, undo brings it back.
    await cell(page, 'a.new.natural').click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Delete');
    expect(await cellTexts(page, ['a.new.natural', 'a.new.commercial', 'a.carried.natural', 'a.carried.commercial'])).toEqual({
      'a.new.natural': '',
      'a.new.commercial': '',
      'a.carried.natural': '',
      'a.carried.commercial': '',
    });
    await page.keyboard.press('Control+Z');
    expect(await cellTexts(page, ['a.new.natural', 'a.new.commercial', 'a.carried.natural'])).toEqual({
      'a.new.natural': '12',
      'a.new.commercial': '7',
      'a.carried.natural': '0',
    });

    // Copy the block and paste it one row down; undo removes the paste in one step.
    await cell(page, 'a.new.natural').click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+C');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText())).toBe('12\t7\r\n');
    await cell(page, 'a.open.natural').click();
    await page.keyboard.press('Control+V');
    expect(await cellTexts(page, ['a.open.natural', 'a.open.commercial'])).toEqual({ 'a.open.natural': '12', 'a.open.commercial': '7' });
    await page.keyboard.press('Control+Z');
    expect(await cellTexts(page, ['a.open.natural', 'a.open.commercial'])).toEqual({ 'a.open.natural': '0', 'a.open.commercial': '0' });

    // F2 edits in place; Escape cancels the edit.
    await cell(page, 'a.new.natural').click();
    await page.keyboard.press('F2');
    await page.keyboard.type('3');
    expect((await cellTexts(page, ['a.new.natural']))['a.new.natural']).toBe('123');
    // The <input> lies exactly over the cell (placed by the cell's contained box, not by the td:
    // a positioned or clipping td would get a paint layer, for each of ~170 cells) and lets the
    // cell's editing ring show through.
    const tdBox = (await cell(page, 'a.new.natural').boundingBox())!;
    const inputBox = (await page.locator('[data-cell-input="a.new.natural"]').boundingBox())!;
    const overlay = {
      dx: Math.abs(tdBox.x - inputBox.x) + Math.abs(tdBox.x + tdBox.width - inputBox.x - inputBox.width),
      dy: Math.abs(tdBox.y - inputBox.y) + Math.abs(tdBox.y + tdBox.height - inputBox.y - inputBox.height),
      ...(await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        const td = w.getComputedStyle(w.document.querySelector('td[data-cell="a.new.natural"]')!);
        return {
          td: `${td.position} ${td.overflow}`,
          background: w.getComputedStyle(w.document.querySelector('[data-cell-input="a.new.natural"]')!).backgroundColor,
        };
      })),
    };
    expect(overlay.dx).toBeLessThanOrEqual(3); // the td's right border only
    expect(overlay.dy).toBeLessThanOrEqual(3); // the td's bottom border only
    expect(overlay.td).toBe('static visible');
    expect(overlay.background).toBe('rgba(0, 0, 0, 0)');
    await page.keyboard.press('Escape');
    expect((await cellTexts(page, ['a.new.natural']))['a.new.natural']).toBe('12');
    // A total cannot be typed into.
    await cell(page, 'a.new.total').click();
    await page.keyboard.type('5');
    expect((await cellTexts(page, ['a.new.total']))['a.new.total']).toBe('19');
    await expect.poll(() => page.getByTestId('grid-status').innerText()).toContain('自动计算');
    await waitSaved(page);
  });
});
