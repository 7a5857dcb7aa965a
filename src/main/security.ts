/**
 * Who may talk to main, and what the renderer may do: pure functions over Electron types
 * (type-only imports, so tests run without Electron).
 */
import type { Session, WebContents } from 'electron';

/** The pages of ours: the bundled index.html, or the dev server while developing. */
export interface TrustedPages {
  /** file:// URL of out/renderer/index.html. */
  readonly rendererFile: string;
  /** ELECTRON_RENDERER_URL in development (never in a packaged app). */
  readonly devUrl?: string;
  /** Compare file paths without case (Windows). */
  readonly caseInsensitive?: boolean;
}

/** The part of an IPC event the sender check reads. */
export interface SenderEvent {
  readonly senderFrame?: { readonly url: string; readonly parent: unknown } | null;
}

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

export function isTrustedUrl(url: string, pages: TrustedPages): boolean {
  const u = parse(url);
  if (!u) return false;
  if (pages.devUrl) {
    const dev = parse(pages.devUrl);
    if (dev && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin) return true;
  }
  const file = parse(pages.rendererFile);
  if (!file || u.protocol !== 'file:' || u.host !== file.host) return false;
  const norm = (p: string): string => {
    let d: string;
    try {
      d = decodeURIComponent(p);
    } catch {
      return `\0${p}`; // malformed escapes never match
    }
    return pages.caseInsensitive ? d.toLowerCase() : d;
  };
  return norm(u.pathname) === norm(file.pathname);
}

/** Accept an IPC call only from the top frame of one of our pages. */
export function makeSenderCheck(pages: TrustedPages): (event: SenderEvent) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame) return false;
    if (frame.parent !== null) return false; // a subframe
    return isTrustedUrl(frame.url, pages);
  };
}

/**
 * The Content-Security-Policy header sent with the dev server's pages (`npm start` only). React's
 * fast-refresh preamble is an inline script, so scripts may be inline here; the built app's page
 * carries the strict policy of src/renderer/index.html.
 */
export const DEV_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://localhost:*; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

/** Add the CSP header to responses of the dev server (the bundled page carries its own meta tag). */
export function installDevCsp(session: Session, devUrl: string): void {
  const origin = new URL(devUrl).origin;
  session.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    const headers: Record<string, string | string[]> = { ...(details.responseHeaders ?? {}) };
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-security-policy') delete headers[k];
    headers['Content-Security-Policy'] = [DEV_CSP];
    callback({ responseHeaders: headers });
  });
}

/** Permissions the page may have: writing plain text to the clipboard (copying a block). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/** No navigation away, no new windows, no webviews: for every web contents the app creates. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
