import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { LIMITS, type LiveVisitorDto } from '@parley/protocol';
import { ApiError, errorMessage } from '../../../api/client';
import { Modal } from '../../conversation/components/Modal';
import { tabOf, visitorLabel } from '../../inbox/inboxLists';
import { formatDuration, pathOf, secondsSince } from '../format';
import { useStartVisitorChat } from '../hooks/useVisitor';

interface Props {
  /** The visitor to write to (null: closed). `current` is their live row, to notice when they leave. */
  visitor: LiveVisitorDto | null;
  current: LiveVisitorDto | undefined;
  onClose: () => void;
}

/** A small composer: the first message of a chat an agent starts; sending opens the new chat. */
export function StartChatDialog({ visitor, current, onClose }: Props) {
  return (
    <Modal open={visitor !== null} onClose={onClose} title={visitor ? `Start a chat with ${visitorLabel(visitor)}` : 'Start a chat'} testId="start-chat-dialog">
      {visitor && <StartChatForm key={visitor.id} visitor={visitor} current={current} onClose={onClose} />}
    </Modal>
  );
}

function StartChatForm({ visitor, current, onClose }: { visitor: LiveVisitorDto; current: LiveVisitorDto | undefined; onClose: () => void }) {
  const ids = useId();
  const navigate = useNavigate();
  const start = useStartVisitorChat();
  const [body, setBody] = useState('');
  // One id per draft: pressing Send again after a lost answer cannot start two chats.
  const [clientId] = useState(() => crypto.randomUUID());
  const live = current ?? visitor;
  const left = !current || !current.online;
  const tooLong = body.length > LIMITS.messageMaxChars;
  const canSend = body.trim().length > 0 && !tooLong && !start.isPending && !left;

  const send = () => {
    if (!canSend) return;
    start.mutate(
      { visitorId: visitor.id, body: { body: body.trim(), clientId } },
      {
        onSuccess: ({ conversation }) => {
          onClose();
          navigate(`/inbox/${tabOf(conversation.status)}/${conversation.id}`);
        },
      },
    );
  };

  return (
    <form
      className="start-chat"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <p className="start-chat__context">
        {live.currentUrl ? (
          <>
            Now on <strong>{live.currentTitle?.trim() || pathOf(live.currentUrl)}</strong>, {formatDuration(secondsSince(live.sessionStartedAt, Date.now()))} on your site.
          </>
        ) : (
          'On your site now.'
        )}
        <span className="muted"> Your message opens the chat on their screen.</span>
      </p>
      {left && (
        <p className="alert alert--error" role="alert" data-testid="start-chat-left">
          This visitor has left the site.
        </p>
      )}
      <div className="field">
        <label htmlFor={`${ids}-body`}>Your message</label>
        <textarea
          id={`${ids}-body`}
          rows={4}
          value={body}
          data-autofocus
          placeholder="Hi! Can I help you find anything?"
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          aria-invalid={tooLong || undefined}
          data-testid="start-chat-body"
        />
        <p className="field__hint">Enter sends, Shift+Enter adds a line.</p>
        {tooLong && (
          <p className="field__error" role="alert">
            {body.length - LIMITS.messageMaxChars} characters too long
          </p>
        )}
      </div>
      {start.isError && (
        <p className="alert alert--error" role="alert" data-testid="start-chat-error">
          {startErrorText(start.error)}
        </p>
      )}
      <div className="modal__actions">
        <span />
        <span className="modal__actions-end">
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={!canSend} data-testid="start-chat-send">
            {start.isPending ? 'Starting…' : 'Send and open chat'}
          </button>
        </span>
      </div>
    </form>
  );
}

/** 409s say why the chat cannot start (they left, or already chat); the server's words, with a hint. */
function startErrorText(err: unknown): string {
  if (err instanceof ApiError && err.status === 409) return `Could not start the chat: ${err.message}`;
  return errorMessage(err);
}
