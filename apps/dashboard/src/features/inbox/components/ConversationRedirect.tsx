import { Navigate, useParams } from 'react-router';
import { errorMessage } from '../../../api/client';
import { EmptyState } from '../../../ui/EmptyState';
import { useConversation } from '../../conversation/hooks/useConversation';
import { tabOf } from '../inboxLists';

/**
 * `/conversations/:id` — the link in push notifications and other places that know a chat but
 * not its status: open it in the tab it belongs to now.
 */
export function ConversationRedirect() {
  const { conversationId = '' } = useParams();
  const conversation = useConversation(conversationId);
  if (conversation.data) return <Navigate to={`/inbox/${tabOf(conversation.data.status)}/${conversationId}`} replace />;
  if (conversation.isError) {
    return (
      <EmptyState title="This chat can’t be opened">
        {errorMessage(conversation.error)} <a href="/inbox/waiting">Back to the inbox</a>
      </EmptyState>
    );
  }
  return <div className="conv conv--loading" aria-busy="true" />;
}
