import type { ReactNode } from 'react';
import type { ConversationDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { clockTime, dayLabel } from '../../../lib/time';
import { Avatar } from '../../../ui/Avatar';
import { useSession } from '../../auth/hooks/useSession';
import { useSiteMap } from '../../inbox/hooks/useInbox';
import { useVisitor } from '../../visitors/hooks/useVisitor';
import { ChatOrigin, PreviousChats, VisitorData, VisitorDevice, VisitorNow, VisitorPages, VisitorProfile } from '../../visitors/components/VisitorContext';
import { canEdit, chatMembers, transferLabel } from '../collaboration';
import { useTransfers, useUpdateConversation } from '../hooks/useConversation';
import { PrioritySelect } from './PrioritySelect';
import { TagEditor } from './TagEditor';
import { ConversationFiles } from '../../files/components/ConversationFiles';

/**
 * Visitor details, tags and priority, who is in the chat, the files shared, what the visitor is doing and did
 * (live page, cart, device, location, page history, events), their other chats, transfers.
 */
export function SidePanel({ conv, actions }: { conv: ConversationDto; actions?: ReactNode }) {
  const { agent: me } = useSession();
  const sites = useSiteMap();
  const update = useUpdateConversation(conv.id);
  const members = chatMembers(conv);
  const editable = canEdit(me);
  const visitor = useVisitor(conv.visitorId);
  const detail = visitor.data;

  return (
    <div className="details" data-testid="side-panel">
      {actions && <section className="details__section">{actions}</section>}

      <VisitorProfile conv={conv} detail={detail} siteName={sites.get(conv.siteId)?.name} />

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
        <ChatOrigin conv={conv} />
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

      <ConversationFiles conv={conv} />

      {detail && (
        <>
          <VisitorNow detail={detail} convId={conv.id} />
          <VisitorPages detail={detail} convId={conv.id} channel={conv.channel} />
          <VisitorDevice detail={detail} convId={conv.id} />
          <VisitorData detail={detail} convId={conv.id} />
        </>
      )}
      <PreviousChats conv={conv} detail={detail} loading={visitor.isPending} error={visitor.isError && !detail ? errorMessage(visitor.error) : null} />
      <TransferHistory conv={conv} />
    </div>
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
