import { describe, expect, it } from 'vitest';
import type { AvailabilityDto, VisitorSelfDto, WidgetSettings } from '@parley/protocol';
import { WidgetSettings as WidgetSettingsSchema } from '@parley/protocol';
import { buildMessage } from '@parley/protocol/testing';
import { chatView, localGreeting } from '../src/app/components/view';
import type { WidgetState } from '../src/app/state';

const settings = (patch: Partial<WidgetSettings> = {}): WidgetSettings => WidgetSettingsSchema.parse(patch);
const open: AvailabilityDto = { available: true, reason: 'open', nextOpenAt: null };
const closed: AvailabilityDto = { available: false, reason: 'closed', nextOpenAt: '2026-03-03T08:00:00Z' };
const visitor = (profileComplete: boolean): VisitorSelfDto => ({ id: 'v', name: null, email: null, phone: null, verified: false, profileComplete, visitCount: 1, session: null, triggers: {} });

function state(patch: Partial<WidgetState> & { availability?: AvailabilityDto } = {}) {
  const { availability = open, ...rest } = patch;
  return {
    offlineSent: null,
    status: null,
    conversationId: null,
    outbox: [],
    messages: [],
    config: { availability } as WidgetState['config'],
    visitor: null,
    conn: 'idle',
    acceptedTrigger: null,
    ...rest,
  } as Parameters<typeof chatView>[0] & Parameters<typeof localGreeting>[0];
}

const form = { preChatForm: { enabled: true, intro: 'Hi', fields: [{ key: 'email', type: 'email' as const, label: 'Email', labels: {}, required: true, options: [] }] } };

describe('which screen the chat window shows', () => {
  it('is the composer by default', () => {
    expect(chatView(state(), settings())).toBe('chat');
  });

  it('shows the pre-chat form before the first message, until the profile is complete', () => {
    const s = settings(form);
    expect(chatView(state(), s)).toBe('prechat');
    expect(chatView(state({ visitor: visitor(false) }), s)).toBe('prechat');
    expect(chatView(state({ visitor: visitor(true) }), s)).toBe('chat');
    // Not once the visitor has written (a stored message, or one waiting to be sent).
    expect(chatView(state({ conversationId: 'c', messages: [buildMessage(1, { senderType: 'visitor' })] }), s)).toBe('chat');
    expect(chatView(state({ outbox: [{ clientId: 'x1234567', body: 'hi', createdAt: '' }] }), s)).toBe('chat');
    // An agent who started the chat stays visible above the form.
    expect(chatView(state({ conversationId: 'c', status: 'active', messages: [buildMessage(1, { senderType: 'agent' })] }), s)).toBe('prechat');
    // A returning visitor whose profile is on its way: wait rather than flash the form.
    expect(chatView(state({ conn: 'connecting' }), s)).toBe('wait');
  });

  it('shows the offline form when nobody can answer and the site collects messages', () => {
    expect(chatView(state({ availability: closed }), settings())).toBe('offline');
    expect(chatView(state({ availability: { available: false, reason: 'no_agents', nextOpenAt: null } }), settings(form))).toBe('offline');
    // offline.enabled = false: the normal chat (the server posts the away message).
    expect(chatView(state({ availability: closed }), settings({ offline: { enabled: false, message: '', autoReply: true } }))).toBe('chat');
    // A chat under way continues.
    expect(chatView(state({ availability: closed, conversationId: 'c', status: 'active' }), settings())).toBe('chat');
  });

  it('shows the end (and rating) after the chat closed, and the confirmation after an offline message', () => {
    expect(chatView(state({ conversationId: 'c', status: 'resolved' }), settings())).toBe('ended');
    expect(chatView(state({ conversationId: 'c', status: 'closed', availability: closed }), settings())).toBe('ended');
    expect(chatView(state({ offlineSent: 'ana@example.com', conversationId: 'c', status: 'queued' }), settings())).toBe('sent');
  });
});

describe('the greeting before the chat exists', () => {
  it("is the site's greeting, or the message of the prompt the visitor accepted", () => {
    expect(localGreeting(state(), settings({ greeting: { enabled: true, message: 'Hello 👋' } }))).toBe('Hello 👋');
    expect(localGreeting(state(), settings({ greeting: { enabled: false, message: 'Hello' } }))).toBe(null);
    expect(localGreeting(state({ acceptedTrigger: { id: 't', message: 'Need help with the cart?' } }), settings())).toBe('Need help with the cart?');
    // Once the chat exists, the server's copy (a bot message) is in the conversation.
    expect(localGreeting(state({ conversationId: 'c' }), settings())).toBe(null);
  });
});
