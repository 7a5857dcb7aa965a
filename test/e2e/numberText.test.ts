/**
 * setNumberText (common/dom.ts) in real Chromium: a message is first written as plain text; when
 * it comes again with the same words, the numbers that changed are put in boxes (kept and only
 * retexted afterwards), in no-wrap groups with the characters around them; the element's text is
 * always the message.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appStyles, bundleModule, launch, type LaunchedBrowser } from './browser';
import { CHROMIUM } from './fixture';

/** The app's own stylesheet (the .num and .num-group rules), and a message box like the panel's. */
const CSS = `${appStyles()}
#m { width: 150px; font-size: 13px; line-height: 1.5; }`;

const msg = (left: number, next: number): string => `“自然人”列：本年新收(24)+上年结转(0)应等于办理结果总计(24)+结转下年度(${next})，现在左边是24，右边是${left}，相差${left - 24}。`;

interface Shape {
  readonly text: string;
  readonly boxes: string[];
  readonly groups: string[];
  readonly children: number;
}

describe.skipIf(!CHROMIUM)('setNumberText in Chromium', () => {
  let browser: LaunchedBrowser;
  let bundle: string;
  let page: Page;

  beforeAll(async () => {
    bundle = await bundleModule('src/renderer/src/common/dom.ts', 'DOMH');
    browser = await launch(CHROMIUM!);
    const context = await browser.newContext();
    page = await context.newPage();
    await page.setContent(`<!doctype html><meta charset="utf-8"><style>${CSS}</style><body><div id="m"></div>`);
    await page.addScriptTag({ content: bundle });
  });
  afterAll(async () => browser?.close());

  const write = (text: string): Promise<Shape> =>
    page.evaluate((t) => {
      const g = globalThis as unknown as {
        DOMH: { setNumberText(el: unknown, text: string): void };
        document: { getElementById(id: string): { textContent: string; childNodes: { length: number }; querySelectorAll(s: string): Iterable<{ textContent: string }> } };
      };
      const el = g.document.getElementById('m');
      g.DOMH.setNumberText(el, t);
      return {
        text: el.textContent,
        boxes: [...el.querySelectorAll('.num')].map((b) => b.textContent),
        groups: [...el.querySelectorAll('.num-group')].map((b) => b.textContent),
        children: el.childNodes.length,
      };
    }, text);

  it('writes plain text first, boxes only the numbers that change, and keeps those boxes', async () => {
    expect(await write(msg(25, 1))).toEqual({ text: msg(25, 1), boxes: [], groups: [], children: 1 });
    // Same words, three numbers changed: boxed with the characters around them.
    expect(await write(msg(27, 3))).toEqual({ text: msg(27, 3), boxes: ['3', '27', '3'], groups: ['(3)', '是27，', '差3。'], children: 6 });
    await page.locator('#m .num').first().evaluate((el) => el.setAttribute('data-probe', 'kept'));
    // The same numbers again: only the boxes' text changes (and their width with the digits).
    expect(await write(msg(381, 357))).toEqual({ text: msg(381, 357), boxes: ['357', '381', '357'], groups: ['(357)', '是381，', '差357。'], children: 6 });
    expect(await page.locator('#m .num').first().getAttribute('data-probe')).toBe('kept');
    expect(await page.locator('#m .num').first().evaluate((el) => (el as unknown as { style: { width: string } }).style.width)).toBe('3ch');
    // Another number changes too: boxed as well.
    const other = msg(381, 357).replace('本年新收(24)', '本年新收(30)');
    expect((await write(other)).boxes).toEqual(['30', '357', '381', '357']);
    // Other words: written again as plain text.
    expect(await write('表三“其他”列未填写。')).toEqual({ text: '表三“其他”列未填写。', boxes: [], groups: [], children: 1 });
    expect(await write('')).toEqual({ text: '', boxes: [], groups: [], children: 0 });
  });

  it('boxes a message that comes back with the same words at once', async () => {
    // A new element: nothing kept from the tests before.
    await page.locator('#m').evaluate((el) => {
      const fresh = el.cloneNode(false);
      el.replaceWith(fresh);
    });
    await write(msg(25, 1));
    expect((await write(msg(27, 3))).boxes).toEqual(['3', '27', '3']); // boxed on the second write
    // The message goes (another one, then none) and comes back with other numbers: boxed at once,
    // the same numbers as before.
    expect((await write('表三“其他”列未填写。')).boxes).toEqual([]);
    expect(await write('')).toEqual({ text: '', boxes: [], groups: [], children: 0 });
    expect(await write(msg(30, 6))).toEqual({ text: msg(30, 6), boxes: ['6', '30', '6'], groups: ['(6)', '是30，', '差6。'], children: 6 });
    // Only those: a message with other words is still written plain.
    expect((await write('正文说25件，表三为24件。')).boxes).toEqual([]);
  });

  it('writes new plain words into the text node it has (the node is not replaced)', async () => {
    await write('');
    await write('表三“一、本年新收政府信息公开申请数量”行有6格未填写（自然人、商业企业）。');
    const mark = (): Promise<void> =>
      page.evaluate(() => {
        (globalThis as unknown as { document: { getElementById(id: string): { firstChild: { probe?: string } } } }).document.getElementById('m').firstChild.probe = 'kept';
      });
    const probe = (): Promise<string | undefined> => page.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { firstChild: { probe?: string } | null } } }).document.getElementById('m').firstChild?.probe);
    await mark();
    expect(await write('表三“一、本年新收政府信息公开申请数量”行有5格未填写（商业企业）。')).toEqual({ text: '表三“一、本年新收政府信息公开申请数量”行有5格未填写（商业企业）。', boxes: [], groups: [], children: 1 });
    expect(await probe()).toBe('kept');
    // Boxed numbers, then plain words again: back to one text node.
    await write(msg(25, 1));
    await write(msg(27, 3));
    expect(await write('表三“其他”列未填写。')).toEqual({ text: '表三“其他”列未填写。', boxes: [], groups: [], children: 1 });
  });

  it('keeps a character outside the BMP whole next to a number', async () => {
    await write('');
    await write('正文说“𠀀𠀁25件”，表三为24件。');
    const shape = await write('正文说“𠀀𠀁26件”，表三为24件。');
    expect(shape.text).toBe('正文说“𠀀𠀁26件”，表三为24件。');
    expect(shape.groups).toEqual(['𠀁26件']);
  });

  it('never breaks a line between a number and its brackets or punctuation', async () => {
    await write(msg(25, 1));
    await write(msg(381, 357)); // numbers boxed
    // At every width, each number stays on one line with the characters around it.
    for (let width = 110; width <= 330; width += 2) {
      const split = await page.locator('#m').evaluate((el, w) => {
        (el as unknown as { style: { width: string } }).style.width = `${w}px`;
        const groups = [...(el as unknown as { querySelectorAll(s: string): Iterable<{ textContent: string; getClientRects(): { length: number } }> }).querySelectorAll('.num-group')];
        return groups.filter((g) => g.getClientRects().length > 1).map((g) => g.textContent);
      }, width);
      expect(split, `width ${width}px`).toEqual([]);
    }
    expect(await page.locator('#m').textContent()).toBe(msg(381, 357));
  });
});
