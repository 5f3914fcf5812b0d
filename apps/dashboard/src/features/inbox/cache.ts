import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import type { InboxPage } from './api';
import { applyMessage, INBOX_TABS, markRead, mergeConversation, upsertConversation } from './inboxLists';
import { inboxKeys } from './queryKeys';

type List = ConversationDto[];

/** Upsert a conversation into every loaded list (moving it between tabs by status). */
export function upsertInLists(qc: QueryClient, conv: ConversationDto): { known: boolean } {
  // The freshest copy any list holds decides which list the chat belongs in: a late, older
  // event must not move it back (e.g. from Active to Waiting).
  let held: ConversationDto | undefined;
  for (const tab of INBOX_TABS) {
    const c = qc.getQueryData<List>(inboxKeys.list(tab))?.find((x) => x.id === conv.id);
    if (c && (!held || c.updatedAt > held.updatedAt)) held = c;
  }
  const current = mergeConversation(held, conv);
  for (const tab of INBOX_TABS) {
    qc.setQueryData<List>(inboxKeys.list(tab), (list) => (list ? upsertConversation(tab, list, current) : list));
  }
  return { known: held !== undefined };
}

/** Returns false when no loaded list holds the conversation. */
export function applyMessageToLists(qc: QueryClient, msg: MessageDto, countsUnread: boolean): boolean {
  let found = false;
  for (const tab of INBOX_TABS) {
    qc.setQueryData<List>(inboxKeys.list(tab), (list) => {
      if (!list) return list;
      if (list.some((c) => c.id === msg.conversationId)) found = true;
      return applyMessage(tab, list, msg, { countsUnread }) as List;
    });
  }
  return found;
}

export function markReadInLists(qc: QueryClient, conversationId: string): void {
  for (const tab of INBOX_TABS) {
    qc.setQueryData<List>(inboxKeys.list(tab), (list) => (list ? (markRead(list, conversationId) as List) : list));
  }
  qc.setQueriesData<InfiniteData<InboxPage>>({ queryKey: inboxKeys.filteredAll }, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, conversations: markRead(p.conversations, conversationId) as List })) } : data,
  );
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Filtered lists and the archive can't be patched from an event (does the row still match?),
 * so they are fetched again — once per burst of events.
 */
export function refreshFilteredLists(qc: QueryClient, delayMs = 400): void {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void qc.invalidateQueries({ queryKey: inboxKeys.filteredAll });
  }, delayMs);
}

/** Patch a row in place (and move it if the status changed). */
export type ConversationPatch = Partial<ConversationDto> | ((c: ConversationDto) => Partial<ConversationDto>);

export function patchInLists(qc: QueryClient, conversationId: string, patch: ConversationPatch): void {
  for (const tab of INBOX_TABS) {
    const row = qc.getQueryData<List>(inboxKeys.list(tab))?.find((c) => c.id === conversationId);
    if (row) {
      const p = typeof patch === 'function' ? patch(row) : patch;
      upsertInLists(qc, mergeConversation(row, { ...row, ...p }));
      return;
    }
  }
}
