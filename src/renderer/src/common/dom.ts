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

interface NumberText {
  readonly text: string;
  /** text.split(/(\d+)/): words at even places, numbers at odd places. */
  readonly parts: readonly string[];
  /** Per number (in order): its box, or null while it is part of the plain text. */
  readonly boxes: readonly (HTMLSpanElement | null)[];
  readonly childCount: number;
  /**
   * The words and boxed numbers of the last message written with boxes: when a message with those
   * words comes back (a cross-check error that went away while the clerk typed, and returns), its
   * numbers are boxed at once instead of on the keystroke after.
   */
  readonly kept: Template | null;
}

interface Template {
  readonly parts: readonly string[];
  readonly boxed: readonly boolean[];
}

const numberTexts = new WeakMap<HTMLElement, NumberText>();
const NUMBERS = /(\d+)/;

const numberBox = (digits: string): HTMLSpanElement => {
  const box = document.createElement('span');
  box.className = 'num';
  box.style.width = `${digits.length}ch`;
  box.textContent = digits;
  return box;
};

/** The character that may go with a number in its unbreakable group (none for white space). */
const glue = (ch: string | undefined): string => (ch && !/\s/.test(ch) ? ch : '');
/** The last and the first character of a text, whole (a character outside the BMP is two code units). */
const lastChar = (s: string): string | undefined => /(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^])$/.exec(s)?.[0];
const firstChar = (s: string | undefined): string | undefined => {
  const cp = s?.codePointAt(0);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
};

/**
 * Write `parts` with the numbers marked in `boxed` in boxes, the rest as plain text. A box goes
 * into a no-wrap group with the characters right before and after it, so a line never breaks
 * between a number and its brackets or punctuation (“(357)”, “357。”).
 */
function writeParts(el: HTMLElement, text: string, parts: readonly string[], boxed: readonly boolean[], kept: Template | null): void {
  const boxes: (HTMLSpanElement | null)[] = [];
  const nodes: Node[] = [];
  let plain = '';
  let skip = 0; // characters of the next word already placed after a box
  parts.forEach((p, i) => {
    if (i % 2 === 0) {
      plain += p.slice(skip);
      skip = 0;
    } else if (boxed[i >> 1]) {
      const lead = glue(lastChar(plain));
      plain = plain.slice(0, plain.length - lead.length);
      const trail = glue(firstChar(parts[i + 1]));
      skip = trail.length;
      if (plain) nodes.push(document.createTextNode(plain));
      plain = '';
      const box = numberBox(p);
      const group = document.createElement('span');
      group.className = 'num-group';
      if (lead) group.append(lead);
      group.append(box);
      if (trail) group.append(trail);
      boxes.push(box);
      nodes.push(group);
    } else {
      plain += p;
      boxes.push(null);
    }
  });
  const only = el.firstChild;
  if (nodes.length === 0 && plain && only !== null && only === el.lastChild && only.nodeType === Node.TEXT_NODE) {
    // Plain text again (new words, no boxes): the one text node takes the new text, as in
    // setText — a new node would be restyled and get a new layout object.
    (only as Text).data = plain;
    numberTexts.set(el, { text, parts, boxes, childCount: 1, kept });
    return;
  }
  if (plain) nodes.push(document.createTextNode(plain));
  el.replaceChildren(...nodes);
  numberTexts.set(el, { text, parts, boxes, childCount: nodes.length, kept: boxes.some((b) => b !== null) ? { parts, boxed } : kept });
}

/** The same words (the parts between the numbers), and as many numbers. */
const sameWords = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((p, i) => i % 2 === 1 || p === b[i]);

/**
 * Write a message whose numbers follow the clerk's typing (“现在左边是24，右边是25，相差1。”) so that,
 * from the second change on, a new number relays out only its own box and not the sentence around
 * it: laying out a whole sentence of mixed Chinese, digits and punctuation again costs several
 * times more. A message is first written as plain text (a new message costs no extra elements);
 * when it comes again with the same words and other numbers, the numbers that changed are put in
 * fixed-size, contained inline boxes (class `num`: as wide as their digits, one line high), and
 * later only those boxes are written. A message that had boxes and comes back after another (or
 * none) gets its boxes at once. The element's text is always `text`.
 */
export function setNumberText(el: HTMLElement | null, text: string): void {
  if (!el) return;
  const prev = numberTexts.get(el);
  const intact = prev !== undefined && el.childNodes.length === prev.childCount;
  if (intact && prev.text === text) return;
  const parts = text.split(NUMBERS);
  if (!intact || !sameWords(prev.parts, parts)) {
    const kept = prev?.kept ?? null;
    writeParts(el, text, parts, kept && sameWords(kept.parts, parts) ? kept.boxed : [], kept);
    return;
  }
  const changed = (i: number): boolean => parts[i] !== prev.parts[i];
  let unboxedChange = false;
  for (let i = 1; i < parts.length; i += 2) if (changed(i) && !prev.boxes[i >> 1]) unboxedChange = true;
  if (unboxedChange) {
    writeParts(el, text, parts, prev.boxes.map((b, n) => b !== null || changed(2 * n + 1)), prev.kept);
    return;
  }
  for (let i = 1; i < parts.length; i += 2) {
    if (!changed(i)) continue;
    const box = prev.boxes[i >> 1]!;
    (box.firstChild as Text).data = parts[i]!;
    if (parts[i]!.length !== prev.parts[i]!.length) box.style.width = `${parts[i]!.length}ch`;
  }
  numberTexts.set(el, { ...prev, text, parts });
}

/** Hidden by setGone. */
export const isGone = (node: Node): boolean => (node as HTMLElement).dataset?.gone !== undefined;

/**
 * Hide an element that should come back soon, or show it again: [data-gone] gives it no height in
 * CSS while its contents stay laid out, so showing it again costs only what changed in it. It
 * leaves the accessibility tree (aria-hidden), its `buttons` the tab order (a focused one is let
 * go). (inert or visibility: hidden would do both but restyle the whole subtree each time.)
 * Nothing is written when it already is as asked.
 */
export function setGone(el: HTMLElement, gone: boolean, buttons: Iterable<HTMLElement> = []): void {
  if (isGone(el) === gone) return;
  if (gone) {
    el.dataset.gone = '';
    el.setAttribute('aria-hidden', 'true');
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && el.contains(focused)) focused.blur();
  } else {
    delete el.dataset.gone;
    el.removeAttribute('aria-hidden');
  }
  for (const b of buttons) {
    if (gone) b.tabIndex = -1;
    else b.removeAttribute('tabindex');
  }
}
