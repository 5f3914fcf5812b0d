import { useEffect, useRef } from 'preact/hooks';
import type { WidgetSettings } from '@parley/protocol';
import { isEnded, type Store, type WidgetState } from '../store';
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
  if (!s.online) return ['offline', 'Offline — messages will be sent when you’re back'];
  if (s.conn === 'reconnecting') return ['reconnecting', 'Reconnecting…'];
  if (s.unreachable) return ['unreachable', 'Can’t reach the chat — retrying…'];
  return null;
}

/** The open chat: header, connection banner, messages, and the composer (or "chat ended"). */
export function ChatWindow({ store, state: s, settings, onClose }: Props) {
  const ended = isEnded(s.status);
  const info = banner(s);
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
      <MessageList
        welcome={settings.welcomeText}
        messages={s.messages}
        outbox={s.outbox}
        agentReadSeq={s.agentReadSeq}
        agentTyping={s.agentTyping}
        onRetry={(id) => store.retry(id)}
      />
      {ended ? (
        <div class="end" data-testid="chat-ended" role="status">
          This chat has ended
          <br />
          <button type="button" class="btn" data-testid="new-chat" ref={newChat} onClick={() => store.newChat()}>
            Start a new chat
          </button>
        </div>
      ) : (
        <Composer draft={store.draft} onDraft={(t) => (store.draft = t)} onTyping={() => store.typing()} onSend={(t) => store.send(t)} />
      )}
    </div>
  );
}
