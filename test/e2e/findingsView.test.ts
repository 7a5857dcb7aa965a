/**
 * FindingsView (the findings panel's list, drawn outside React) on its own, in real Chromium: the
 * module is bundled by Vite for the page, and driven with findings made here — grouping and order,
 * counts, more than SHOWN_PER_GROUP in a group, items kept while only messages change, clicks, and
 * the explanation editor's slot.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/checker/types';
import { appStyles, bundleModule, launch, type LaunchedBrowser } from './browser';
import { CHROMIUM } from './fixture';

/** With the app's stylesheet: items that left the list are hidden by its [data-gone] rules. */
const PAGE = `<!doctype html><meta charset="utf-8"><style>${appStyles()}</style><body>
<aside id="panel"><header><span id="errors"></span><span id="warnings"></span><span id="explained" hidden></span></header><div id="body"></div></aside>`;

/** What the page's test harness exposes: the view, and the handler calls it made. */
const HARNESS = `(() => {
  const calls = [];
  const $ = (id) => document.getElementById(id);
  const view = new FV.FindingsView($('panel'), { errors: $('errors'), warnings: $('warnings'), explained: $('explained') }, $('body'), {
    go: (f) => calls.push(['go', f.id, f.message]),
    explain: (f, text) => calls.push(['explain', f.id, text === undefined ? null : text]),
    editing: (e) => calls.push(['editing', e ? e.finding.id : null, e ? e.initial : null, e ? e.slot.closest('[data-finding-id]').dataset.findingId : null]),
  });
  window.__view = view;
  window.__calls = calls;
})()`;

const f = (id: string, section: Finding['section'], severity: Finding['severity'], message: string, explanation?: string): Finding => ({
  id,
  rule: id.split(':')[0]!,
  severity,
  cells: [],
  message,
  section,
  ...(explanation ? { explanation } : {}),
});

/** 35 errors in 三 (more than the 30 shown), a warning in 一, an error in 基本信息. */
const many = (suffix = ''): Finding[] => [
  f('S-4:x', 'overview', 'warning', '人民政府的年度报告还应包括工作考核'),
  ...Array.from({ length: 35 }, (_, i) => f(`V-1:a${i}`, 'applications', 'error', `表三第${i + 1}行未填写${suffix}`)),
  f('B-1:unit', 'basic', 'error', '没有填写单位名称'),
];

const update = (page: Page, findings: readonly Finding[]): Promise<void> => page.evaluate((fs) => (globalThis as unknown as { __view: { update(x: unknown): void } }).__view.update(fs), findings);
/** The items and groups shown (those that left the list stay in it, hidden, marked data-gone). */
const ids = (page: Page): Promise<string[]> => page.locator('#body [data-finding-id]:not([data-gone])').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding-id')!));
const groups = (page: Page): Promise<string[]> => page.locator('#body section:not([data-gone]) h4').allTextContents();
const calls = (page: Page): Promise<unknown[][]> => page.evaluate(() => (globalThis as unknown as { __calls: unknown[][] }).__calls.splice(0));

describe.skipIf(!CHROMIUM)('FindingsView in Chromium', () => {
  let browser: LaunchedBrowser;
  let bundle: string;
  let page: Page;

  beforeAll(async () => {
    bundle = await bundleModule('src/renderer/src/editor/findingsView.ts', 'FV');
    browser = await launch(CHROMIUM!);
  });
  afterAll(async () => browser?.close());

  const open = async (): Promise<Page> => {
    const context = await browser.newContext();
    page = await context.newPage();
    await page.setContent(PAGE);
    await page.addScriptTag({ content: bundle });
    await page.evaluate(HARNESS);
    return page;
  };

  it('groups by section in the format order, errors first, 30 per group until 显示其余 is clicked; counts in the header', async () => {
    const page = await open();
    await update(page, many());
    expect(await groups(page)).toEqual(['基本信息', '一、总体情况', '三、收到和处理政府信息公开申请情况']);
    const shown = await ids(page);
    expect(shown).toHaveLength(1 + 1 + 30);
    expect(shown.slice(0, 3)).toEqual(['B-1:unit', 'S-4:x', 'V-1:a0']);
    expect(await page.locator('#errors').textContent()).toBe('36 错误');
    expect(await page.locator('#warnings').textContent()).toBe('1 提示');
    expect(await page.locator('#panel').getAttribute('data-errors')).toBe('36');
    const more = page.locator('#body [data-action="more"]:visible');
    expect(await more.textContent()).toBe('显示其余 5 条');
    await more.click();
    expect(await ids(page)).toHaveLength(37);
    expect(await page.locator('#body [data-action="more"]:visible').count()).toBe(0);
  });

  it('keeps the items when only messages change, and moves, adds and removes them as findings come and go', async () => {
    const page = await open();
    await update(page, many());
    await page.locator('[data-finding-id="V-1:a3"]').evaluate((el) => el.setAttribute('data-probe', 'kept'));
    await update(page, many('（已改）'));
    expect(await page.locator('[data-finding-id="V-1:a3"]').getAttribute('data-probe')).toBe('kept');
    expect(await page.locator('[data-finding-id="V-1:a3"] .finding-msg').textContent()).toContain('表三第4行未填写（已改）');

    // The basic error goes, a new warning comes in 三 (after its errors), the 一 warning is explained.
    const next = many().filter((x) => x.id !== 'B-1:unit');
    next[0] = f('S-4:x', 'overview', 'warning', '人民政府的年度报告还应包括工作考核', '本年度未单独开展');
    next.push(f('X-1:p2', 'applications', 'warning', '正文说本年新收25件，表三为24件'));
    await update(page, next);
    expect(await groups(page)).toEqual(['一、总体情况', '三、收到和处理政府信息公开申请情况']);
    expect(await page.locator('[data-finding-id="B-1:unit"]:visible').count()).toBe(0);
    expect(await page.locator('[data-finding-id="V-1:a3"]').getAttribute('data-probe')).toBe('kept');
    expect(await page.locator('#errors').textContent()).toBe('35 错误');
    expect(await page.locator('#warnings').textContent()).toBe('1 提示');
    expect(await page.locator('#explained').textContent()).toBe('1 已说明');
    expect(await page.locator('[data-finding-id="S-4:x"]').getAttribute('class')).toBe('finding finding-explained');
    expect(await page.locator('[data-finding-id="S-4:x"] .finding-explanation').textContent()).toBe('说明：本年度未单独开展');

    await update(page, []);
    expect(await ids(page)).toEqual([]);
    expect(await page.locator('#body > :visible').allTextContents()).toEqual(['✓ 没有发现问题']);
    expect(await page.locator('#errors').getAttribute('class')).toBe('count count-zero');
  });

  it('a finding that goes and comes back gets its item and group back, showing the new message and severity', async () => {
    const page = await open();
    const cross = (n: number, severity: Finding['severity'] = 'error'): Finding =>
      f('T3-1:natural', 'applications', severity, `“自然人”列：现在左边是24，右边是${n}，相差${n - 24}。`);
    await update(page, [f('S-4:x', 'overview', 'warning', '人民政府的年度报告还应包括工作考核'), cross(25)]);
    await page.locator('[data-finding-id="T3-1:natural"]').evaluate((el) => el.setAttribute('data-probe', 'first'));
    await page.locator('section[data-group="applications"]').evaluate((el) => el.setAttribute('data-probe', 'first'));
    await update(page, [f('S-4:x', 'overview', 'warning', '人民政府的年度报告还应包括工作考核')]);
    expect(await groups(page)).toEqual(['一、总体情况']);
    // Gone: kept in place but not seen, out of the tab order and the accessibility tree.
    const gone = page.locator('[data-finding-id="T3-1:natural"]');
    expect(await gone.isVisible()).toBe(false);
    expect(await gone.evaluate((el) => el.getBoundingClientRect().height)).toBe(0);
    expect(await page.locator('section[data-group="applications"]').evaluate((el) => el.getBoundingClientRect().height)).toBe(0);
    expect(await gone.getAttribute('aria-hidden')).toBe('true');
    expect(await gone.locator('button').evaluateAll((bs) => bs.map((b) => (b as unknown as { tabIndex: number }).tabIndex))).toEqual([-1]);
    await page.locator('[data-finding-id="S-4:x"] .finding-msg').focus();
    await page.keyboard.press('Tab'); // to its 写明说明 link
    await page.keyboard.press('Tab'); // past the gone item: nothing else to focus in the panel
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('[data-finding-id="T3-1:natural"]') ?? null)).toBeNull();
    await update(page, [f('S-4:x', 'overview', 'warning', '人民政府的年度报告还应包括工作考核'), cross(27, 'warning')]);
    expect(await groups(page)).toEqual(['一、总体情况', '三、收到和处理政府信息公开申请情况']);
    const back = page.locator('[data-finding-id="T3-1:natural"]');
    expect(await back.getAttribute('data-probe')).toBe('first');
    expect(await page.locator('section[data-group="applications"]').getAttribute('data-probe')).toBe('first');
    expect(await back.locator('.finding-msg').textContent()).toContain('右边是27，相差3');
    expect(await back.getAttribute('class')).toBe('finding finding-warning');
    expect(await back.isVisible()).toBe(true);
    expect(await back.getAttribute('aria-hidden')).toBeNull();
    expect(await back.locator('.finding-msg').getAttribute('tabindex')).toBeNull();
    expect(await back.locator('[data-action="explain"]').count()).toBe(1);
    expect(await page.locator('#errors').textContent()).toBe('0 错误');
    expect(await page.locator('#warnings').textContent()).toBe('2 提示');
  });

  it('moves no node when a finding leaves or comes back (before, between or after the others, or as the only one)', async () => {
    const page = await open();
    const x = (n: number): Finding => f('T3-1:natural', 'applications', 'error', `“自然人”列：右边是${n}，相差${n - 24}。`);
    const a = f('T3-1:commercial', 'applications', 'error', '“商业企业”列：右边是3，相差1。');
    const b = f('T3-1:total', 'applications', 'error', '“总计”列：右边是30，相差6。');
    const w = f('S-4:x', 'overview', 'warning', '人民政府的年度报告还应包括工作考核');
    // Items and groups put into the list (a node moved is put in again), counted from now on;
    // the messages' own nodes aside (numbers get boxes as they change).
    const inserted = (): Promise<number> =>
      page.evaluate(() => {
        const g = globalThis as unknown as { __added: number };
        const n = g.__added;
        g.__added = 0;
        return n;
      });
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        __added: number;
        document: { getElementById(id: string): unknown };
        MutationObserver: new (cb: (records: { target: { id: string; tagName: string }; addedNodes: { length: number } }[]) => void) => { observe(n: unknown, o: unknown): void };
      };
      g.__added = 0;
      new g.MutationObserver((records) => {
        for (const r of records) if (r.target.id === 'body' || r.target.tagName === 'UL') g.__added += r.addedNodes.length;
      }).observe(g.document.getElementById('body'), { childList: true, subtree: true });
    });
    // In the order shown (一 before 三).
    for (const [before, after] of [
      [[a, x(25), b], [a, b]], // between
      [[x(25), a, b], [a, b]], // first
      [[a, b, x(25)], [a, b]], // last
      [[x(25)], []], // the only one: its group goes too, “没有发现问题” comes
      [[w, x(25)], [w]], // the only one of its group, with a group before it
    ] as const) {
      await update(page, [...before]);
      await update(page, [...after]);
      await inserted();
      await update(page, before.map((y) => (y.id === 'T3-1:natural' ? x(27) : y))); // back, another number
      expect(await inserted(), `${before.map((y) => y.id).join(',')} → ${after.map((y) => y.id).join(',')} and back`).toBe(0);
      expect(await ids(page)).toEqual(before.map((y) => y.id));
      await update(page, [...after]);
      expect(await inserted()).toBe(after.length === 0 ? 1 : 0); // only “没有发现问题”, when nothing is left
      expect(await ids(page)).toEqual(after.map((y) => y.id));
    }
  });

  it('closes the explanation editor when its warning is no longer shown (beyond the 30 of its group)', async () => {
    const page = await open();
    const warn = (i: number): Finding => f(`V-2:w${i}`, 'applications', 'warning', `第${i}项提示`);
    const warnings = Array.from({ length: 5 }, (_, i) => warn(i));
    await update(page, warnings);
    await page.locator('[data-finding-id="V-2:w4"] [data-action="explain"]').click();
    expect(await calls(page)).toEqual([['editing', 'V-2:w4', '', 'V-2:w4']]);
    // 30 errors come into its group ahead of the warnings: the warning is still there, not shown.
    const errors = Array.from({ length: 30 }, (_, i) => f(`V-1:e${i}`, 'applications', 'error', `第${i}项未填写`));
    await update(page, [...errors, ...warnings]);
    expect(await calls(page)).toEqual([['editing', null, null, null]]);
    // Shown again: with its button, not an empty slot.
    await update(page, warnings);
    expect(await page.locator('[data-finding-id="V-2:w4"] [data-action="explain"]').count()).toBe(1);
    expect(await page.locator('[data-finding-id="V-2:w4"] .finding-explain-edit').count()).toBe(0);
  });

  it('keeps at most 60 items that left the list, the newest', async () => {
    const page = await open();
    const batch = (from: number): Finding[] => Array.from({ length: 25 }, (_, i) => f(`V-1:b${from + i}`, 'applications', 'error', `第${from + i}项`));
    for (let k = 0; k < 4; k++) await update(page, batch(k * 25)); // 100 items, 75 of them gone
    expect(await ids(page)).toHaveLength(25);
    expect(await page.locator('#body [data-gone][data-finding-id]').count()).toBe(60);
    // The oldest went for good, the newest are kept.
    expect(await page.locator('[data-finding-id="V-1:b0"]').count()).toBe(0);
    expect(await page.locator('[data-finding-id="V-1:b74"]').count()).toBe(1);
  });

  it('a click goes to the current finding; a warning opens the editor in its slot, and can be withdrawn', async () => {
    const page = await open();
    await update(page, many());
    await update(page, many('（新）'));
    await page.locator('[data-finding-id="V-1:a0"] .finding-msg').click();
    expect(await calls(page)).toEqual([['go', 'V-1:a0', '表三第1行未填写（新）']]);

    await page.locator('[data-finding-id="S-4:x"] [data-action="explain"]').click();
    expect(await calls(page)).toEqual([['editing', 'S-4:x', '', 'S-4:x']]);
    expect(await page.locator('[data-finding-id="S-4:x"] .finding-explain-edit').count()).toBe(1);
    expect(await page.locator('[data-finding-id="S-4:x"] [data-action="explain"]').count()).toBe(0);
    // A message change while editing keeps the editor's slot.
    await update(page, many('（再改）'));
    expect(await page.locator('[data-finding-id="S-4:x"] .finding-explain-edit').count()).toBe(1);
    await page.evaluate(() => (globalThis as unknown as { __view: { stopEditing(): void } }).__view.stopEditing());
    expect(await calls(page)).toEqual([['editing', null, null, null]]);
    expect(await page.locator('[data-finding-id="S-4:x"] [data-action="explain"]').count()).toBe(1);

    const kept = many();
    kept[0] = f('S-4:x', 'overview', 'warning', '人民政府的年度报告还应包括工作考核', '本年度未单独开展');
    await update(page, kept);
    await page.locator('[data-finding-id="S-4:x"] [data-action="unexplain"]').click();
    expect(await calls(page)).toEqual([['explain', 'S-4:x', null]]);
    await page.locator('[data-finding-id="S-4:x"] [data-action="edit"]').click();
    expect(await calls(page)).toEqual([['editing', 'S-4:x', '本年度未单独开展', 'S-4:x']]);

    // The finding being explained goes away: the editor is closed.
    await update(page, many().slice(1));
    expect(await calls(page)).toEqual([['editing', null, null, null]]);
  });

  it('a warning whose editor was open comes back (the same finding object) with its buttons, not an empty slot', async () => {
    const page = await open();
    // The findings live in the page, so the very same objects can be shown again (as the checker's
    // text memo hands back the same warning after an undo).
    await page.evaluate((fs) => {
      const g = globalThis as unknown as { __all: unknown[]; __view: { update(x: unknown): void } };
      g.__all = fs;
      g.__view.update(g.__all);
    }, many());
    await page.locator('[data-finding-id="S-4:x"] [data-action="explain"]').click();
    expect(await page.locator('[data-finding-id="S-4:x"] .finding-explain-edit').count()).toBe(1);
    await page.evaluate(() => {
      const g = globalThis as unknown as { __all: unknown[]; __view: { update(x: unknown): void } };
      g.__view.update(g.__all.slice(1));
      g.__view.update(g.__all);
    });
    const back = page.locator('[data-finding-id="S-4:x"]');
    expect(await back.locator('.finding-explain-edit').count()).toBe(0);
    expect(await back.locator('[data-action="explain"]').count()).toBe(1);
    expect(await calls(page)).toEqual([
      ['editing', 'S-4:x', '', 'S-4:x'],
      ['editing', null, null, null],
    ]);
  });
});
