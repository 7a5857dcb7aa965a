/**
 * Listeners and batch (editor/listeners.ts): outside a batch a notification calls its listeners at
 * once; inside one, each listener notified — by any store, per cell or whole-store — runs once at
 * the end, in the order first notified, and one that unsubscribed meanwhile does not run.
 */
import { describe, expect, it } from 'vitest';
import { batch, Listeners } from '../../src/renderer/src/editor/listeners';

describe('Listeners and batch', () => {
  it('calls listeners at once outside a batch', () => {
    const l = new Listeners();
    const log: string[] = [];
    l.subscribeCell('a', () => log.push('a'));
    l.subscribe(() => log.push('all'));
    l.notifyCell('a');
    l.notifyCell('a');
    l.notifyCell('b'); // nobody listens
    l.notifyAll();
    expect(log).toEqual(['a', 'a', 'all']);
  });

  it('in a batch, a listener of two stores runs once, after both changed, in first-notified order', () => {
    const ui = new Listeners();
    const doc = new Listeners();
    const log: string[] = [];
    const cell = (): number => log.push(`cell sees ${state.ui}/${state.doc}`);
    const state = { ui: 0, doc: 0 };
    ui.subscribeCell('x', cell);
    doc.subscribeCell('x', cell);
    ui.subscribe(() => log.push('status'));
    doc.subscribe(() => log.push('findings'));
    batch(() => {
      state.ui = 1;
      ui.notifyCell('x');
      ui.notifyAll();
      state.doc = 1;
      doc.notifyCell('x');
      doc.notifyAll();
      expect(log).toEqual([]); // held
    });
    expect(log).toEqual(['cell sees 1/1', 'status', 'findings']);
  });

  it('skips a listener that unsubscribed during the batch; nested batches join the outer one', () => {
    const l = new Listeners();
    const log: string[] = [];
    const off = l.subscribeCell('a', () => log.push('a'));
    l.subscribeCell('b', () => log.push('b'));
    batch(() => {
      l.notifyCell('a');
      batch(() => l.notifyCell('b'));
      expect(log).toEqual([]);
      off();
    });
    expect(log).toEqual(['b']);
  });

  it('runs the held listeners even when the batch throws, and notifies at once again afterwards', () => {
    const l = new Listeners();
    const log: string[] = [];
    l.subscribe(() => log.push('all'));
    expect(() =>
      batch(() => {
        l.notifyAll();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(log).toEqual(['all']);
    l.notifyAll();
    expect(log).toEqual(['all', 'all']);
  });
});
