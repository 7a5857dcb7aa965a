/**
 * npm run bench:ab -- <variants.json> [rounds] [--scene fill|one-cell] [--rate N]
 *
 * Compares stylesheet variants of the app on the keystroke → findings figure, interleaved in one
 * page. On this kind of machine (a shared 2-core VM) the same build's p95 moves by ±20 % over
 * minutes, so two builds measured one after the other cannot show a change of a few per cent.
 * Here the variants take turns, so every variant sees the same phases of the machine:
 *
 * - `--scene fill` (the default): 表三 of blank reports is typed by keyboard, as bench/renderer.ts
 *   (b'); the variants take turns row by row, and their order is rotated with every report.
 *   `rounds` is the number of reports (default 4).
 * - `--scene one-cell`: digits typed into 结转下年度/自然人 of the seed report, as (b); the variants
 *   take turns in blocks of 20 digits (the first 2 of a block, right after its stylesheet came in,
 *   are left out). `rounds` is the number of blocks per variant (default 8).
 *
 * `--rate N` slows the CPU down N times (default 4, as the benchmark). With `--rate 1` the time
 * the app works per keystroke (first listener → laid out, "work" below) is measured without the
 * throttle's jitter: a change of about 0.1 ms shows there, where at 4× only changes of about a
 * millisecond do (see bench/README.md).
 *
 * variants.json: a JSON array of CSS texts; "" is the app as built. Each variant's CSS is put in a
 * <style> of its own after the app's styles before its keystrokes. For example
 *   ["", ".grid-status{display:none}"]
 * shows what the status line costs per keystroke.
 *
 * Prints per variant the samples, the median, p90 and p95 of keystroke → findings updated and
 * laid out, the medians of its parts, and the work per keystroke (the mean of the middle 80 %)
 * split by what the keystroke did: a finding came or went, or only messages changed. Not a test:
 * nothing asserts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { firstRun, openSeed, T3_ROWS } from '../test/e2e/app';
import { findChromium, launch, openPage, RENDERER_DIR, serveDir } from '../test/e2e/browser';
import { openBlankTable3, openSeedCell, throttle, typeDigits, typeTable3Row, type KeySample, type KeyTiming } from './renderer';
import { median, percentile } from './stats';

const SET_VARIANT = (css: string): string => `(() => {
  let s = document.getElementById('bench-ab-variant');
  if (!s) { s = document.createElement('style'); s.id = 'bench-ab-variant'; document.head.append(s); }
  s.textContent = ${JSON.stringify(css)};
  window.__lat = [];
})()`;

const USAGE = 'usage: npm run bench:ab -- <variants.json> [rounds] [--scene fill|one-cell] [--rate N]';
const BLOCK = 20;
const LEFT_OUT = 2;

interface Options {
  readonly file: string;
  readonly rounds: number | undefined;
  readonly scene: 'fill' | 'one-cell';
  readonly rate: number;
}

function parseArgs(args: readonly string[]): Options {
  let file: string | undefined;
  let rounds: number | undefined;
  let scene: Options['scene'] = 'fill';
  let rate = 4;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--scene') {
      const v = args[++i];
      if (v !== 'fill' && v !== 'one-cell') throw new Error(USAGE);
      scene = v;
    } else if (a === '--rate') {
      rate = Number(args[++i]);
      if (!(rate >= 1)) throw new Error(USAGE);
    } else if (file === undefined) file = a;
    else if (rounds === undefined && /^\d+$/.test(a)) rounds = Number(a);
    else throw new Error(USAGE);
  }
  if (!file) throw new Error(USAGE);
  return { file, rounds, scene, rate };
}

/** Blank reports' 表三 typed row by row, the variants taking turns by row. */
async function fillScene(page: Page, url: string, variants: readonly string[], samples: KeySample[][], o: Options): Promise<string> {
  const reports = o.rounds ?? 4;
  await firstRun(page);
  for (let r = 0; r < reports; r++) {
    if (r > 0) {
      await page.goto(`${url}#/`);
      await page.getByTestId('new-report').click();
    }
    await openBlankTable3(page, 2030 + r, o.rate); // the dialog is open: after the first run, or just above
    for (const [i, row] of T3_ROWS.entries()) {
      const v = (i + r) % variants.length;
      await page.evaluate(SET_VARIANT(variants[v]!));
      await page.waitForTimeout(60);
      await typeTable3Row(page, row);
      await page.waitForTimeout(200);
      samples[v]!.push(...((await page.evaluate('window.__lat')) as KeySample[]));
    }
    await throttle(page, 1);
    await page.evaluate(SET_VARIANT(''));
  }
  return `${reports} blank reports filled, variants taking turns by row`;
}

/** Digits typed into one cell of the seed report (T3-1 changes with each), variants taking turns by block. */
async function oneCellScene(page: Page, url: string, variants: readonly string[], samples: KeySample[][], o: Options): Promise<string> {
  const blocks = o.rounds ?? 8;
  await openSeedCell(page, url, await openSeed(page));
  await throttle(page, o.rate);
  for (let b = 0; b < blocks * variants.length; b++) {
    const v = (b + Math.floor(b / variants.length)) % variants.length; // the order rotates every round
    await page.evaluate(SET_VARIANT(variants[v]!));
    await page.waitForTimeout(60);
    samples[v]!.push(...(await typeDigits(page, BLOCK)).slice(LEFT_OUT));
  }
  await throttle(page, 1);
  return `${blocks} blocks of ${BLOCK} digits per variant (the first ${LEFT_OUT} of each left out), variants taking turns`;
}

/** The mean of the middle 80 %: steadier than the median for times measured in 0.1 ms steps. */
function trimmedMean(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.slice(Math.floor(s.length * 0.1), Math.ceil(s.length * 0.9));
  return mid.length ? mid.reduce((a, b) => a + b, 0) / mid.length : NaN;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const variants = JSON.parse(readFileSync(resolve(o.file), 'utf8')) as unknown;
  if (!Array.isArray(variants) || variants.length === 0 || !variants.every((v) => typeof v === 'string')) {
    throw new Error(`${o.file}: expected a JSON array of CSS texts`);
  }
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: npx electron-vite build');
  const exe = findChromium();
  if (!exe) throw new Error('no Chromium-family browser found (apt-get install -y chromium, or set CHROMIUM_PATH)');

  const browser = await launch(exe);
  const server = await serveDir();
  const samples: KeySample[][] = variants.map(() => []);
  let how: string;
  try {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, server.url);
    how = await (o.scene === 'fill' ? fillScene : oneCellScene)(page, server.url, variants as string[], samples, o);
    if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }

  const r1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
  const r2 = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);
  const work = (xs: readonly KeySample[]): string => (xs.length ? `${r2(trimmedMean(xs.map((s) => s.script + s.layout)))} (n ${xs.length})` : '-');
  const cpu = o.rate === 1 ? 'CPU at full speed' : `CPU ${o.rate}× slower`;
  console.log(`\nkeystroke → findings updated and laid out, ${cpu}, ${how}\n`);
  samples.forEach((xs, v) => {
    const of = (k: KeyTiming): number[] => xs.map((s) => s[k]);
    const css = (variants[v] as string) || '(as built)';
    console.log(
      `variant ${v}  n ${xs.length}  median ${r1(median(of('updated')))}  p90 ${r1(percentile(of('updated'), 90))}  p95 ${r1(percentile(of('updated'), 95))} ms` +
        ` | delivery ${r1(median(of('delay')))}  script ${r1(median(of('script')))}  style+layout ${r1(median(of('layout')))}` +
        ` | work: a finding came or went ${work(xs.filter((s) => s.shape))}, only messages ${work(xs.filter((s) => !s.shape))}  ${css.slice(0, 80)}`,
    );
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
