import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import { FILE_LIMITS, LIMITS, acceptAttribute, type AgentDto, type CannedResponseDto, type ConversationDto } from '@parley/protocol';
import { renderCanned } from '@parley/protocol/client';
import { useShortcut } from '../../../lib/shortcuts';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { StatusDot, STATUS_LABEL } from '../../../ui/StatusDot';
import { useSession } from '../../auth/hooks/useSession';
import { useSiteMap } from '../../inbox/hooks/useInbox';
import { filterCanned, previewBody } from '../../canned-picker/filter';
import { useCannedResponses, useMarkCannedUsed } from '../../canned-picker/useCanned';
import { onMessageStored } from '../cache';
import { mentionCandidates } from '../mentions';
import { useTypingEmitter } from '../hooks/useTypingEmitter';
import { queueSend } from '../outboxStore';
import { findTrigger, replaceTrigger, type Trigger } from '../trigger';
import { SuggestionList, type Suggestion } from './SuggestionList';
import { fileSettingsOf, pastedFileName } from '../../files/checks';
import { onUploadStored } from '../../files/hooks';
import { uploads, useTray } from '../../files/uploadStore';
import { UploadTray } from '../../files/components/Uploads';

const drafts = new Map<string, string>();
const noteModes = new Map<string, boolean>();

interface Props {
  conversation: ConversationDto;
  /** The agent may write internal notes only (not in the chat yet, or a manager). */
  notesOnly?: boolean;
  /** Teammates for `@` mentions (loaded by the view). */
  agents: readonly AgentDto[] | undefined;
  ref?: Ref<HTMLTextAreaElement>;
}

type Picker = { kind: 'canned'; trigger: Trigger; items: CannedResponseDto[] } | { kind: 'mention'; trigger: Trigger; items: AgentDto[] };

/**
 * Enter sends, Shift+Enter adds a line. Reply or internal note (Alt+N); `/` opens canned
 * responses, `@` in a note mentions a teammate. Drafts and the mode survive switching chats.
 * Files (paperclip, paste, or dropped on the chat) wait in a tray above the text, which
 * becomes their caption; Send uploads them, one message each.
 */
export function Composer({ conversation, notesOnly = false, agents, ref }: Props) {
  const conversationId = conversation.id;
  const socket = useSocket();
  const qc = useQueryClient();
  const { agent: me } = useSession();
  const sites = useSiteMap();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [noteChoice, setNoteChoice] = useState(() => noteModes.get(conversationId) ?? false);
  const noteMode = notesOnly || noteChoice;
  const [area, setArea] = useState<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);
  const typing = useTypingEmitter(conversationId);
  const markUsed = useMarkCannedUsed();
  const tooLong = text.length > LIMITS.messageMaxChars;
  const empty = text.trim().length === 0;
  const fileInput = useRef<HTMLInputElement>(null);
  const tray = useTray(conversationId);
  const siteSettings = sites.get(conversation.siteId)?.settings;
  const fileSettings = useMemo(() => fileSettingsOf(siteSettings), [siteSettings]);
  const hasFiles = tray.some((i) => i.state === 'ready');
  const captionTooLong = hasFiles && text.trim().length > FILE_LIMITS.captionMaxChars;

  const trigger = caret === null ? null : findTrigger(text, caret, noteMode ? ['/', '@'] : ['/']);
  const open = trigger !== null && trigger.start !== dismissedAt;
  const canned = useCannedResponses(trigger?.char === '/' || text.startsWith('/'));

  const picker: Picker | null = !open
    ? null
    : trigger.char === '/'
      ? { kind: 'canned', trigger, items: filterCanned(canned.data ?? [], trigger.query) }
      : { kind: 'mention', trigger, items: mentionCandidates(agents ?? [], conversation.siteId, me.id, trigger.query) };
  const activeIndex = picker && picker.items.length > 0 ? Math.min(active, picker.items.length - 1) : -1;

  // Grow with the text up to a few lines.
  useLayoutEffect(() => {
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, 180)}px`;
  }, [text, area]);

  // After inserting a canned response or a mention, put the caret after it.
  useLayoutEffect(() => {
    if (!area || pendingCaret.current === null) return;
    area.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = null;
  }, [text, area]);

  useShortcut({
    id: 'conversation.toggle-note',
    keys: 'Alt+N',
    description: 'Switch between reply and internal note',
    group: 'Conversation',
    enabled: !notesOnly,
    handler: () => {
      toggleNote(!noteChoice);
      area?.focus();
    },
  });

  function toggleNote(next: boolean) {
    setNoteChoice(next);
    noteModes.set(conversationId, next);
    // The visitor must not see "agent is typing" for a note.
    if (next) typing.stop();
  }

  function update(value: string, caretPos: number | null) {
    setText(value);
    setCaret(caretPos);
    drafts.set(conversationId, value);
    if (!noteMode && value) typing.onInput();
    else typing.stop();
  }

  function send() {
    const body = text.trim();
    if (hasFiles) {
      if (captionTooLong) return;
      uploads.send(conversationId, body, noteMode ? 'note' : 'text', onUploadStored(qc));
      typing.stop();
      update('', 0);
      return;
    }
    if (!body || tooLong) return;
    queueSend(socket, conversationId, body, onMessageStored(qc), noteMode ? 'note' : 'text');
    typing.stop();
    update('', 0);
  }

  const cannedVars = {
    visitor: { name: conversation.visitor.name, email: conversation.visitor.email },
    agent: { name: me.pseudoName || me.name },
    site: { name: sites.get(conversation.siteId)?.name },
  };

  function attach(files: readonly File[], names?: readonly string[]) {
    if (files.length === 0) return;
    uploads.add(conversationId, files, fileSettings, names);
    area?.focus();
  }

  // Pasting a screenshot attaches it; text on the clipboard (even with a picture of it, as
  // office apps copy) pastes as text.
  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0 || e.clipboardData.getData('text/plain').trim()) return;
    e.preventDefault();
    const now = new Date();
    attach(
      files,
      files.map((f) => pastedFileName(f, now)),
    );
  }

  function pick(index: number) {
    if (!picker) return;
    if (picker.kind === 'canned') {
      const response = picker.items[index];
      if (!response) return;
      const rendered = renderCanned(response.body, cannedVars);
      const next = replaceTrigger(text, picker.trigger, rendered);
      pendingCaret.current = next.caret;
      update(next.text, next.caret);
      markUsed.mutate(response.id);
    } else {
      const agent = picker.items[index];
      if (!agent) return;
      const next = replaceTrigger(text, picker.trigger, `@${agent.pseudoName}`, true);
      pendingCaret.current = next.caret;
      update(next.text, next.caret);
    }
    setActive(0);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.nativeEvent.isComposing) return;
    if (picker) {
      const n = picker.items.length;
      if (e.key === 'ArrowDown' && n > 0) {
        e.preventDefault();
        setActive((activeIndex + 1) % n);
        return;
      }
      if (e.key === 'ArrowUp' && n > 0) {
        e.preventDefault();
        setActive((activeIndex - 1 + n) % n);
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && activeIndex >= 0) {
        e.preventDefault();
        pick(activeIndex);
        return;
      }
      if (e.key === 'Escape') {
        // Only the picker closes; the dialog or page behind keeps its Esc.
        e.preventDefault();
        e.stopPropagation();
        setDismissedAt(picker.trigger.start);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  }

  const setRefs = (el: HTMLTextAreaElement | null) => {
    setArea(el);
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };

  const listId = `composer-picker-${conversationId}`;
  const suggestions: Suggestion[] =
    picker?.kind === 'canned'
      ? picker.items.map((r) => ({
          id: r.id,
          testId: 'canned-option',
          primary: (
            <>
              <span className="suggest__shortcut">/{r.shortcut}</span> {r.title}
            </>
          ),
          // What will be inserted, variables filled in.
          secondary: previewBody(renderCanned(r.body, cannedVars)),
        }))
      : picker?.kind === 'mention'
        ? picker.items.map((a) => ({
            id: a.id,
            testId: 'mention-option',
            leading: <Avatar name={a.pseudoName} seed={a.id} url={a.avatarUrl} size={24} />,
            primary: a.pseudoName,
            secondary: (
              <>
                <StatusDot status={a.status} /> {STATUS_LABEL[a.status]}
              </>
            ),
          }))
        : [];
  const emptyText =
    picker?.kind === 'canned'
      ? canned.isPending
        ? 'Loading canned responses…'
        : canned.isError
          ? 'Could not load canned responses.'
          : (canned.data?.length ?? 0) === 0
            ? 'No canned responses yet. Add some in Settings.'
            : `No canned response matches “/${picker.trigger.query}”.`
      : `Nobody called “${picker?.trigger.query ?? ''}” on this site.`;

  return (
    <form
      className={`composer composer--stacked${noteMode ? ' composer--note' : ''}`}
      data-mode={noteMode ? 'note' : 'reply'}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {conversation.channel === 'email' && !noteMode && <EmailBanner email={conversation.visitor.email} />}
      <div className="composer__bar">
        <div className="mode-switch" role="group" aria-label="Message type">
          <button
            type="button"
            className="mode-switch__btn"
            aria-pressed={!noteMode}
            disabled={notesOnly}
            title={notesOnly ? 'Join the chat to reply to the visitor' : 'Reply to the visitor (Alt+N switches)'}
            onClick={() => toggleNote(false)}
            data-testid="mode-reply"
          >
            <Icon name="reply" size={15} /> Reply
          </button>
          <button
            type="button"
            className="mode-switch__btn mode-switch__btn--note"
            aria-pressed={noteMode}
            title="Internal note, only your team sees it (Alt+N switches)"
            onClick={() => toggleNote(true)}
            data-testid="mode-note"
          >
            <Icon name="lock" size={14} /> Note
          </button>
        </div>
        <span className="composer__hint" aria-live="polite">
          {tray.length > 0
            ? 'Your text becomes the caption'
            : noteMode
              ? 'Only visible to your team · @ mentions a teammate'
              : 'Type / for canned responses'}
        </span>
      </div>
      <UploadTray items={tray} />
      <div className="composer__row">
        {picker && (
          <SuggestionList
            id={listId}
            label={picker.kind === 'canned' ? 'Canned responses' : 'Mention a teammate'}
            items={suggestions}
            activeIndex={activeIndex}
            emptyText={emptyText}
            onPick={pick}
            onHover={setActive}
            testId={picker.kind === 'canned' ? 'canned-picker' : 'mention-picker'}
          />
        )}
        <button
          type="button"
          className="icon-btn composer__attach"
          onClick={() => fileInput.current?.click()}
          aria-label="Attach a file"
          title="Attach a file (or drop it on the chat, or paste a screenshot)"
          data-testid="attach"
        >
          <Icon name="paperclip" size={20} />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          accept={acceptAttribute(fileSettings.allowedTypes)}
          onChange={(e) => {
            attach(Array.from(e.target.files ?? []));
            // The same file picked again must fire change again.
            e.target.value = '';
          }}
          data-testid="file-input"
        />
        <label htmlFor={`composer-${conversationId}`} className="visually-hidden">
          {noteMode ? 'Internal note' : 'Message'}
        </label>
        <textarea
          id={`composer-${conversationId}`}
          ref={setRefs}
          rows={1}
          value={text}
          placeholder={noteMode ? 'Write an internal note…' : 'Type a message…'}
          title="Enter sends, Shift+Enter adds a new line"
          onChange={(e) => {
            update(e.target.value, e.target.selectionStart);
            setActive(0);
            if (dismissedAt !== null && !findTrigger(e.target.value, e.target.selectionStart, ['/', '@'])) setDismissedAt(null);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            typing.stop();
            // Let a click on a suggestion land before the list closes.
            window.setTimeout(() => setCaret(null), 150);
          }}
          onFocus={(e) => setCaret(e.currentTarget.selectionStart)}
          aria-invalid={tooLong || undefined}
          aria-autocomplete="list"
          aria-controls={picker ? listId : undefined}
          aria-activedescendant={picker && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
          data-testid="composer"
        />
        {tooLong && (
          <span className="composer__limit" role="alert">
            {text.length - LIMITS.messageMaxChars} characters too long
          </span>
        )}
        {captionTooLong && !tooLong && (
          <span className="composer__limit" role="alert">
            A caption can be up to {FILE_LIMITS.captionMaxChars} characters
          </span>
        )}
        <button
          type="submit"
          className="composer__send"
          disabled={(empty && !hasFiles) || tooLong || captionTooLong}
          aria-label={hasFiles ? (noteMode ? 'Add files as a note' : 'Send files') : noteMode ? 'Add internal note' : 'Send message'}
          title={hasFiles ? (noteMode ? 'Add files as a note' : 'Send files') : noteMode ? 'Add internal note' : 'Send message'}
          data-testid="send"
        >
          <Icon name={noteMode ? 'note' : 'send'} size={18} />
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {picker ? `${picker.items.length} suggestions. Up and down to choose, Enter to insert, Escape to close.` : ''}
      </p>
    </form>
  );
}

/** Offline messages (`channel: 'email'`): the server mails every reply to the visitor. */
function EmailBanner({ email }: { email: string | null }) {
  return (
    <p className="composer__email" role="note" data-testid="email-banner">
      <Icon name="mail" size={15} />
      {email ? (
        <span>
          Replies are sent by email to <strong>{email}</strong>
        </span>
      ) : (
        <span>This chat came in by email, but no address is known: the visitor may not receive replies.</span>
      )}
    </p>
  );
}
