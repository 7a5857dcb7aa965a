/**
 * Subscriptions of an external store: whole-store listeners (for useSyncExternalStore) and
 * per-cell listeners, so a change re-renders only the cells it touches.
 */
export class Listeners {
  private readonly all = new Set<() => void>();
  private readonly byCell = new Map<string, Set<() => void>>();

  readonly subscribe = (cb: () => void): (() => void) => {
    this.all.add(cb);
    return () => this.all.delete(cb);
  };

  subscribeCell(id: string, cb: () => void): () => void {
    let set = this.byCell.get(id);
    if (!set) this.byCell.set(id, (set = new Set()));
    set.add(cb);
    return () => set.delete(cb);
  }

  notifyCell(id: string): void {
    const set = this.byCell.get(id);
    if (set) for (const cb of set) cb();
  }

  notifyAll(): void {
    for (const cb of this.all) cb();
  }
}
