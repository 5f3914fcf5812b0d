import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { ConnectionBanner } from '../realtime/ConnectionBanner';
import { sessionKey, useSession } from '../features/auth/hooks/useSession';
import { useInboxRealtime } from '../features/inbox/hooks/useInboxRealtime';
import { useConversationRealtime } from '../features/conversation/hooks/useConversationRealtime';
import { InboxPage } from '../features/inbox/components/InboxPage';
import { ConversationRedirect } from '../features/inbox/components/ConversationRedirect';
import { useIsPhone } from '../lib/useMediaQuery';
import { useNotificationsRealtime } from '../features/notifications/hooks/useNotificationsRealtime';
import { useServiceWorkerMessages } from '../features/pwa/useServiceWorkerMessages';
import { ShortcutHelp } from '../features/shortcuts/ShortcutHelp';
import { useGlobalShortcuts } from '../features/shortcuts/useGlobalShortcuts';
import { Toaster } from '../ui/Toaster';
import { TopBar } from './TopBar';
import { BottomNav } from './BottomNav';
import { useTitleBadge } from './useTitleBadge';
import { useAgentStatusRealtime } from './useAgentStatusRealtime';

// Settings are visited rarely: keep them out of the inbox's first load.
const SettingsPage = lazy(() => import('../features/settings/components/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const VisitorsPage = lazy(() => import('../features/visitors/components/VisitorsPage').then((m) => ({ default: m.VisitorsPage })));

export function SignedInApp() {
  const qc = useQueryClient();
  const onRejected = useCallback(() => void qc.invalidateQueries({ queryKey: sessionKey }), [qc]);
  return (
    <RealtimeProvider onRejected={onRejected}>
      <Shell />
    </RealtimeProvider>
  );
}

function Shell() {
  const { agent } = useSession();
  const isPhone = useIsPhone();
  useInboxRealtime();
  useConversationRealtime(agent.id);
  useAgentStatusRealtime(agent.id);
  useTitleBadge();
  useNotificationsRealtime();
  useGlobalShortcuts();
  useServiceWorkerMessages();

  return (
    <div className={`app${isPhone ? ' app--phone' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar isPhone={isPhone} />
      <ConnectionBanner />
      <main id="main" className="app__main">
        <Routes>
          <Route path="/" element={<Navigate to="/inbox/waiting" replace />} />
          <Route path="/inbox" element={<Navigate to="/inbox/waiting" replace />} />
          <Route path="/inbox/:tab" element={<InboxPage />} />
          <Route path="/inbox/:tab/:conversationId" element={<InboxPage />} />
          <Route path="/conversations/:conversationId" element={<ConversationRedirect />} />
          <Route
            path="/visitors"
            element={
              <Suspense fallback={<p className="muted visitors__loading">Loading visitors…</p>}>
                <VisitorsPage />
              </Suspense>
            }
          />
          <Route
            path="/settings/*"
            element={
              <Suspense fallback={<p className="muted settings__loading">Loading settings…</p>}>
                <SettingsPage />
              </Suspense>
            }
          />
          <Route path="*" element={<Navigate to="/inbox/waiting" replace />} />
        </Routes>
      </main>
      {isPhone && <BottomNav />}
      <ShortcutHelp />
      <Toaster />
    </div>
  );
}
