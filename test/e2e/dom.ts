/**
 * The few browser types the tests use inside page.evaluate callbacks. The node tsconfig has no
 * DOM library, so callbacks reach the page's globals as `globalThis as unknown as PageGlobals`
 * (only the type is imported; the callback's source is what runs in the page).
 */
export interface PageElement {
  readonly textContent: string | null;
  readonly value?: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { forEach(cb: (e: PageElement) => void): void };
  cloneNode(deep: boolean): PageElement;
  remove(): void;
}

export interface PageGlobals {
  readonly document: { readonly activeElement: PageElement | null; querySelector(selector: string): PageElement | null };
  readonly navigator: { readonly clipboard: { readText(): Promise<string>; write(items: unknown[]): Promise<void> } };
  readonly ClipboardItem: new (items: Record<string, unknown>) => unknown;
  readonly Blob: new (parts: string[], options: { type: string }) => unknown;
  getComputedStyle(el: PageElement): { readonly position: string; readonly overflow: string; readonly backgroundColor: string; readonly borderRightColor: string };
}
