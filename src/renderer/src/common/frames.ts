/**
 * Work that may follow a keystroke by one frame. A keystroke in a table draws what it changed of
 * the table and the findings (the cells, their marks, the status line, the findings panel) at
 * once, so they are in the next frame; summaries elsewhere on the screen — the step list's
 * badges, the counts beside the step's heading, the save indicator — are drawn in a task after
 * that frame. On an old PC this keeps the keystroke's own frame short (about a sixth less work
 * when a finding comes or goes; see bench/README.md), and a summary one frame late (~17 ms) is not
 * seen as late.
 */

/** When no frame comes (a hidden or minimised window draws none), the work runs after this. */
export const NO_FRAME_FALLBACK_MS = 200;

/** The window's requestAnimationFrame (looked up when called; this module is also tested in Node). */
const nextFrame = (cb: () => void): void => {
  (globalThis as unknown as { requestAnimationFrame(cb: () => void): number }).requestAnimationFrame(cb);
};

const queue = new Set<() => void>();
/** A run is due (after a frame, or after the fallback delay, whichever comes first). */
let armed = false;

/**
 * Run `fn` in a task after the next frame. Calls before it runs are coalesced: a function queued
 * twice runs once, and all queued functions run together, in the order first queued. A function
 * reads the state it draws when it runs, so it never draws an old one.
 */
export function afterNextFrame(fn: () => void): void {
  queue.add(fn);
  if (armed) return;
  armed = true;
  let done = false; // this run's frame task and fallback: the first of the two runs it
  const run = (): void => {
    if (done) return;
    done = true;
    armed = false;
    const fns = [...queue];
    queue.clear();
    for (const f of fns) f();
  };
  nextFrame(() => setTimeout(run, 0));
  setTimeout(run, NO_FRAME_FALLBACK_MS);
}

/** Drop `fn` if it is queued (its element is going away). */
export function cancelAfterNextFrame(fn: () => void): void {
  queue.delete(fn);
}
