/**
 * Real-Chromium harness for the renderer: find a Chromium-family browser, serve the built
 * renderer (out/renderer) over http on 127.0.0.1, open pages that fail on any page error.
 *
 * The page runs the browser implementation of AppApi (no preload), so what is tested is the
 * renderer plus the core it calls, in a real browser engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
/** The app's own stylesheet, for tests that put a single renderer module on a bare page. */
export const appStyles = (): string => readFileSync(resolve(ROOT, 'src/renderer/src/styles.css'), 'utf8');
export const RENDERER_DIR = resolve(ROOT, 'out/renderer');

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

/**
 * The browser to drive: $CHROMIUM_PATH, else the first usual install found. A CHROMIUM_PATH that
 * names no file is a mistake to report, not a reason to skip the tests.
 */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv}: 没有这个文件 (no such file). Point it at a Chrome/Chromium/Edge executable, or unset it.`);
    return fromEnv;
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * The browser for a test file, or null (the suite is skipped, loudly). On CI (CI=true) a missing
 * browser is an error: the renderer tests must not silently vanish there.
 */
export function requireChromium(): string | null {
  const exe = findChromium();
  if (exe) return exe;
  const msg = [
    '',
    '#'.repeat(78),
    '# 渲染进程测试已跳过：没有找到 Chromium / Chrome / Edge 浏览器。',
    '# Renderer end-to-end tests SKIPPED: no Chromium-family browser found.',
    '#   Debian/Ubuntu:  apt-get install -y chromium',
    '#   or point CHROMIUM_PATH at a Chrome/Chromium/Edge executable.',
    '#'.repeat(78),
    '',
  ].join('\n');
  if (process.env.CI === 'true') throw new Error(`${msg}\nCI=true: a browser is required.`);
  console.warn(msg);
  return null;
}

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface LaunchedBrowser {
  readonly browser: Browser;
  /** A fresh context (its own storage) per call. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Launch headless. Playwright gives every launch a fresh temporary profile (--user-data-dir);
 * each test then takes its own context, so storage never leaks between tests.
 */
export async function launch(executablePath: string): Promise<LaunchedBrowser> {
  const downloads = await mkdtemp(join(tmpdir(), 'nianbao-dl-'));
  const browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS, downloadsPath: downloads });
  return {
    browser,
    newContext: () => browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true }),
    close: async () => {
      await browser.close();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serve a directory on 127.0.0.1 (a free port). Files are read before headers are written. */
export async function serveDir(dir: string = RENDERER_DIR): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    void (async () => {
      let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A page that records every uncaught page error (tests assert there were none). */
export async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.warn(`[browser console.error] ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

/**
 * One renderer module bundled by Vite into a script for a page (a global named `name`), to test a
 * part of the renderer on its own in Chromium.
 */
export async function bundleModule(entry: string, name: string): Promise<string> {
  const { build } = await import('vite');
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: { write: false, minify: false, lib: { entry: resolve(ROOT, entry), formats: ['iife'], name } },
  })) as import('vite').Rollup.RollupOutput[];
  return out[0]!.output[0].code;
}
