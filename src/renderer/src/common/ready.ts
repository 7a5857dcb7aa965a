/**
 * Tests (and the benchmark) wait for `body[data-ready="true"]`: set once the first screen has its
 * data and is rendered. `data-screen` tells which screen is showing, and `performance.mark`
 * records when, for the first-paint benchmark.
 */
export function markReady(screen: 'library' | 'editor'): void {
  const body = document.body;
  body.dataset.screen = screen;
  if (body.dataset.ready === 'true') return;
  body.dataset.ready = 'true';
  try {
    performance.mark('nianbao-ready');
  } catch {
    // performance.mark is best effort
  }
}
