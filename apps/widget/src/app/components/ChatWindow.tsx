import { useEffect, useRef } from 'preact/hooks';
import type { WidgetSettings } from '@parley/protocol';
import { waitMinutes } from '../format';
import { isEnded, type Store, type WidgetState } from '../store';
import { S } from '../strings';
import { Composer } from './Composer';
import { Header } from './Header';
import { MessageList } from './MessageList';

interface Props {
  store: Store;
  state: WidgetState;
  settings: WidgetSettings;
  onClose(): void;
}

function banner(s: WidgetState): [string, string] | null {
  if (!s.online) return ['offline', S.offline];
  if (s.conn === 'reconnecting') return ['reconnecting', S.reconnecting];
  if (s.unreachable) return ['unreachable', S.unreachable];
  return null;
}

/** The open chat: header, banners, messages, the team picker, and the composer (or "chat ended"). */
export function ChatWindow({ store, state: s, settings, onClose }: Props) {
  const ended = isEnded(s.status);
  const info = banner(s);
  const q = !ended && s.queue;
  // Before the first message of a chat, on a site with several teams.
  const teams = !s.conversationId && !s.outbox.length && s.config?.departments?.length ? s.config.departments : [];
  const newChat = useRef<HTMLButtonElement>(null);

  // The composer focuses itself; when the chat has ended, the "new chat" button takes focus.
  useEffect(() => {
    if (ended && !(newChat.current?.getRootNode() as ShadowRoot | undefined)?.activeElement) newChat.current?.focus();
  }, [ended]);

  return (
    <div class="win" role="dialog" aria-label={settings.title} data-testid="chat-window">
      <Header
        title={settings.title}
        agent={s.agent}
        agentsOnline={s.config?.agentsOnline ?? 0}
        canEnd={!!s.conversationId && !ended}
        onEnd={() => store.closeConversation()}
        onClose={onClose}
      />
      {info && (
        <div class="bn" role="status" data-testid="connection-state" data-state={info[0]}>
          {info[1]}
        </div>
      )}
      {q && (
        <div class="bn q" role="status" data-testid="queue-position" data-position={q.position}>
          <span>{S.place(q.position)}</span>{q.estimatedWaitSeconds === null ? <br /> : ' · '}<span>{S.wait(waitMinutes(q.estimatedWaitSeconds))}</span>
        </div>
      )}
      <MessageList
        welcome={settings.welcomeText}
        messages={s.messages}
        outbox={s.outbox}
        agentReadSeq={s.agentReadSeq}
        agentTyping={s.agentTyping}
        onRetry={(id) => store.retry(id)}
      />
      {teams.length > 1 && (
        <div class="dp" role="group" aria-labelledby="pw-dp" data-testid="department-picker">
          <span id="pw-dp">{S.chooseTeam}</span>
          {teams.map((d) => (
            <button type="button" key={d.id} aria-pressed={s.departmentId === d.id} data-testid="department" data-id={d.id} onClick={() => store.chooseDepartment(d.id)}>
              {d.name}
            </button>
          ))}
        </div>
      )}
      {ended ? (
        <div class="end" data-testid="chat-ended" role="status">
          {S.ended}
          <br />
          <button type="button" class="btn" data-testid="new-chat" ref={newChat} onClick={() => store.newChat()}>
            {S.newChat}
          </button>
        </div>
      ) : (
        <Composer draft={store.draft} onDraft={(t) => (store.draft = t)} onTyping={() => store.typing()} onSend={(t) => store.send(t)} />
      )}
    </div>
  );
}
