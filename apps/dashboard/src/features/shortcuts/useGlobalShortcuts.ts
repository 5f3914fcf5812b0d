import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { useShortcut } from '../../lib/shortcuts';
import { showToast } from '../../lib/toast';
import { useSession } from '../auth/hooks/useSession';
import { upsertConversationEverywhere } from '../conversation/cache';
import { acceptNextWaiting } from '../inbox/api';
import { setHelpOpen, toggleHelp, useHelpOpen } from './helpStore';

/**
 * App-wide shortcuts: the help overlay, moving between the lists, and taking the next
 * waiting chat. Search (`/`, Ctrl+K) and notifications (Alt+B) register where they live.
 */
export function useGlobalShortcuts(): void {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { agent } = useSession();
  const helpOpen = useHelpOpen();
  const taking = useRef(false);

  useShortcut({ id: 'help.toggle', keys: '?', description: 'Show keyboard shortcuts', group: 'General', handler: toggleHelp });
  useShortcut({ id: 'help.close', keys: 'Escape', description: 'Close this overlay', group: 'General', enabled: helpOpen, allowInInputs: true, handler: () => setHelpOpen(false) });
  useShortcut({ id: 'nav.waiting', keys: 'G W', description: 'Go to Waiting', group: 'Navigation', handler: () => navigate('/inbox/waiting') });
  useShortcut({ id: 'nav.active', keys: 'G A', description: 'Go to Active', group: 'Navigation', handler: () => navigate('/inbox/active') });
  useShortcut({ id: 'nav.closed', keys: 'G C', description: 'Go to Closed', group: 'Navigation', handler: () => navigate('/inbox/closed') });
  useShortcut({
    id: 'inbox.next',
    keys: 'Alt+W',
    description: 'Take the next waiting chat',
    group: 'Inbox',
    // Managers read chats but don't answer them.
    enabled: agent.role !== 'manager',
    allowInInputs: false,
    handler: () => {
      if (taking.current) return;
      taking.current = true;
      acceptNextWaiting()
        .then((conv) => {
          if (!conv) return showToast('No one is waiting for you right now.');
          upsertConversationEverywhere(qc, conv);
          navigate(`/inbox/active/${conv.id}`);
        })
        .catch((err: unknown) => showToast(errorMessage(err), 'error'))
        .finally(() => {
          taking.current = false;
        });
    },
  });
}
