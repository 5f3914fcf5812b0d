import type { ConversationDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { Icon } from '../../../ui/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { canEdit, canJoin, canLeave, canReply, canTransfer } from '../collaboration';
import { useCloseConversation, useJoin, useLeave, useUpdateConversation } from '../hooks/useConversation';

interface Props {
  conv: ConversationDto;
  onTransfer: () => void;
  /** `panel`: full-width buttons for the phone sheet. */
  layout?: 'header' | 'panel';
}

/** Join / Leave, Transfer, Resolve, Close, Reopen — whichever apply to me and this chat. */
export function ConversationActions({ conv, onTransfer, layout = 'header' }: Props) {
  const { agent: me } = useSession();
  const join = useJoin();
  const leave = useLeave();
  const update = useUpdateConversation(conv.id);
  const close = useCloseConversation();
  const editable = canEdit(me);
  const open = conv.status === 'queued' || conv.status === 'active';
  const error = join.error ?? leave.error ?? update.error ?? close.error;
  const busy = join.isPending || leave.isPending || update.isPending || close.isPending;
  const btn = `btn btn--sm ${layout === 'panel' ? 'btn--block-sm ' : ''}`;

  return (
    <div className={`conv-actions conv-actions--${layout}`}>
      {/* In the header only for those who may reply without joining (admins); others get the join bar. */}
      {canJoin(conv, me) && (layout === 'panel' || canReply(conv, me)) && (
        <button type="button" className={`${btn}btn--primary`} onClick={() => join.mutate(conv.id)} disabled={busy} data-testid="join-chat" title="Join this chat to reply alongside (Alt+J)">
          <Icon name="userPlus" size={16} /> {join.isPending ? 'Joining…' : 'Join chat'}
        </button>
      )}
      {canLeave(conv, me) && (
        <button type="button" className={`${btn}btn--secondary`} onClick={() => leave.mutate(conv.id)} disabled={busy} data-testid="leave-chat" title="Leave this chat">
          <Icon name="userMinus" size={16} /> {leave.isPending ? 'Leaving…' : 'Leave'}
        </button>
      )}
      {canTransfer(conv, me) && (
        <button type="button" className={`${btn}btn--secondary`} onClick={onTransfer} disabled={busy} data-testid="transfer-open" title="Transfer to an agent or department (Alt+T)" aria-label="Transfer">
          <Icon name="transfer" size={16} /> <span className="btn__label--opt">Transfer</span>
        </button>
      )}
      {editable && conv.status === 'active' && (
        <button type="button" className={`${btn}btn--secondary`} onClick={() => update.mutate({ status: 'resolved' })} disabled={busy} data-testid="resolve-conversation" title="Mark as resolved" aria-label="Resolve">
          <Icon name="check" size={16} /> <span className="btn__label--opt">Resolve</span>
        </button>
      )}
      {editable && open && (
        <button type="button" className={`${btn}btn--secondary`} onClick={() => close.mutate(conv.id)} disabled={busy} data-testid="close-conversation" title="Close this conversation (Alt+C)">
          {close.isPending ? 'Closing…' : 'Close'}
        </button>
      )}
      {editable && !open && (
        <button type="button" className={`${btn}btn--secondary`} onClick={() => update.mutate({ status: 'active' })} disabled={busy} data-testid="reopen-conversation" title="Reopen this conversation">
          {update.isPending ? 'Reopening…' : 'Reopen'}
        </button>
      )}
      {error && (
        <span className="conv-actions__error" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </div>
  );
}
