import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ConversationDto, ConversationStatus } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { clockTime, dayLabel } from '../../../lib/time';
import { Avatar } from '../../../ui/Avatar';
import { useSession } from '../../auth/hooks/useSession';
import { useSiteMap } from '../../inbox/hooks/useInbox';
import { tabOf, visitorLabel } from '../../inbox/inboxLists';
import { canEdit, chatMembers, transferLabel } from '../collaboration';
import { useTransfers, useUpdateConversation, useVisitorConversations } from '../hooks/useConversation';
import { PrioritySelect } from './PrioritySelect';
import { TagEditor } from './TagEditor';

const STATUS_TEXT: Record<ConversationStatus, string> = { queued: 'Waiting', active: 'Active', resolved: 'Resolved', closed: 'Closed' };

/** Visitor details, tags and priority, who is in the chat, the visitor's other chats, transfers. */
export function SidePanel({ conv, actions }: { conv: ConversationDto; actions?: ReactNode }) {
  const { agent: me } = useSession();
  const sites = useSiteMap();
  const update = useUpdateConversation(conv.id);
  const members = chatMembers(conv);
  const editable = canEdit(me);

  return (
    <div className="details" data-testid="side-panel">
      {actions && <section className="details__section">{actions}</section>}

      <section className="details__section" aria-labelledby={`visitor-${conv.id}`}>
        <h3 className="details__title" id={`visitor-${conv.id}`}>
          Visitor
        </h3>
        <dl className="facts">
          <dt>Name</dt>
          <dd data-testid="visitor-name">{visitorLabel(conv.visitor)}</dd>
          <dt>Email</dt>
          <dd>{conv.visitor.email ? <a href={`mailto:${conv.visitor.email}`}>{conv.visitor.email}</a> : <span className="muted">Not given</span>}</dd>
          <dt>Phone</dt>
          <dd>{conv.visitor.phone ? <a href={`tel:${conv.visitor.phone}`}>{conv.visitor.phone}</a> : <span className="muted">Not given</span>}</dd>
          {sites.get(conv.siteId) && (
            <>
              <dt>Site</dt>
              <dd>{sites.get(conv.siteId)!.name}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="details__section" aria-labelledby={`conv-${conv.id}`}>
        <h3 className="details__title" id={`conv-${conv.id}`}>
          Conversation
        </h3>
        <div className="details__row">
          <span className="details__label">Priority</span>
          <PrioritySelect value={conv.priority} onChange={(priority) => update.mutate({ priority })} disabled={!editable} />
        </div>
        <div className="details__stack">
          <span className="details__label">Tags</span>
          <TagEditor tags={conv.tags} onChange={(tags) => update.mutate({ tags })} disabled={!editable} />
        </div>
        {update.isError && (
          <p className="field__error" role="alert">
            {errorMessage(update.error)}
          </p>
        )}
      </section>

      <section className="details__section" aria-labelledby={`people-${conv.id}`}>
        <h3 className="details__title" id={`people-${conv.id}`}>
          In this chat
        </h3>
        {members.length === 0 ? (
          <p className="muted">No agent yet.</p>
        ) : (
          <ul className="people" data-testid="participants-list">
            {members.map((p) => (
              <li key={p.agentId} className="people__item">
                <Avatar name={p.name} seed={p.agentId} url={p.avatarUrl} size={26} />
                <span className="people__name">
                  {p.name}
                  {p.agentId === me.id && <span className="muted"> (you)</span>}
                </span>
                {p.agentId === conv.assignedAgentId && <span className="tag tag--muted">Assigned</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <PreviousChats conv={conv} />
      <TransferHistory conv={conv} />
    </div>
  );
}

function PreviousChats({ conv }: { conv: ConversationDto }) {
  const history = useVisitorConversations(conv.visitorId);
  const others = (history.data ?? []).filter((c) => c.id !== conv.id);
  return (
    <section className="details__section" aria-labelledby={`prev-${conv.id}`}>
      <h3 className="details__title" id={`prev-${conv.id}`}>
        Previous chats
      </h3>
      {history.isPending ? (
        <p className="muted">Loading…</p>
      ) : history.isError ? (
        <p className="muted">Could not load: {errorMessage(history.error)}</p>
      ) : others.length === 0 ? (
        <p className="muted">This is their first chat.</p>
      ) : (
        <ul className="history" data-testid="previous-chats">
          {others.map((c) => (
            <li key={c.id}>
              <Link to={`/inbox/${tabOf(c.status)}/${c.id}`} className="history__item" data-testid="previous-chat">
                <span className="history__top">
                  <span className={`mini-status mini-status--${tabOf(c.status)}`}>{STATUS_TEXT[c.status]}</span>
                  <time dateTime={c.createdAt} title={new Date(c.createdAt).toLocaleString()}>
                    {new Date(c.createdAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}
                  </time>
                </span>
                <span className="history__preview">{c.lastMessagePreview || c.subject || 'No messages'}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TransferHistory({ conv }: { conv: ConversationDto }) {
  const transfers = useTransfers(conv.id);
  const list = transfers.data ?? [];
  return (
    <section className="details__section" aria-labelledby={`transfers-${conv.id}`}>
      <h3 className="details__title" id={`transfers-${conv.id}`}>
        Transfer history
      </h3>
      {transfers.isPending ? (
        <p className="muted">Loading…</p>
      ) : transfers.isError ? (
        <p className="muted">Could not load: {errorMessage(transfers.error)}</p>
      ) : list.length === 0 ? (
        <p className="muted">Not transferred.</p>
      ) : (
        <ol className="transfers" data-testid="transfer-history">
          {list.map((t) => (
            <li key={t.id} className="transfers__item" data-testid="transfer-entry">
              <span className="transfers__who">{transferLabel(t)}</span>
              {t.reason && <q className="transfers__reason">{t.reason}</q>}
              <span className="transfers__meta">
                <time dateTime={t.createdAt} title={new Date(t.createdAt).toLocaleString()}>
                  {dayLabel(t.createdAt)} at {clockTime(t.createdAt)}
                </time>
                {t.mode === 'stay' && <span> · stayed in the chat</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
