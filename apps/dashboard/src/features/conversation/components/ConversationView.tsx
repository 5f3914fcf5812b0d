import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ConversationDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { useIsPhone } from '../../../lib/useMediaQuery';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { useSiteMap } from '../../inbox/hooks/useInbox';
import { setOpenConversation } from '../../inbox/openConversation';
import { tabOf, visitorLabel, type InboxTab } from '../../inbox/inboxLists';
import { useAccept, useCloseConversation, useConversation, useMessages } from '../hooks/useConversation';
import { useReadReporter } from '../hooks/useReadReporter';
import { lastSeqOf } from '../messageList';
import { useTyping } from '../typingStore';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

const STATUS_TEXT: Record<ConversationDto['status'], string> = { queued: 'Waiting', active: 'Active', resolved: 'Resolved', closed: 'Closed' };

export function ConversationView({ id, tab }: { id: string; tab: InboxTab }) {
  const { agent } = useSession();
  const conversation = useConversation(id);
  const messages = useMessages(id);
  const typing = useTyping(id);
  const composerRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setOpenConversation(id);
    return () => setOpenConversation(null);
  }, [id]);

  const conv = conversation.data;
  const canRead = Boolean(conv && messages.data);
  useReadReporter(id, lastSeqOf(messages.data), canRead);

  if (conversation.isError && !conv) {
    return (
      <div className="conv conv--error">
        <div className="alert alert--error" role="alert">
          {errorMessage(conversation.error)}
        </div>
        <Link to={`/inbox/${tab}`} className="btn btn--secondary">
          Back to the list
        </Link>
      </div>
    );
  }
  if (!conv) return <div className="conv conv--loading" aria-busy="true" />;

  const isManager = agent.role === 'manager';
  // Mirrors the server's canReplyIn policy: my chat, an unassigned one, or any chat for admins.
  const mine = conv.assignedAgentId === agent.id || conv.assignedAgentId === null;
  const canReply = conv.status === 'active' && !isManager && (mine || agent.role === 'owner' || agent.role === 'admin');

  return (
    <div className="conv">
      <ConversationHeader conv={conv} tab={tab} />
      <MessageList
        conversationId={id}
        messages={messages.data}
        loading={messages.isPending}
        error={messages.isError ? errorMessage(messages.error) : null}
        visitorName={visitorLabel(conv.visitor)}
        visitorReadSeq={conv.visitorReadSeq}
        onRetry={() => void messages.refetch()}
      />
      <div className="typing" data-testid="typing" aria-live="polite" hidden={!typing}>
        <span className="typing__dots" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        {typing ? `${typing.name || visitorLabel(conv.visitor)} is typing…` : ''}
      </div>
      <footer className="conv__footer">
        {conv.status === 'queued' ? (
          isManager ? (
            <p className="conv__notice">Waiting for an agent. Managers can read chats but not answer them.</p>
          ) : (
            <AcceptBar id={id} onAccepted={() => composerRef.current?.focus()} />
          )
        ) : canReply ? (
          <Composer ref={composerRef} conversationId={id} />
        ) : conv.status === 'active' ? (
          <p className="conv__notice">{isManager ? 'Managers can read chats but not answer them.' : `${conv.assignedAgentName ?? 'Another agent'} is handling this chat.`}</p>
        ) : (
          <p className="conv__notice">This conversation is closed. It is kept read-only.</p>
        )}
      </footer>
    </div>
  );
}

function ConversationHeader({ conv, tab }: { conv: ConversationDto; tab: InboxTab }) {
  const { agent } = useSession();
  const isPhone = useIsPhone();
  const sites = useSiteMap();
  const close = useCloseConversation();
  const name = visitorLabel(conv.visitor);
  const canClose = (conv.status === 'queued' || conv.status === 'active') && agent.role !== 'manager';
  const statusTab = tabOf(conv.status);

  return (
    <header className="conv__header" data-testid="conv-header">
      {isPhone && (
        <Link to={`/inbox/${tab}`} className="icon-btn" aria-label="Back to conversations">
          <Icon name="back" />
        </Link>
      )}
      <Avatar name={name} seed={conv.visitorId} />
      <div className="conv__who">
        <h2 className="conv__name">{name}</h2>
        <p className="conv__sub">
          {conv.visitor.email && (
            <a href={`mailto:${conv.visitor.email}`} className="conv__email">
              {conv.visitor.email}
            </a>
          )}
          {sites.get(conv.siteId) && <span>{sites.get(conv.siteId)!.name}</span>}
          {conv.status === 'active' && conv.assignedAgentName && <span>with {conv.assignedAgentName}</span>}
        </p>
      </div>
      <span className={`status-pill status-pill--${statusTab}`} data-status={conv.status}>
        {STATUS_TEXT[conv.status]}
      </span>
      {canClose && (
        <button
          type="button"
          className="btn btn--secondary btn--sm"
          onClick={() => close.mutate(conv.id)}
          disabled={close.isPending}
          data-testid="close-conversation"
          title="Close this conversation"
        >
          {close.isPending ? 'Closing…' : 'Close'}
        </button>
      )}
      {close.isError && (
        <span className="conv__header-error" role="alert">
          {errorMessage(close.error)}
        </span>
      )}
    </header>
  );
}

function AcceptBar({ id, onAccepted }: { id: string; onAccepted: () => void }) {
  const accept = useAccept();
  const navigate = useNavigate();
  return (
    <div className="accept-bar">
      <p>This visitor is waiting. Accept the chat to reply.</p>
      {accept.isError && (
        <p className="field__error" role="alert">
          {errorMessage(accept.error)}
        </p>
      )}
      <button
        type="button"
        className="btn btn--primary"
        disabled={accept.isPending}
        data-testid="accept"
        onClick={async () => {
          // mutateAsync: the bar unmounts as soon as the cache says "active", the promise still resolves.
          const conv = await accept.mutateAsync(id).catch(() => null);
          if (!conv) return;
          navigate(`/inbox/${tabOf(conv.status)}/${conv.id}`, { replace: true });
          window.setTimeout(onAccepted, 50);
        }}
      >
        {accept.isPending ? 'Accepting…' : 'Accept chat'}
      </button>
    </div>
  );
}
