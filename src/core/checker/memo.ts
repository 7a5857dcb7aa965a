/**
 * A small memo for work that depends only on narrative text. The live check runs on every
 * keystroke, and a keystroke in a table cell does not change the text: its parse is reused.
 */
export function textMemo<T>(compute: (key: string) => T, max = 32): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
    return value;
  };
}
