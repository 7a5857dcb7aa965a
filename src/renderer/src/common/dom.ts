/**
 * Writing text that changes while the clerk types. Changing the data of the element's one text
 * node (rather than replacing it through textContent) lets the browser keep the text's layout
 * objects and reuse the shaping of the unchanged part, so a message in which one number changed
 * costs less to lay out again.
 */
export function setText(el: HTMLElement | null, text: string): void {
  if (!el) return;
  const only = el.firstChild;
  if (only && only === el.lastChild && only.nodeType === Node.TEXT_NODE) {
    const node = only as Text;
    if (node.data !== text) node.data = text;
    return;
  }
  if (el.textContent !== text) el.textContent = text;
}
