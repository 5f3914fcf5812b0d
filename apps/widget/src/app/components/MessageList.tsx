import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AttachmentDto, MessageDto } from '@parley/protocol';
import { agentOrder } from '@parley/protocol/client';
import { agentColor } from './display';
import type { WindowStrings } from '../i18n/en-window';
import { W, formatTime } from '../i18n/window';
import { startsRun } from '../messages';
import type { OutboxItem } from '../outbox';
import { Avatar } from './Header';
import { ClockIcon } from './window-icons';
import { Text } from './Text';

type ReceiptState = keyof WindowStrings['receipt'];

function Receipt({ state }: { state: ReceiptState }) {
  const label = W().receipt[state];
  return (
    <span class="rc" data-testid="receipt" data-state={state} role="img" aria-label={label} title={label}>
      {state === 'read' ? '✓✓' : state === 'sent' ? '✓' : state === 'failed' ? '!' : <ClockIcon />}
    </span>
  );
}

interface Props {
  welcome: string;
  /** The team's name and avatar: on the greeting and on bot messages. */
  team: { name: string; avatarUrl: string | null };
  /** The team's first message before the chat exists (greeting or accepted prompt). */
  greeting: string | null;
  messages: MessageDto[];
  outbox: OutboxItem[];
  agentReadSeq: number;
  agentTyping: string | null;
  onRetry(clientId: string): void;
  /** A message's file (the files chunk), else a blank box until the chunk is here. */
  attachment?(a: AttachmentDto): ComponentChildren;
  /** The visitor's uploads under way or failed (after the unsent messages). */
  uploads?: ComponentChildren;
  /** Cards after the messages (pre-chat form, rating). */
  children?: ComponentChildren;
}

/** Welcome text, the greeting, the conversation, the visitor's unsent messages, the typing line and the cards. */
export function MessageList({ welcome, team, greeting, messages, outbox, agentReadSeq, agentTyping, onRetry, attachment, uploads, children }: Props) {
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const order = agentOrder(messages);

  // Follow new messages unless the visitor scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, outbox, uploads, agentTyping, children]);

  return (
    <div
      class="ls"
      ref={list}
      data-testid="message-list"
      role="log"
      aria-live="polite"
      aria-label={W().conversation}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
      }}
    >
      {welcome && (
        <p class="intro" data-testid="welcome">
          {welcome}
        </p>
      )}
      {greeting && (
        <div class="row" data-testid="greeting">
          <div class="who">
            <Avatar url={team.avatarUrl} name={team.name} class="av sm tm" />
            <span>{team.name}</span>
          </div>
          <div class="bb">
            <Text text={greeting} />
          </div>
        </div>
      )}
      {messages.map((m, i) => {
        if (m.senderType === 'system' || m.kind === 'event') {
          return (
            <div key={m.id} class="row s" data-testid="message" data-seq={m.seq} data-sender-type={m.senderType}>
              <div class="bb">{m.body}</div>
            </div>
          );
        }
        // Never shown to a visitor, even if the server ever sent one.
        if (m.kind === 'note') return null;
        const mine = m.senderType === 'visitor';
        // Bots speak for the team (greeting, away message).
        const bot = m.senderType === 'bot';
        const name = (bot ? team.name : m.senderName) || W().support;
        // Each agent keeps one colour, so that two agents in a chat are told apart at a glance.
        const color = agentColor(order.get(m.senderId ?? ''));
        return (
          <div key={m.id} class={mine ? 'row v' : 'row'} data-testid="message" data-seq={m.seq} data-sender-type={m.senderType} data-sender-id={m.senderId ?? undefined}>
            {!mine && startsRun(messages[i - 1], m) && (
              <div class="who" style={bot ? undefined : { '--a': color }}>
                <Avatar url={bot ? team.avatarUrl : m.senderAvatarUrl} name={name} class={bot ? 'av sm tm' : 'av sm ag'} />
                <span class={bot ? undefined : 'nm'} data-testid="sender-name">
                  {name}
                </span>
              </div>
            )}
            {m.attachments?.map((a) => (attachment ? attachment(a) : <div key={a.id} class="fp" />))}
            {/* A file's caption; a file message without one has no bubble. */}
            {(m.body || !m.attachments?.length) && (
              <div class="bb">
                <Text text={m.body} />
              </div>
            )}
            <div class="mt">
              <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
              {mine && <Receipt state={agentReadSeq >= m.seq ? 'read' : 'sent'} />}
            </div>
          </div>
        );
      })}
      {outbox.map((o) => (
        <div key={o.clientId} class="row v p" data-testid="message" data-sender-type="visitor" data-client-id={o.clientId}>
          <div class="bb">
            <Text text={o.body} />
          </div>
          <div class="mt">
            <time dateTime={o.createdAt}>{formatTime(o.createdAt)}</time>
            <Receipt state={o.error ? 'failed' : 'pending'} />
          </div>
          {o.error && (
            <div class="er" data-testid="error" role="alert">
              {o.error}
              <button type="button" onClick={() => onRetry(o.clientId)}>
                {W().retry}
              </button>
            </div>
          )}
        </div>
      ))}
      {uploads}
      {agentTyping && (
        <div class="row ty" data-testid="typing">
          {W().typing(agentTyping)}
        </div>
      )}
      {children}
    </div>
  );
}
