import { useId, useState } from 'react';
import type { ConversationDto, TransferMode } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { Avatar } from '../../../ui/Avatar';
import { StatusDot, STATUS_LABEL } from '../../../ui/StatusDot';
import { useSession } from '../../auth/hooks/useSession';
import { visitorLabel } from '../../inbox/inboxLists';
import { departmentsForSite, transferCandidates } from '../collaboration';
import { useAgentDirectory, useDepartments, useTransfer } from '../hooks/useConversation';
import { Modal } from './Modal';

interface Props {
  conversation: ConversationDto;
  open: boolean;
  onClose: () => void;
}

type Target = 'agent' | 'department';

/** Hand a chat to a teammate or a department, with an optional reason; leave it or stay in it. */
export function TransferDialog({ conversation: conv, open, onClose }: Props) {
  return (
    <Modal open={open} onClose={onClose} title={`Transfer chat with ${visitorLabel(conv.visitor)}`} testId="transfer-dialog">
      {open && <TransferForm conv={conv} onDone={onClose} />}
    </Modal>
  );
}

function TransferForm({ conv, onDone }: { conv: ConversationDto; onDone: () => void }) {
  const { agent: me } = useSession();
  const agents = useAgentDirectory();
  const departments = useDepartments();
  const transfer = useTransfer(conv.id);
  const [target, setTarget] = useState<Target>('agent');
  const [agentId, setAgentId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [filter, setFilter] = useState('');
  const ids = useId();

  const candidates = transferCandidates(agents.data ?? [], conv.siteId, me.id).filter((a) => a.id !== conv.assignedAgentId);
  const q = filter.trim().toLowerCase();
  const shown = q ? candidates.filter((a) => a.pseudoName.toLowerCase().includes(q) || a.name.toLowerCase().includes(q)) : candidates;
  const depts = departmentsForSite(departments.data ?? [], conv.siteId);
  const chosen = target === 'agent' ? agentId : departmentId;
  const waiting = conv.status === 'queued';

  function submit(mode: TransferMode) {
    if (!chosen) return;
    const body = { ...(target === 'agent' ? { toAgentId: chosen } : { toDepartmentId: chosen }), reason: reason.trim() || undefined, mode };
    transfer.mutate(body, { onSuccess: onDone });
  }

  return (
    <form
      className="transfer"
      onSubmit={(e) => {
        e.preventDefault();
        submit('leave');
      }}
    >
      <div className="seg" role="radiogroup" aria-label="Transfer to">
        {(['agent', 'department'] as const).map((t) => (
          <label key={t} className={`seg__opt${target === t ? ' seg__opt--on' : ''}`}>
            <input
              type="radio"
              name={`${ids}-target`}
              value={t}
              checked={target === t}
              onChange={() => setTarget(t)}
              data-testid={`transfer-to-${t}`}
              data-autofocus={t === 'agent' ? true : undefined}
            />
            {t === 'agent' ? 'An agent' : 'A department'}
          </label>
        ))}
      </div>

      {target === 'agent' ? (
        <fieldset className="transfer__pick">
          <legend className="visually-hidden">Agent</legend>
          {candidates.length > 6 && (
            <input type="search" className="transfer__filter" placeholder="Find an agent…" aria-label="Find an agent" value={filter} onChange={(e) => setFilter(e.target.value)} />
          )}
          {agents.isPending ? (
            <p className="muted transfer__empty">Loading agents…</p>
          ) : agents.isError ? (
            <p className="field__error" role="alert">
              {errorMessage(agents.error)}
            </p>
          ) : shown.length === 0 ? (
            <p className="muted transfer__empty">{candidates.length === 0 ? 'No other agent serves this site.' : 'Nobody matches.'}</p>
          ) : (
            <ul className="pick-list">
              {shown.map((a) => (
                <li key={a.id}>
                  <label className={`pick${agentId === a.id ? ' pick--on' : ''}`} data-testid="transfer-agent">
                    <input type="radio" name={`${ids}-agent`} value={a.id} checked={agentId === a.id} onChange={() => setAgentId(a.id)} />
                    <Avatar name={a.pseudoName} seed={a.id} url={a.avatarUrl} size={30} />
                    <span className="pick__main">
                      <span className="pick__name">{a.pseudoName}</span>
                      {a.pseudoName !== a.name && <span className="pick__sub">{a.name}</span>}
                    </span>
                    <span className={`pick__status pick__status--${a.status}`}>
                      <StatusDot status={a.status} /> {STATUS_LABEL[a.status]}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      ) : (
        <fieldset className="transfer__pick">
          <legend className="visually-hidden">Department</legend>
          {departments.isPending ? (
            <p className="muted transfer__empty">Loading departments…</p>
          ) : departments.isError ? (
            <p className="field__error" role="alert">
              {errorMessage(departments.error)}
            </p>
          ) : depts.length === 0 ? (
            <p className="muted transfer__empty">No department covers this site. Admins create them in Settings.</p>
          ) : (
            <ul className="pick-list">
              {depts.map((d) => (
                <li key={d.id}>
                  <label className={`pick${departmentId === d.id ? ' pick--on' : ''}`} data-testid="transfer-department">
                    <input type="radio" name={`${ids}-dept`} value={d.id} checked={departmentId === d.id} onChange={() => setDepartmentId(d.id)} />
                    <span className="pick__main">
                      <span className="pick__name">{d.name}</span>
                      <span className="pick__sub">
                        {d.agentIds.length} {d.agentIds.length === 1 ? 'agent' : 'agents'}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      )}

      <div className="field">
        <label htmlFor={`${ids}-reason`}>
          Reason <span className="muted">(optional, your team sees it)</span>
        </label>
        <textarea id={`${ids}-reason`} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Billing question, needs a refund" data-testid="transfer-reason" />
      </div>

      {transfer.isError && (
        <p className="field__error" role="alert">
          {errorMessage(transfer.error)}
        </p>
      )}

      <div className="modal__actions">
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          Cancel
        </button>
        <span className="modal__actions-end">
          {!waiting && (
            <button type="button" className="btn btn--secondary" disabled={!chosen || transfer.isPending} onClick={() => submit('stay')} data-testid="transfer-stay" title="Hand it over and stay in the chat">
              Transfer &amp; stay
            </button>
          )}
          <button type="submit" className="btn btn--primary" disabled={!chosen || transfer.isPending} data-testid="transfer-leave" title="Hand it over and leave the chat">
            {transfer.isPending ? 'Transferring…' : waiting ? 'Transfer' : 'Transfer & leave'}
          </button>
        </span>
      </div>
    </form>
  );
}
