/** Renderer entry: pick the transport, build the session store, render. */
import './zod-config'; // first: must run before any zod schema is built
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './App';
import { MissingTokenScreen } from './screens/NoticeScreens';
import { SessionStoreProvider } from './state/session-context';
import { createSessionStore } from './state/session-store';
import './styles/theme.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/welcome.css';
import './styles/connected.css';
import './styles/vocabulary.css';
import './styles/workspace.css';
import './styles/sidebar.css';
import './styles/lists.css';
import './styles/tables.css';
import './styles/details.css';
import './styles/records.css';
import './styles/templates.css';
import './styles/insights.css';
import './styles/panels.css';
import './styles/notifications.css';
import './styles/outbox.css';
import './styles/onboarding.css';
import './styles/overview.css';
import './styles/selection.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const connection = connectApi();
createRoot(container).render(
  <StrictMode>
    {connection.kind === 'missing-token' ? (
      <MissingTokenScreen refused={false} />
    ) : (
      <SessionStoreProvider store={createSessionStore(connection.api)}>
        <App />
      </SessionStoreProvider>
    )}
  </StrictMode>,
);
