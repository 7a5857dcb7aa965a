/**
 * Shared per-file setup for the renderer tests: one browser and one static server per test file,
 * a fresh browser context (fresh storage, clipboard allowed) per test, and no page errors.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, openPage, requireChromium, serveDir, type LaunchedBrowser, type StaticServer } from './browser';

export const CHROMIUM = requireChromium();

export interface Session {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly url: string;
}

/** Call at the top of a describe block; `open()` gives each test its own fresh app. */
export function useApp(): { open(): Promise<Session> } {
  let browser: LaunchedBrowser | undefined;
  let server: StaticServer | undefined;
  const contexts: BrowserContext[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    if (!CHROMIUM) return;
    browser = await launch(CHROMIUM);
    server = await serveDir();
  });
  afterEach(async () => {
    const found = errors;
    errors = [];
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    expect(found, 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    async open() {
      const context = await browser!.newContext();
      contexts.push(context);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server!.url.replace(/\/$/, '') });
      const opened = await openPage(context, server!.url);
      errors = opened.errors;
      return { page: opened.page, context, url: server!.url };
    },
  };
}
