/** Write text that changes while the clerk types, only when it differs (no needless DOM change). */
export function setText(el: HTMLElement | null, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}
