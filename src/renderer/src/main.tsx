import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getApi } from './api';
import { FeedbackProvider } from './common/feedback';
import { UI_FONT } from './common/theme';
import './styles.css';

getApi(); // the browser implementation (tests, a plain browser) starts loading at once

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: { fontFamily: UI_FONT, fontSize: 14, borderRadius: 4, motion: false },
      }}
    >
      <FeedbackProvider>
        <App />
      </FeedbackProvider>
    </ConfigProvider>
  </StrictMode>,
);
