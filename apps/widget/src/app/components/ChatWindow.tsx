/**
 * The chat window: a lazily loaded chunk (see lazy.ts) with everything it shows, its CSS and the
 * English texts of its forms. Files (uploads, attachments, the image viewer) are a chunk of
 * their own (`files-lazy.ts`); the window only holds the paperclip and the drop zone.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { waitMinutes } from './display';
import { S } from '../i18n';
import { W } from '../i18n/window';
import { isEnded, type WidgetState } from '../state';
import { addStyles } from '../styles';
import { Composer } from './Composer';
import { Csat, OfflineForm, OfflineSent, PreChatForm, Transcript } from './extras';
import { EXTRAS_CSS } from './extras/css';
import { loadFiles, useFiles } from './files-lazy';
import { Header, type MenuItem } from './Header';
import { MessageList } from './MessageList';
import type { Settings, UiStore } from './types';
import { chatView, localGreeting } from './view';
import { WINDOW_CSS } from './window-css';

export interface ChatWindowProps {
  store: UiStore;
  state: WidgetState;
  settings: Settings;
  onClose(): void;
}

function banner(s: WidgetState): [string, string] | null {
  if (!s.online) return ['offline', W().offline];
  if (s.conn === 'reconnecting') return ['reconnecting', W().reconnecting];
  if (s.unreachable) return ['unreachable', S.unreachable];
  return null;
}

/**
 * The open chat: header, banners, then by `chatView`: the conversation with the composer, the
 * pre-chat form, the rating after the end, or the offline form and its confirmation.
 */
export function ChatWindow({ store, state: s, settings, onClose }: ChatWindowProps) {
  const view = chatView(s, settings);
  const ended = view === 'ended';
  const info = banner(s);
  const online = s.config?.availability?.available ?? (s.config?.agentsOnline ?? 0) > 0;
  // A place in line means little while nobody can answer (and an offline message is answered by email).
  const q = !isEnded(s.status) && online && view !== 'sent' && s.queue;
  // Before the first message of a chat, on a site with several teams.
  const teams = view === 'chat' && !s.conversationId && !s.outbox.length && s.config?.departments?.length ? s.config.departments : [];
  const win = useRef<HTMLDivElement>(null);
  const newChat = useRef<HTMLButtonElement>(null);
  const [transcript, setTranscript] = useState(false);
  // Rated in this window: the card stays to say thanks.
  const [ratedHere, setRatedHere] = useState<string | null>(null);
  // Files: the site takes them (paperclip, drop, paste while chatting), or a message carries one.
  const files = view === 'chat' && settings.files?.enabled ? settings.files : null;
  const kit = useFiles(!!files || s.messages.some((m) => m.attachments?.length));
  const uploads = kit?.uploadsFor(store);
  const [, redraw] = useState(0);
  const [dropping, setDropping] = useState(false);
  useEffect(() => uploads?.subscribe(() => redraw((n) => n + 1)), [uploads]);
  const addFiles = (list: File[]) => files && void loadFiles().then((k) => list.forEach((f) => k.uploadsFor(store).add(f, files)));
  const dragsFiles = (e: DragEvent) => !!files && !!e.dataTransfer?.types.includes('Files');

  useLayoutEffect(() => addStyles(win.current, 'window', WINDOW_CSS + EXTRAS_CSS), []);
  useLayoutEffect(() => {
    if (kit) addStyles(win.current, 'files', kit.FILES_CSS);
  }, [kit]);
  // The composer focuses itself; when the chat has ended, the "new chat" button takes focus.
  useEffect(() => {
    if (ended && !(newChat.current?.getRootNode() as ShadowRoot | undefined)?.activeElement) newChat.current?.focus();
  }, [ended]);

  const conversationId = s.conversationId;
  const items: MenuItem[] = [];
  if (conversationId && s.messages.length) items.push({ id: 'transcript', label: W().transcript, run: () => setTranscript(true) });
  if (conversationId && !isEnded(s.status)) items.push({ id: 'close-chat', label: W().endChat, run: () => store.closeConversation() });
  const rate = conversationId && ended && (!s.ratings[conversationId] || ratedHere === conversationId);

  let body: ComponentChildren;
  if (view === 'sent') body = <OfflineSent email={s.offlineSent ?? ''} onDone={() => store.closeOfflineSent()} />;
  else if (view === 'offline' && s.config)
    body = <OfflineForm intro={settings.offline?.message ?? ''} availability={s.config.availability} preChat={settings.preChatForm} visitor={s.visitor} onSubmit={(input) => store.sendOfflineMessage(input)} />;
  else
    body = (
      <>
        <MessageList
          welcome={settings.welcomeText}
          team={{ name: settings.title, avatarUrl: settings.avatarUrl }}
          greeting={ended ? null : localGreeting(s, settings)}
          messages={s.messages}
          outbox={s.outbox}
          agentReadSeq={s.agentReadSeq}
          agentTyping={s.agentTyping}
          onRetry={(id) => store.retry(id)}
          attachment={kit ? (a) => <kit.Attachment key={a.id} a={a} host={store} /> : undefined}
          uploads={kit && uploads?.pending(s.messages).map((u) => <kit.PendingUpload key={u.clientId} u={u} uploads={uploads} />)}
        >
          {view === 'prechat' && settings.preChatForm && <PreChatForm form={settings.preChatForm} visitor={s.visitor} onSubmit={(fields) => store.submitProfile(fields)} />}
          {rate && (
            <Csat
              onRate={(score, comment) => {
                setRatedHere(conversationId);
                return store.rate(score, comment);
              }}
            />
          )}
        </MessageList>
        {teams.length > 1 && (
          <div class="dp" role="group" aria-labelledby="pw-dp" data-testid="department-picker">
            <span id="pw-dp">{W().chooseTeam}</span>
            {teams.map((d) => (
              <button type="button" key={d.id} aria-pressed={s.departmentId === d.id} data-testid="department" data-id={d.id} onClick={() => store.chooseDepartment(d.id)}>
                {d.name}
              </button>
            ))}
          </div>
        )}
        {ended ? (
          <div class="end" data-testid="chat-ended" role="status">
            {W().ended}
            <br />
            <button type="button" class="btn" data-testid="new-chat" ref={newChat} onClick={() => store.newChat()}>
              {W().newChat}
            </button>
          </div>
        ) : view === 'chat' ? (
          <Composer
            draft={store.draft}
            onDraft={(t) => (store.draft = t)}
            onTyping={() => store.typing()}
            onSend={(t) => store.send(t)}
            files={files ? { accept: kit?.acceptAttribute(files.allowedTypes), onFiles: addFiles } : undefined}
          />
        ) : view === 'wait' ? (
          <p class="ld">{W().loading}</p>
        ) : null}
      </>
    );

  return (
    <div
      class="win"
      ref={win}
      role="dialog"
      aria-label={settings.title}
      data-testid="chat-window"
      data-view={view}
      onDragOver={(e) => {
        if (!dragsFiles(e)) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(e) => !win.current?.contains(e.relatedTarget as Node | null) && setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        if (!dragsFiles(e)) return;
        e.preventDefault();
        addFiles([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <Header title={settings.title} avatarUrl={settings.avatarUrl} agent={s.agent} online={online} items={items} onClose={onClose} />
      {info && (
        <div class="bn" role="status" data-testid="connection-state" data-state={info[0]}>
          {info[1]}
        </div>
      )}
      {transcript && <Transcript email={s.visitor?.email ?? null} onSend={(email) => store.emailTranscript(email)} onDone={() => setTranscript(false)} />}
      {q && (
        <div class="bn q" role="status" data-testid="queue-position" data-position={q.position}>
          <span>{W().place(q.position)}</span>
          {q.estimatedWaitSeconds === null ? <br /> : ' · '}
          <span>{W().wait(waitMinutes(q.estimatedWaitSeconds))}</span>
        </div>
      )}
      {body}
      {dropping && (
        <div class="drop" data-testid="drop-zone">
          {W().dropFile}
        </div>
      )}
      {kit && <kit.Lightbox />}
    </div>
  );
}
