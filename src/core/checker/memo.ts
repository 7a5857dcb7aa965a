/**
 * A small memo for work that depends only on narrative text (and a few short settings). The live
 * check runs on every keystroke, and a keystroke in a table cell does not change the text: its
 * parse is reused.
 *
 * The text is looked up as it is, not folded into a composite key: a JavaScript string remembers
 * its hash, so the same text string costs O(1) to find again, where a key built per check (e.g.
 * JSON of the settings and the text) is a new long string hashed and compared in full each time.
 */
export function textMemo<T>(compute: (tag: string, text: string) => T, max = 32, maxTags = 64): (tag: string, text: string) => T {
  const byTag = new Map<string, Map<string, T>>();
  return (tag, text) => {
    let cache = byTag.get(tag);
    if (!cache) {
      if (byTag.size >= maxTags) byTag.delete(byTag.keys().next().value as string);
      byTag.set(tag, (cache = new Map()));
    }
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = compute(tag, text);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(text, value);
    return value;
  };
}
