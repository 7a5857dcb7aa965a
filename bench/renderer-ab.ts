/**
 * npm run bench:ab -- <variants.json> [reports]
 *
 * Compares stylesheet variants of the app on the keystroke → findings figure, interleaved in one
 * page. On this kind of machine (a shared 2-core VM) the same build's p95 moves by ±20 % over
 * minutes, so two builds measured one after the other cannot show a change of a few per cent.
 * Here the variants take turns row by row while 表三 of blank reports is typed by keyboard with
 * the CPU slowed 4× (as bench/renderer.ts (b')), so every variant sees the same phases of the
 * machine. The order of the variants is rotated with every report.
 *
 * variants.json: a JSON array of CSS texts; "" is the app as built. Each variant's CSS is put in a
 * <style> of its own after the app's styles before its rows are typed. For example
 *   ["", ".grid-status{display:none}"]
 * shows what the status line costs per keystroke.
 *
 * Prints per variant the samples, the median, p90 and p95 of keystroke → findings updated and
 * laid out, and the medians of its parts. Not a test: nothing asserts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { firstRun, T3_ROWS } from '../test/e2e/app';
import { findChromium, launch, openPage, RENDERER_DIR, serveDir } from '../test/e2e/browser';
import { openBlankTable3, throttle, typeTable3Row, type KeySample } from './renderer';
import { median, percentile } from './stats';

const SET_VARIANT = (css: string): string => `(() => {
  let s = document.getElementById('bench-ab-variant');
  if (!s) { s = document.createElement('style'); s.id = 'bench-ab-variant'; document.head.append(s); }
  s.textContent = ${JSON.stringify(css)};
  window.__lat = [];
})()`;

async function main(): Promise<void> {
  const [file, reportsArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: npm run bench:ab -- <variants.json> [reports]');
  const variants = JSON.parse(readFileSync(resolve(file), 'utf8')) as unknown;
  if (!Array.isArray(variants) || variants.length === 0 || !variants.every((v) => typeof v === 'string')) {
    throw new Error(`${file}: expected a JSON array of CSS texts`);
  }
  const reports = Number(reportsArg ?? 4);
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: npx electron-vite build');
  const exe = findChromium();
  if (!exe) throw new Error('no Chromium-family browser found (apt-get install -y chromium, or set CHROMIUM_PATH)');

  const browser = await launch(exe);
  const server = await serveDir();
  const samples: KeySample[][] = variants.map(() => []);
  try {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, server.url);
    await firstRun(page);
    for (let r = 0; r < reports; r++) {
      if (r > 0) {
        await page.goto(`${server.url}#/`);
        await page.getByTestId('new-report').click();
      }
      await openBlankTable3(page, 2030 + r); // the dialog is open: after the first run, or just above
      for (const [i, row] of T3_ROWS.entries()) {
        const v = (i + r) % variants.length;
        await page.evaluate(SET_VARIANT(variants[v] as string));
        await page.waitForTimeout(60);
        await typeTable3Row(page, row);
        await page.waitForTimeout(200);
        samples[v]!.push(...((await page.evaluate('window.__lat')) as KeySample[]));
      }
      await throttle(page, 1);
      await page.evaluate(SET_VARIANT(''));
    }
    if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }

  const r1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
  console.log(`\nkeystroke → findings updated and laid out, CPU 4× slower, ${reports} blank reports, variants taking turns by row\n`);
  samples.forEach((xs, v) => {
    const of = (k: keyof KeySample): number[] => xs.map((s) => s[k]);
    const css = (variants[v] as string) || '(as built)';
    console.log(
      `variant ${v}  n ${xs.length}  median ${r1(median(of('updated')))}  p90 ${r1(percentile(of('updated'), 90))}  p95 ${r1(percentile(of('updated'), 95))} ms` +
        ` | delivery ${r1(median(of('delay')))}  script ${r1(median(of('script')))}  style+layout ${r1(median(of('layout')))}  ${css.slice(0, 80)}`,
    );
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
