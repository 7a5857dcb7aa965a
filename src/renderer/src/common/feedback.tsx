/**
 * Quiet messages (antd message) available everywhere through context, without pulling antd's
 * App component (notifications, modals) into the first screen's bundle. Screens that need
 * dialogs use Modal.useModal() in their own (lazily loaded) code.
 */
import { message } from 'antd';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { quietMessages, type Feedback } from './messages';

const FeedbackContext = createContext<Feedback | null>(null);

export function FeedbackProvider({ children }: { children: ReactNode }) {
  // Below the 48px header (report title, save status), never over it.
  const [api, holder] = message.useMessage({ maxCount: 3, top: 56 });
  const feedback = useMemo(() => quietMessages(api), [api]);
  return (
    <FeedbackContext.Provider value={feedback}>
      {holder}
      {children}
    </FeedbackContext.Provider>
  );
}

export function useMessage(): Feedback {
  const m = useContext(FeedbackContext);
  if (!m) throw new Error('useMessage outside FeedbackProvider');
  return m;
}
