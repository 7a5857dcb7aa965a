/**
 * Write text that changes while the clerk types, only when it differs. The element's one text node
 * keeps its identity (its data is changed): replacing it, as textContent does, makes the browser
 * restyle a new node and build its layout object again on every keystroke.
 */
export function setText(el: HTMLElement | null, text: string): void {
  if (!el) return;
  const only = el.firstChild;
  if (only !== null && only === el.lastChild && only.nodeType === Node.TEXT_NODE) {
    const node = only as Text;
    if (node.data !== text) node.data = text;
  } else if (el.textContent !== text) el.textContent = text;
}
