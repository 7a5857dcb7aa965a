/**
 * Messages (antd message) that cost nothing while they show: see quietMessages. Kept apart from
 * feedback.tsx so that it can be tested without antd.
 */

/**
 * The part of antd's message instance used here. Declared here, not imported: antd's types pull
 * React's global DOM stubs into the Node-side type check, where they shadow the DOM types of
 * the end-to-end tests.
 */
export interface MessageApi {
  open(args: { key: string; type: 'success' | 'error'; content: string; duration: number }): unknown;
  destroy(key: string): void;
}

/** What a screen can say in a message: a short line, for a success or an error. */
export interface Feedback {
  success(text: string): void;
  error(text: string): void;
}

/** How long a message stays: an error is read, so it stays longer. */
export const SHOWN_MS = { success: 3000, error: 6000 } as const;

/** Keys count across instances: a message never takes the key of one still showing. */
let opened = 0;

/**
 * Messages opened without antd's own closing timer, and closed by one plain timeout.
 *
 * antd's timer (@rc-component/notification, useNoticeTimer) sets a progress value on every
 * animation frame for as long as a message shows, even when no progress bar is drawn: the page
 * renders React and draws a frame 60 times a second for those seconds. On an old PC that is a
 * fifth of the main thread, taken from the clerk's typing. With duration 0 antd starts no timer.
 */
export function quietMessages(
  api: MessageApi,
  later: (run: () => void, ms: number) => unknown = setTimeout,
): Feedback {
  const show = (type: keyof typeof SHOWN_MS, text: string): void => {
    const key = `nianbao-message-${++opened}`;
    api.open({ key, type, content: text, duration: 0 });
    later(() => api.destroy(key), SHOWN_MS[type]);
  };
  return { success: (text) => show('success', text), error: (text) => show('error', text) };
}
