import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { AttachmentDto, MessageDto } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { clockTime, dayLabel, sameDay } from '../../../lib/time';
import { agentOrder } from '@parley/protocol/client';
import { Avatar, avatarColor, teamColor } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { useQueryClient } from '@tanstack/react-query';
import { linkify } from '@parley/protocol/client';
import { receiptFor } from '../messageList';
import { discardSend, retrySend, useOutbox } from '../outboxStore';
import type { OutboxItem } from '../outbox';
import { onMessageStored } from '../cache';
import { splitMentions, type Mentionable } from '../mentions';
import { MessageAttachments, isViewableImage } from '../../files/components/Attachments';
import { Lightbox } from '../../files/components/Lightbox';
import { PendingUpload } from '../../files/components/Uploads';
import { usePendingUploads } from '../../files/uploadStore';

interface Props {
  conversationId: string;
  messages: MessageDto[] | undefined;
  loading: boolean;
  error: string | null;
  visitorName: string;
  /** Seeds the visitor's avatar colour (the header uses the same). */
  visitorId: string;
  visitorReadSeq: number | undefined;
  /** Teammates a note can mention (highlighted in notes). */
  people: readonly Mentionable[];
  onRetry: () => void;
}

const NEAR_BOTTOM_PX = 120;

export function MessageList({ conversationId, messages, loading, error, visitorName, visitorId, visitorReadSeq, people, onRetry }: Props) {
  const pending = useOutbox(conversationId);
  const uploading = usePendingUploads(conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const count = (messages?.length ?? 0) + pending.length + uploading.length;
  const order = useMemo(() => agentOrder(messages ?? []), [messages]);
  // The chat's pictures, for the lightbox's previous / next.
  const images = useMemo(() => (messages ?? []).flatMap((m) => (m.attachments ?? []).filter(isViewableImage)), [messages]);
  const [viewing, setViewing] = useState<string | null>(null);
  const viewingIndex = viewing ? images.findIndex((a) => a.id === viewing) : -1;

  // Follow new messages while the agent is at the bottom; otherwise offer a jump button.
  // What the agent just sent (text or files) always brings the list down to it.
  const mine = pending.length + uploading.length;
  const prev = useRef({ count: -1, mine });
  useLayoutEffect(() => {
    const el = scroller.current;
    const sent = mine > prev.current.mine;
    const changed = count !== prev.current.count;
    prev.current = { count, mine };
    if (!el || !changed) return;
    if (sent) stickToBottom.current = true;
    if (stickToBottom.current) el.scrollTop = el.scrollHeight;
    else setShowJump(true);
  }, [count, mine]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      const near = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      stickToBottom.current = near;
      if (near) setShowJump(false);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const jump = () => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
    setShowJump(false);
  };

  return (
    <div className="messages-wrap">
      <div className="messages" ref={scroller} role="log" aria-label={`Messages with ${visitorName}`} aria-live="polite" tabIndex={0}>
        {loading && <p className="messages__status">Loading messages…</p>}
        {error && (
          <div className="alert alert--error" role="alert">
            {error}{' '}
            <button type="button" className="btn btn--link" onClick={onRetry}>
              Retry
            </button>
          </div>
        )}
        {messages?.map((m, i) => {
          const prev = messages[i - 1];
          const newDay = !prev || !sameDay(prev.createdAt, m.createdAt);
          const groupStart = newDay || !prev || prev.senderType !== m.senderType || prev.senderId !== m.senderId || prev.kind === 'event' || (prev.kind === 'note') !== (m.kind === 'note');
          return (
            <Fragment key={m.id}>
              {newDay && (
                <div className="day-sep" role="separator">
                  <span>{dayLabel(m.createdAt)}</span>
                </div>
              )}
              <MessageItem
                message={m}
                showName={groupStart}
                visitorName={visitorName}
                visitorId={visitorId}
                visitorReadSeq={visitorReadSeq}
                people={people}
                agentIndex={order.get(m.senderId ?? '')}
                onOpenImage={setViewing}
              />
            </Fragment>
          );
        })}
        {pending.map((item) => (
          <PendingItem key={item.clientId} item={item} people={people} />
        ))}
        {uploading.map((item) => (
          <PendingUpload key={item.id} item={item} />
        ))}
        {messages && messages.length === 0 && pending.length === 0 && uploading.length === 0 && <p className="messages__status">No messages yet.</p>}
      </div>
      {viewingIndex >= 0 && <Lightbox images={images} index={viewingIndex} onIndex={(i) => setViewing(images[i]?.id ?? null)} onClose={() => setViewing(null)} />}
      {showJump && (
        <button type="button" className="jump-btn" onClick={jump}>
          New messages ↓
        </button>
      )}
    </div>
  );
}

/** A note's text with `@Name` mentions highlighted (mine stronger), links live. */
function NoteText({ body, people, mentions }: { body: string; people: readonly Mentionable[]; mentions?: readonly string[] }) {
  const { agent } = useSession();
  // Whoever the server says was mentioned counts even if they aren't in our list (e.g. me).
  const known = mentions?.length ? people.filter((p) => mentions.includes(p.id)) : people;
  const withMe = known.some((p) => p.id === agent.id) ? known : [...known, { id: agent.id, name: agent.pseudoName }];
  return (
    <>
      {splitMentions(body, withMe).map((part, i) =>
        part.kind === 'mention' ? (
          <mark key={i} className={`mention${part.agentId === agent.id ? ' mention--me' : ''}`} data-testid="mention">
            {part.text}
          </mark>
        ) : (
          <Text key={i} body={part.text} />
        ),
      )}
    </>
  );
}

function Text({ body }: { body: string }) {
  return (
    <>
      {linkify(body).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

function MessageItem({
  message: m,
  showName,
  visitorName,
  visitorId,
  visitorReadSeq,
  people,
  agentIndex,
  onOpenImage,
}: {
  message: MessageDto;
  showName: boolean;
  visitorName: string;
  visitorId: string;
  visitorReadSeq: number | undefined;
  people: readonly Mentionable[];
  /** Place of this agent in the chat (`agentOrder`): colours that never repeat within it. */
  agentIndex?: number;
  onOpenImage: (attachmentId: string) => void;
}) {
  const { agent } = useSession();
  const common = { 'data-testid': 'message', 'data-seq': m.seq, 'data-sender-type': m.senderType, 'data-kind': m.kind };

  if (m.senderType === 'system' || m.kind === 'event') {
    return (
      <div className="msg msg--system" {...common}>
        <span>
          <Text body={m.body} />{' '}
          <time dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString()}>
            at {clockTime(m.createdAt)}
          </time>
        </span>
      </div>
    );
  }

  const outgoing = m.senderType === 'agent' || m.senderType === 'bot';
  const isMe = m.senderType === 'agent' && m.senderId === agent.id;
  const isNote = m.kind === 'note';
  const realName = m.senderType === 'visitor' ? (m.senderName ?? visitorName) : (m.senderName ?? (m.senderType === 'bot' ? 'Bot' : 'Agent'));
  const seed = m.senderType === 'visitor' ? visitorId : (m.senderId ?? realName);
  const color = agentIndex !== undefined ? teamColor(agentIndex) : avatarColor(seed);
  const receipt = m.senderType === 'agent' && !isNote ? receiptFor(m, visitorReadSeq) : null;
  const files: readonly AttachmentDto[] = m.attachments ?? [];
  const cls = ['msg', outgoing ? 'msg--out' : 'msg--in', isNote && 'msg--note', showName && 'msg--first', m.senderType === 'agent' && !isMe && 'msg--team', files.length > 0 && 'msg--files']
    .filter(Boolean)
    .join(' ');

  return (
    <div className={cls} style={{ '--sender': color } as CSSProperties} data-sender-id={m.senderId ?? undefined} {...common}>
      <div className="msg__row">
        <span className="msg__avatar">{showName && <Avatar name={realName} seed={seed} url={m.senderAvatarUrl} size={28} color={color} />}</span>
        <div className="bubble">
          {(showName || isNote) && (
            <span className="bubble__name">
              <span className="bubble__sender" data-testid="sender-name">
                {isMe ? 'You' : realName}
              </span>
              {isNote && (
                <span className="bubble__tag" title="Internal note: the visitor never sees it">
                  <Icon name="lock" size={11} /> Only visible to your team
                </span>
              )}
            </span>
          )}
          {files.length > 0 && <MessageAttachments attachments={files} onOpenImage={onOpenImage} />}
          {(files.length === 0 || m.body) && (
            <span className="bubble__text">{isNote ? <NoteText body={m.body} people={people} mentions={m.mentions} /> : <Text body={m.body} />}</span>
          )}
          <span className="bubble__meta">
            <time dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString()}>
              {clockTime(m.createdAt)}
            </time>
            {receipt && (
              <span className={`receipt receipt--${receipt}`} data-testid="receipt" data-state={receipt} aria-label={receipt === 'read' ? 'Read' : 'Delivered'} title={receipt === 'read' ? 'Read by the visitor' : 'Delivered'}>
                {receipt === 'read' ? '✓✓' : '✓'}
              </span>
            )}
          </span>
        </div>
      </div>
    </div>
  );
}

function PendingItem({ item, people }: { item: OutboxItem; people: readonly Mentionable[] }) {
  const socket = useSocket();
  const qc = useQueryClient();
  const failed = item.state === 'failed';
  const isNote = item.kind === 'note';
  return (
    <div
      className={`msg msg--out msg--pending${failed ? ' msg--failed' : ''}${isNote ? ' msg--note' : ''}`}
      data-testid="message"
      data-sender-type="agent"
      data-kind={item.kind}
      data-state={failed ? 'failed' : 'pending'}
    >
      <div className="msg__row">
        <span className="msg__avatar" />
        <div className="bubble">
          {isNote && (
            <span className="bubble__name">
              <span className="bubble__sender">You</span>
              <span className="bubble__tag">
                <Icon name="lock" size={11} /> Only visible to your team
              </span>
            </span>
          )}
          <span className="bubble__text">{isNote ? <NoteText body={item.body} people={people} /> : <Text body={item.body} />}</span>
          <span className="bubble__meta">
            <time dateTime={item.createdAt}>{clockTime(item.createdAt)}</time>
            <span className={`receipt receipt--${failed ? 'failed' : 'pending'}`} data-testid="receipt" data-state={failed ? 'failed' : 'pending'} aria-label={failed ? 'Not sent' : 'Sending'}>
              <Icon name={failed ? 'alert' : 'clock'} size={13} />
            </span>
          </span>
        </div>
      </div>
      {failed && (
        <div className="msg__error" role="alert">
          {item.error ?? 'Not sent.'}
          <button type="button" className="btn btn--link" onClick={() => retrySend(socket, item.clientId, onMessageStored(qc))}>
            Retry
          </button>
          <button type="button" className="btn btn--link" onClick={() => discardSend(item.clientId)}>
            Discard
          </button>
        </div>
      )}
    </div>
  );
}
