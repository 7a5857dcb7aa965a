/**
 * The narrative sections: 公文 headings in the preview, the required topics of 一, and a text
 * finding (text against the tables) leading to its paragraph.
 */
import { describe, expect, it } from 'vitest';
import { cell, createReport, firstRun, gotoStep, openSeed } from './app';
import type { PageGlobals } from './dom';
import { CHROMIUM, useApp } from './fixture';

describe.skipIf(!CHROMIUM)('narrative sections', () => {
  const app = useApp();

  it('shows 公文 headings and ticks the required topics as they are written', async () => {
    const { page } = await app.open();
    await firstRun(page);
    await createReport(page, 2024);
    await gotoStep(page, 'overview');
    // The step list is keyboard-first too: ↓ and Enter open the next step.
    await page.locator('nav.steps [role="menuitem"]:has([data-step="overview"])').focus();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.querySelector('[data-step]')?.getAttribute('data-step')))
      .toBe('proactive');
    await page.keyboard.press('Enter');
    await page.locator('[data-step-main="proactive"]').waitFor();
    await gotoStep(page, 'overview');
    const topics = page.getByTestId('topics');
    expect(await topics.locator('[data-covered="true"]').count()).toBe(0);
    // A 人民政府 also reports 工作考核、社会评议、责任追究.
    expect(await topics.locator('[data-topic]').count()).toBe(8);

    // The section's own findings are listed beside the text too; a click puts the caret in it.
    const beside = page.getByTestId('text-findings');
    expect(await beside.textContent()).toContain('“一、总体情况”还没有内容');
    await beside.getByRole('button', { name: /还没有内容/ }).click();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-text'))).toBe('overview');

    const text = page.locator('textarea[data-text="overview"]');
    await text.click();
    await page.keyboard.type('（一）主动公开情况。本年主动公开政府信息5000余条。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1.平台建设。政府网站运行平稳。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('全年未发生责任追究事项。');
    await expect.poll(() => page.locator('.preview .para').count()).toBe(3);
    expect(await page.locator('.preview .para-l2 .para-heading').textContent()).toBe('（一）主动公开情况。');
    expect(await page.locator('.preview .para-l3 .para-heading').textContent()).toBe('1.平台建设。');
    expect(await page.locator('.preview .para-l0').count()).toBe(1);
    for (const t of ['主动公开', '平台建设', '责任追究结果']) expect(await topics.locator(`[data-topic="${t}"]`).getAttribute('data-covered')).toBe('true');
    expect(await topics.locator('[data-topic="依申请公开"]').getAttribute('data-covered')).toBe('false');
    await expect.poll(() => beside.textContent()).toMatch(/“一、总体情况”没有写到：[^。]*依申请公开/);
    expect(await beside.textContent()).not.toContain('还没有内容');
  });

  it('a text finding leads to its paragraph', async () => {
    const { page } = await app.open();
    await openSeed(page);
    await gotoStep(page, 'applications');
    await cell(page, 'a.new.natural').click();
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    // The text says 25 applications; the table now says 31.
    const finding = page.locator('[data-testid="findings"] [data-finding-rule="X-1"]:not([data-gone])').first();
    await finding.waitFor();
    await finding.locator('.finding-msg').click();
    await page.locator('[data-step-main="overview"]').waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const w = globalThis as unknown as PageGlobals;
          const ta = w.document.activeElement as unknown as { tagName: string; value: string; selectionStart: number; selectionEnd: number };
          return ta.tagName === 'TEXTAREA' ? ta.value.slice(ta.selectionStart, ta.selectionEnd) : '';
        }),
      )
      .toContain('全年共收到政府信息公开申请25件');
    expect(await page.locator('.preview .para-highlight').textContent()).toContain('25件');
    // Listed beside the text as well.
    expect(await page.getByTestId('text-findings').textContent()).toContain('第4段');
  });
});
