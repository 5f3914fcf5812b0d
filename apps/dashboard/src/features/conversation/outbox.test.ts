import { describe, expect, it } from 'vitest';
import { acknowledge, discard, enqueue, fail, forConversation, markSending, payloadOf, requeueSending, retry, toFlush, type Outbox } from './outbox';

const item = (clientId: string, conversationId = 'c1') => ({ clientId, conversationId, body: `body ${clientId}`, createdAt: '2025-01-01T00:00:00.000Z' });

describe('outbox', () => {
  it('queues a send once per clientId', () => {
    let box: Outbox = [];
    box = enqueue(box, item('a'));
    box = enqueue(box, item('a'));
    expect(box).toHaveLength(1);
    expect(toFlush(box).map((i) => i.clientId)).toEqual(['a']);
  });

  it('removes a send on ack', () => {
    let box = enqueue([], item('a'));
    box = markSending(box, 'a').outbox;
    expect(toFlush(box)).toEqual([]);
    expect(acknowledge(box, 'a')).toEqual([]);
  });

  it('marks a rejected send failed and lets the user retry with the same clientId', () => {
    let box = enqueue([], item('a'));
    const sent = markSending(box, 'a');
    box = fail(sent.outbox, 'a', sent.attempt, 'Message is empty');
    expect(box[0]).toMatchObject({ state: 'failed', error: 'Message is empty' });
    box = retry(box, 'a');
    expect(toFlush(box)).toEqual([expect.objectContaining({ clientId: 'a', state: 'queued', error: undefined })]);
  });

  it('ignores the timeout of an older attempt after a resend', () => {
    let box = enqueue([], item('a'));
    const first = markSending(box, 'a');
    box = requeueSending(first.outbox);
    const second = markSending(box, 'a');
    box = fail(second.outbox, 'a', first.attempt, 'timeout');
    expect(box[0]).toMatchObject({ state: 'sending', attempt: second.attempt });
  });

  it('requeues unanswered sends when the connection drops, keeping their order and ids', () => {
    let box = enqueue(enqueue([], item('a')), item('b'));
    box = markSending(box, 'a').outbox;
    box = markSending(box, 'b').outbox;
    box = requeueSending(box);
    expect(toFlush(box).map((i) => i.clientId)).toEqual(['a', 'b']);
  });

  it('does not requeue failed sends on reconnect', () => {
    let box = enqueue([], item('a'));
    const s = markSending(box, 'a');
    box = requeueSending(fail(s.outbox, 'a', s.attempt, 'nope'));
    expect(toFlush(box)).toEqual([]);
  });

  it('filters by conversation and discards', () => {
    const box = enqueue(enqueue([], item('a', 'c1')), item('b', 'c2'));
    expect(forConversation(box, 'c2').map((i) => i.clientId)).toEqual(['b']);
    expect(discard(box, 'a').map((i) => i.clientId)).toEqual(['b']);
  });

  it('carries a note through queue, retry and resend, and sends it as kind "note"', () => {
    let box = enqueue([], { ...item('n'), kind: 'note' });
    const s = markSending(box, 'n');
    box = requeueSending(retry(fail(s.outbox, 'n', s.attempt, 'nope'), 'n'));
    const [again] = toFlush(box);
    expect(again).toMatchObject({ clientId: 'n', kind: 'note' });
    expect(payloadOf(again!)).toEqual({ conversationId: 'c1', clientId: 'n', body: 'body n', kind: 'note' });
  });

  it('sends a reply without a kind (the default) so older servers accept it', () => {
    const [reply] = enqueue([], item('r'));
    expect(reply!.kind).toBe('text');
    expect(payloadOf(reply!)).toEqual({ conversationId: 'c1', clientId: 'r', body: 'body r' });
  });
});
