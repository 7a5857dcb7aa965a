/**
 * Subscriptions of an external store: whole-store listeners (for useSyncExternalStore) and
 * per-cell listeners, so a change re-renders only the cells it touches.
 *
 * A keystroke often changes two stores at once (the grid's edit state, then the document), and a
 * cell listens to both. Inside `batch`, notifications are held and each listener runs once at the
 * end, so the cell is drawn once, from both new states.
 */

/** The listeners notified during the running batch, each with the set it was subscribed in. */
let held: Map<() => void, Set<() => void>> | null = null;

/**
 * Run `fn` with notifications held; then call each listener notified during it once, in the order
 * first notified (one that unsubscribed meanwhile is skipped). Nested batches join the outer one.
 * Listeners notified while the held ones run are called at once.
 */
export function batch(fn: () => void): void {
  if (held) {
    fn();
    return;
  }
  const mine = new Map<() => void, Set<() => void>>();
  held = mine;
  try {
    fn();
  } finally {
    held = null;
    for (const [cb, owner] of mine) if (owner.has(cb)) cb();
  }
}

function notify(set: Set<() => void>): void {
  if (held) {
    for (const cb of set) if (!held.has(cb)) held.set(cb, set);
  } else for (const cb of set) cb();
}

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
    if (set) notify(set);
  }

  notifyAll(): void {
    notify(this.all);
  }
}
