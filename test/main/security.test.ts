import { pathToFileURL } from 'node:url';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { DEV_CSP, denyPermissions, hardenWebContents, installDevCsp, isTrustedUrl } from '../../src/main/security';

const rendererFile = pathToFileURL('/opt/年报助手/resources/app.asar/out/renderer/index.html').href;

describe('isTrustedUrl', () => {
  it('accepts our index.html, with any hash or query', () => {
    expect(isTrustedUrl(rendererFile, { rendererFile })).toBe(true);
    expect(isTrustedUrl(`${rendererFile}#/report/abc`, { rendererFile })).toBe(true);
    expect(isTrustedUrl(`${rendererFile}?x=1`, { rendererFile })).toBe(true);
    // The same path, encoded differently.
    expect(isTrustedUrl('file:///opt/年报助手/resources/app.asar/out/renderer/index.html', { rendererFile })).toBe(true);
  });

  it('refuses other files, other schemes, and the dev server outside development', () => {
    expect(isTrustedUrl(pathToFileURL('/opt/年报助手/resources/app.asar/out/renderer/other.html').href, { rendererFile })).toBe(false);
    expect(isTrustedUrl('file:///tmp/index.html', { rendererFile })).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', { rendererFile })).toBe(false);
    expect(isTrustedUrl('https://example.com/out/renderer/index.html', { rendererFile })).toBe(false);
    expect(isTrustedUrl('javascript:alert(1)', { rendererFile })).toBe(false);
    expect(isTrustedUrl('', { rendererFile })).toBe(false);
  });

  it('accepts the dev server origin only', () => {
    const pages = { rendererFile, devUrl: 'http://localhost:5173/' };
    expect(isTrustedUrl('http://localhost:5173/index.html', pages)).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:5173/', pages)).toBe(false);
    expect(isTrustedUrl('http://localhost:5174/', pages)).toBe(false);
    expect(isTrustedUrl('ws://localhost:5173/', pages)).toBe(false);
  });

  it('compares without case only when asked (Windows)', () => {
    const win = 'file:///C:/Program%20Files/nianbao/resources/app.asar/out/renderer/index.html';
    expect(isTrustedUrl(win.replace('C:', 'c:'), { rendererFile: win, caseInsensitive: true })).toBe(true);
    expect(isTrustedUrl(win.replace('C:', 'c:'), { rendererFile: win })).toBe(false);
  });
});

describe('web contents and session hardening', () => {
  it('prevents navigation, redirects and webviews, and denies new windows', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (event: string, l: (e: { preventDefault(): void }) => void) => listeners.set(event, l),
      setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h),
    };
    hardenWebContents(contents as unknown as WebContents);
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(ev)!({ preventDefault });
      expect(preventDefault, ev).toHaveBeenCalled();
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('denies permission requests (except writing text to the clipboard)', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkFn: ((wc: unknown, permission: string) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof checkFn) => (checkFn = h),
    };
    denyPermissions(session as unknown as Session);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request!(null, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(checkFn!(null, p)).toBe(false);
    }
    const cb = vi.fn();
    request!(null, 'clipboard-sanitized-write', cb);
    expect(cb).toHaveBeenCalledWith(true);
  });

  it('sets the strict CSP header on dev server responses', () => {
    let filter: { urls: string[] } | undefined;
    let listener: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    const session = {
      webRequest: {
        onHeadersReceived: (f: typeof filter, l: typeof listener) => {
          filter = f;
          listener = l;
        },
      },
    };
    installDevCsp(session as unknown as Session, 'http://localhost:5173/');
    expect(filter).toEqual({ urls: ['http://localhost:5173/*'] });
    const cb = vi.fn();
    listener!({ responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [DEV_CSP] } });
    // Dev only: React's fast-refresh preamble is inline. No eval, no remote origins.
    expect(DEV_CSP).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://localhost:*; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(DEV_CSP).not.toContain('unsafe-eval');
  });
});
