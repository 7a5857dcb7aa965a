/**
 * Quiet messages (antd message) available everywhere through context, without pulling antd's
 * App component (notifications, modals) into the first screen's bundle. Screens that need
 * dialogs use Modal.useModal() in their own (lazily loaded) code.
 */
import { message } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { createContext, useContext, type ReactNode } from 'react';

const FeedbackContext = createContext<MessageInstance | null>(null);

export function FeedbackProvider({ children }: { children: ReactNode }) {
  // Below the 48px header (report title, save status), never over it.
  const [api, holder] = message.useMessage({ maxCount: 3, top: 56 });
  return (
    <FeedbackContext.Provider value={api}>
      {holder}
      {children}
    </FeedbackContext.Provider>
  );
}

export function useMessage(): MessageInstance {
  const m = useContext(FeedbackContext);
  if (!m) throw new Error('useMessage outside FeedbackProvider');
  return m;
}
