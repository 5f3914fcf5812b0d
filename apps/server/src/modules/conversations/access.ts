import type { Ctx } from '../../context';
import { notFound } from '../../errors';
import type { Actor } from '../auth/actors';
import { canReadConversation } from '../auth/policy';
import { findConversation } from './queries';

/** Loads a conversation the actor may read; anything else is a 404 (no existence leaks). */
export async function readableConversation(ctx: Ctx, actor: Actor, conversationId: string) {
  const conv = await findConversation(ctx.db, actor.workspaceId, conversationId);
  if (!conv || !canReadConversation(actor, conv)) throw notFound('Conversation');
  return conv;
}
