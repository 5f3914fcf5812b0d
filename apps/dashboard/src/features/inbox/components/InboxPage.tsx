import { Navigate, useParams } from 'react-router';
import { useIsPhone } from '../../../lib/useMediaQuery';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { ConversationView } from '../../conversation/components/ConversationView';
import { useRevealMessage } from '../../search/useRevealMessage';
import { isInboxTab } from '../inboxLists';
import { InboxSidebar } from './InboxSidebar';

/** Two panes on desktop (list + chat), one on phones (list OR chat). */
export function InboxPage() {
  const { tab, conversationId } = useParams();
  const isPhone = useIsPhone();
  useRevealMessage(conversationId);
  if (!isInboxTab(tab)) return <Navigate to="/inbox/waiting" replace />;

  const showList = !isPhone || !conversationId;
  const showChat = !isPhone || Boolean(conversationId);
  return (
    <div className="inbox">
      {showList && <InboxSidebar tab={tab} selectedId={conversationId ?? null} />}
      {showChat && (
        <section className="inbox__main" aria-label="Conversation">
          {conversationId ? (
            <ConversationView key={conversationId} id={conversationId} tab={tab} />
          ) : (
            <EmptyState icon={<Icon name="chat" size={40} />} title="No conversation selected">
              Pick a chat on the left. New visitors show up under <strong>Waiting</strong>.
            </EmptyState>
          )}
        </section>
      )}
    </div>
  );
}
