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
/** Counts the runs armed: a frame callback of an earlier run does not start a later one. */
let generation = 0;
/** When the due run was armed (Date.now()). */
let armedAt = 0;
/**
 * One fallback timer for all runs, not one per run (a keystroke then sets no timer): when it
 * fires early for the run now due, it waits the rest of that run's delay.
 */
let fallback: ReturnType<typeof setTimeout> | undefined;

function run(gen: number): void {
  if (!armed || gen !== generation) return;
  armed = false;
  const fns = [...queue];
  queue.clear();
  for (const f of fns) f();
}

function onFallback(): void {
  fallback = undefined;
  if (!armed) return;
  const wait = armedAt + NO_FRAME_FALLBACK_MS - Date.now();
  if (wait > 0) fallback = setTimeout(onFallback, wait);
  else run(generation);
}

/**
 * Run `fn` in a task after the next frame. Calls before it runs are coalesced: a function queued
 * twice runs once, and all queued functions run together, in the order first queued. A function
 * reads the state it draws when it runs, so it never draws an old one.
 */
export function afterNextFrame(fn: () => void): void {
  queue.add(fn);
  if (armed) return;
  armed = true;
  const gen = ++generation;
  armedAt = Date.now();
  nextFrame(() => setTimeout(() => run(gen), 0));
  fallback ??= setTimeout(onFallback, NO_FRAME_FALLBACK_MS);
}

/** Drop `fn` if it is queued (its element is going away). */
export function cancelAfterNextFrame(fn: () => void): void {
  queue.delete(fn);
}
