import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ConversationDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { useShortcut } from '../../../lib/shortcuts';
import { useIsPhone } from '../../../lib/useMediaQuery';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { RatingStars } from '../../../ui/RatingStars';
import { useSession } from '../../auth/hooks/useSession';
import { useSiteMap } from '../../inbox/hooks/useInbox';
import { setOpenConversation } from '../../inbox/openConversation';
import { STATUS_TEXT, tabOf, visitorLabel, type InboxTab } from '../../inbox/inboxLists';
import { canEdit, canJoin, canReply, canTransfer, chatMembers } from '../collaboration';
import { useAccept, useAgentDirectory, useCloseConversation, useConversation, useJoin, useMessages, useUpdateConversation } from '../hooks/useConversation';
import { useReadReporter } from '../hooks/useReadReporter';
import { lastSeqOf } from '../messageList';
import { getPanelOpen, setPanelOpen, subscribePanel } from '../panelStore';
import { useTyping } from '../typingStore';
import { Composer } from './Composer';
import { ConversationActions } from './ConversationActions';
import { MessageList } from './MessageList';
import { Modal } from './Modal';
import { PriorityBadge } from './PrioritySelect';
import { SidePanel } from './SidePanel';
import { TransferDialog } from './TransferDialog';
import { fileSettingsOf } from '../../files/checks';
import { DropOverlay, useFileDrop } from '../../files/components/DropZone';
import { uploads } from '../../files/uploadStore';
import '../conversation.css';


export function ConversationView({ id, tab }: { id: string; tab: InboxTab }) {
  const { agent } = useSession();
  const isPhone = useIsPhone();
  const conversation = useConversation(id);
  const messages = useMessages(id);
  const agents = useAgentDirectory();
  const typing = useTyping(id);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const panelOpen = useSyncExternalStore(subscribePanel, getPanelOpen);
  const close = useCloseConversation();
  const join = useJoin();
  const sites = useSiteMap();

  useEffect(() => {
    setOpenConversation(id);
    return () => setOpenConversation(null);
  }, [id]);

  const conv = conversation.data;
  const canRead = Boolean(conv && messages.data);
  // Files dropped anywhere on the chat go to the composer's tray (when there is a composer).
  const composing = Boolean(conv && conv.status !== 'queued' && (canReply(conv, agent) || conv.status === 'active'));
  const drop = useFileDrop(composing, (files) => {
    if (!conv) return;
    uploads.add(conv.id, files, fileSettingsOf(sites.get(conv.siteId)?.settings));
    composerRef.current?.focus();
  });
  useReadReporter(id, lastSeqOf(messages.data), canRead);

  // Names a note may mention, for highlighting: the team, the chat's agents, whoever wrote in it.
  const people = useMemo(() => {
    const byId = new Map<string, string>();
    for (const a of agents.data ?? []) byId.set(a.id, a.pseudoName);
    for (const p of conv ? chatMembers(conv) : []) if (!byId.has(p.agentId)) byId.set(p.agentId, p.name);
    for (const m of messages.data ?? []) if (m.senderType === 'agent' && m.senderId && m.senderName && !byId.has(m.senderId)) byId.set(m.senderId, m.senderName);
    return [...byId].map(([id, name]) => ({ id, name }));
  }, [agents.data, conv, messages.data]);

  // While the transfer dialog is up, the chat's shortcuts rest (Alt+C must not close the chat behind it).
  const mayClose = Boolean(conv && (conv.status === 'queued' || conv.status === 'active') && canEdit(agent)) && !transferOpen;
  const mayTransfer = Boolean(conv && canTransfer(conv, agent)) && !transferOpen;
  const mayJoin = Boolean(conv && canJoin(conv, agent)) && !transferOpen;
  useShortcut({ id: 'conversation.close', keys: 'Alt+C', description: 'Close this chat', group: 'Conversation', enabled: mayClose, handler: () => close.mutate(id) });
  useShortcut({ id: 'conversation.transfer', keys: 'Alt+T', description: 'Transfer this chat', group: 'Conversation', enabled: mayTransfer, handler: () => setTransferOpen(true) });
  useShortcut({ id: 'conversation.join', keys: 'Alt+J', description: 'Join this chat', group: 'Conversation', enabled: mayJoin, handler: () => join.mutate(id) });
  useShortcut({
    id: 'conversation.details',
    keys: 'Alt+I',
    description: 'Show or hide the details panel',
    group: 'Conversation',
    enabled: !transferOpen,
    handler: () => (isPhone ? setSheetOpen((o) => !o) : setPanelOpen(!getPanelOpen())),
  });

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
  const replying = canReply(conv, agent);
  const openTransfer = () => {
    setSheetOpen(false);
    setTransferOpen(true);
  };

  return (
    <div className={`conv-layout${!isPhone && panelOpen ? ' conv-layout--panel' : ''}`}>
      <div className="conv" {...drop.handlers}>
        <DropOverlay show={drop.over} />
        <ConversationHeader
          conv={conv}
          tab={tab}
          isPhone={isPhone}
          panelOpen={isPhone ? sheetOpen : panelOpen}
          onTogglePanel={() => (isPhone ? setSheetOpen(true) : setPanelOpen(!panelOpen))}
          onTransfer={openTransfer}
        />
        <MessageList
          conversationId={id}
          messages={messages.data}
          loading={messages.isPending}
          error={messages.isError ? errorMessage(messages.error) : null}
          visitorName={visitorLabel(conv.visitor)}
          visitorId={conv.visitorId}
          visitorReadSeq={conv.visitorReadSeq}
          people={people}
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
          ) : replying ? (
            <Composer ref={composerRef} conversation={conv} agents={agents.data} />
          ) : conv.status === 'active' ? (
            <>
              <JoinBar conv={conv} isManager={isManager} onJoined={() => composerRef.current?.focus()} />
              <Composer ref={composerRef} conversation={conv} agents={agents.data} notesOnly />
            </>
          ) : (
            <ClosedBar conv={conv} />
          )}
        </footer>
      </div>
      {!isPhone && panelOpen && (
        <aside className="conv-layout__panel" aria-label="Conversation details">
          <SidePanel conv={conv} />
        </aside>
      )}
      {isPhone && (
        <Modal open={sheetOpen} onClose={() => setSheetOpen(false)} title="Details" variant="sheet" testId="details-sheet">
          <SidePanel conv={conv} actions={<ConversationActions conv={conv} onTransfer={openTransfer} layout="panel" />} />
        </Modal>
      )}
      <TransferDialog conversation={conv} open={transferOpen} onClose={() => setTransferOpen(false)} />
    </div>
  );
}

interface HeaderProps {
  conv: ConversationDto;
  tab: InboxTab;
  isPhone: boolean;
  panelOpen: boolean;
  onTogglePanel: () => void;
  onTransfer: () => void;
}

function ConversationHeader({ conv, tab, isPhone, panelOpen, onTogglePanel, onTransfer }: HeaderProps) {
  const sites = useSiteMap();
  const name = visitorLabel(conv.visitor);
  const statusTab = tabOf(conv.status);
  const members = chatMembers(conv);

  return (
    <header className="conv__header" data-testid="conv-header">
      {isPhone && (
        <Link to={`/inbox/${tab}`} className="icon-btn" aria-label="Back to conversations">
          <Icon name="back" />
        </Link>
      )}
      <Avatar name={name} seed={conv.visitorId} size={isPhone ? 36 : 40} />
      <div className="conv__who">
        <h2 className="conv__name">
          <span className="conv__name-text">{name}</span>
          <PriorityBadge priority={conv.priority} />
          {conv.rating && (
            <span className="conv__rating" title={conv.rating.comment ? `“${conv.rating.comment}”` : undefined} data-testid="header-rating">
              <RatingStars score={conv.rating.score} compact={isPhone} />
            </span>
          )}
        </h2>
        <p className="conv__sub">
          {/* The details panel shows the email when it is open. */}
          {!isPhone && !panelOpen && conv.visitor.email && (
            <a href={`mailto:${conv.visitor.email}`} className="conv__email">
              {conv.visitor.email}
            </a>
          )}
          {sites.get(conv.siteId) && <span>{sites.get(conv.siteId)!.name}</span>}
          {conv.status === 'active' && conv.assignedAgentName && <span>with {conv.assignedAgentName}</span>}
        </p>
      </div>
      {members.length > 0 && <Members members={members} assignedId={conv.assignedAgentId} />}
      <span className={`status-pill status-pill--${statusTab}`} data-status={conv.status}>
        {STATUS_TEXT[conv.status]}
      </span>
      {!isPhone && <ConversationActions conv={conv} onTransfer={onTransfer} />}
      <button
        type="button"
        className={`icon-btn conv__panel-toggle${panelOpen ? ' conv__panel-toggle--on' : ''}`}
        onClick={onTogglePanel}
        aria-label={isPhone ? 'Details and actions' : panelOpen ? 'Hide details' : 'Show details'}
        aria-expanded={panelOpen}
        title={`${panelOpen && !isPhone ? 'Hide' : 'Show'} details (Alt+I)`}
        data-testid="details-toggle"
      >
        <Icon name="panel" />
      </button>
    </header>
  );
}

/** Overlapping avatars of the agents in the chat (the assignee first). */
function Members({ members, assignedId }: { members: ReturnType<typeof chatMembers>; assignedId: string | null }) {
  const shown = members.slice(0, 4);
  const label = members.map((m) => (m.agentId === assignedId ? `${m.name} (assigned)` : m.name)).join(', ');
  return (
    <span className="members" role="img" aria-label={`In this chat: ${label}`} title={`In this chat: ${label}`} data-testid="participants">
      {shown.map((m, i) => (
        // The assignee (first) sits on top of the stack.
        <span key={m.agentId} className="members__item" style={{ zIndex: shown.length - i }} data-testid="participant" data-agent-id={m.agentId}>
          <Avatar name={m.name} seed={m.agentId} url={m.avatarUrl} size={28} />
        </span>
      ))}
      {members.length > shown.length && <span className="members__more">+{members.length - shown.length}</span>}
    </span>
  );
}

function JoinBar({ conv, isManager, onJoined }: { conv: ConversationDto; isManager: boolean; onJoined: () => void }) {
  const { agent } = useSession();
  const join = useJoin();
  const who = conv.assignedAgentName ?? 'Another agent';
  return (
    <div className="join-bar" data-testid="join-bar">
      <p>
        {isManager ? 'Managers can read chats and leave notes, not answer.' : `${who} is handling this chat.`}{' '}
        <span className="muted">{canJoin(conv, agent) ? 'Join to reply, or leave a note for the team.' : 'You can leave a note for the team.'}</span>
      </p>
      {join.isError && (
        <p className="field__error" role="alert">
          {errorMessage(join.error)}
        </p>
      )}
      {canJoin(conv, agent) && (
        <button
          type="button"
          className="btn btn--primary btn--sm"
          disabled={join.isPending}
          data-testid="join-bar-join"
          onClick={() => join.mutate(conv.id, { onSuccess: () => window.setTimeout(onJoined, 50) })}
        >
          <Icon name="userPlus" size={16} /> {join.isPending ? 'Joining…' : 'Join chat'}
        </button>
      )}
    </div>
  );
}

function ClosedBar({ conv }: { conv: ConversationDto }) {
  const { agent } = useSession();
  const update = useUpdateConversation(conv.id);
  return (
    <div className="join-bar">
      <p className="muted">This conversation is {conv.status === 'resolved' ? 'resolved' : 'closed'}. It is kept read-only.</p>
      {update.isError && (
        <p className="field__error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      {canEdit(agent) && (
        <button type="button" className="btn btn--secondary btn--sm" disabled={update.isPending} onClick={() => update.mutate({ status: 'active' })} data-testid="reopen-bar">
          {update.isPending ? 'Reopening…' : 'Reopen'}
        </button>
      )}
    </div>
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
