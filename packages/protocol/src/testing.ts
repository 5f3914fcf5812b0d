import type { MessageDto } from './models';

/**
 * A MessageDto for tests of client-side logic (widget, dashboard, protocol helpers).
 *
 * @example buildMessage(3, { senderType: 'agent' }) // seq 3, id 'id-c1-3'
 */
export function buildMessage(seq: number, over: Partial<MessageDto> = {}): MessageDto {
  const conversationId = over.conversationId ?? 'c1';
  return {
    id: `id-${conversationId}-${seq}`,
    conversationId,
    seq,
    senderType: 'visitor',
    senderId: null,
    senderName: null,
    kind: 'text',
    body: `message ${seq}`,
    clientId: null,
    createdAt: `2026-01-01T10:${String(seq % 60).padStart(2, '0')}:00.000Z`,
    ...over,
  };
}
