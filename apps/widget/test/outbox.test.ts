import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import { enqueue, markFailed, markRetry, nextToSend, parseOutbox, reconcile, remove, type OutboxItem } from '../src/app/outbox';

const item = (clientId: string, body = clientId): OutboxItem => ({ clientId, body, createdAt: '2026-01-01T10:00:00.000Z' });

describe('outbox', () => {
  it('sends in the order written', () => {
    const box = enqueue(enqueue([], item('a-000001')), item('b-000002'));
    expect(nextToSend(box)?.clientId).toBe('a-000001');
    expect(nextToSend(remove(box, 'a-000001'))?.clientId).toBe('b-000002');
  });

  it('keeps a refused message with its error and skips it until the visitor retries', () => {
    let box = [item('a-000001'), item('b-000002')];
    box = markFailed(box, 'a-000001', 'Message is too long');
    expect(box[0].error).toBe('Message is too long');
    expect(nextToSend(box)?.clientId).toBe('b-000002');
    box = remove(box, 'b-000002');
    expect(nextToSend(box)).toBeUndefined();

    box = markRetry(box, 'a-000001');
    expect(box[0]).toEqual(item('a-000001'));
    expect(nextToSend(box)?.clientId).toBe('a-000001');
  });

  it('retries with the same clientId (the server dedupes on it)', () => {
    const box = markRetry(markFailed([item('keep-me-1')], 'keep-me-1', 'x'), 'keep-me-1');
    expect(box.map((i) => i.clientId)).toEqual(['keep-me-1']);
  });

  it('drops messages the server already stored when their ack was lost', () => {
    const stored = { clientId: 'a-000001' } as MessageDto;
    const box = reconcile([item('a-000001'), item('b-000002')], [stored]);
    expect(box.map((i) => i.clientId)).toEqual(['b-000002']);
  });

  it('restores only well-formed items from storage', () => {
    const parsed = parseOutbox([item('a-000001'), { clientId: 3 }, null, 'x', { ...item('b-000002'), error: 'no' }]);
    expect(parsed).toEqual([item('a-000001'), { ...item('b-000002'), error: 'no' }]);
    expect(parseOutbox('nope')).toEqual([]);
  });
});
