/**
 * Finding the browser for the end-to-end tests (runs without one): CHROMIUM_PATH is used when it
 * names a file, and reported when it names none — never taken as "no browser, skip".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findChromium } from './browser';

describe('finding a Chromium-family browser', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('uses CHROMIUM_PATH when it names a file', () => {
    process.env.CHROMIUM_PATH = process.execPath;
    expect(findChromium()).toBe(process.execPath);
  });

  it('reports a CHROMIUM_PATH that names no file instead of skipping the tests', () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    expect(() => findChromium()).toThrow(/CHROMIUM_PATH=\/nonexistent\/chromium: 没有这个文件/);
  });
});
