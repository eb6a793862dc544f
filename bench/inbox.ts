import type { Db } from '../electron/main/db/index';
import { listConversations, openThread } from '../electron/main/inbox/conversations';

// The inbox over the history bench's mirror (run from bench/history.ts after its sync, so at whatever size
// BENCH_MESSAGES gives it; the targets are for the largest, 1M):
//  - conversationListP95Ms: a page of conversations (first page, unread only, three pages deep, a page of
//    200), 20 rounds (< 50 ms);
//  - threadOpenP95Ms: opening a conversation's newest 100 messages with their labels, 100 conversations
//    picked across the list (< 16 ms: one frame).

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const round = (n: number): number => Number(n.toFixed(2));

function timed(samples: number[], work: () => unknown): void {
  const t = performance.now();
  work();
  samples.push(performance.now() - t);
}

export function inboxFigures(db: Db): Record<string, number> {
  const conversations = db.prepare('SELECT COUNT(*) FROM inbox_conversations').pluck().get() as number;
  const list: number[] = [];
  for (let round_ = 0; round_ < 20; round_++) {
    timed(list, () => listConversations(db));
    timed(list, () => listConversations(db, { unreadOnly: true }));
    timed(list, () => listConversations(db, { limit: 200 }));
    let page = listConversations(db);
    for (let i = 0; i < 3 && page.nextCursor; i++) {
      const after = page.nextCursor;
      timed(list, () => (page = listConversations(db, { after })));
    }
  }
  const keys = db.prepare('SELECT phone_key FROM inbox_conversations ORDER BY phone_key').pluck().all() as string[];
  const thread: number[] = [];
  const step = Math.max(1, Math.floor(keys.length / 100));
  for (let i = 0; i < keys.length && thread.length < 100; i += step) timed(thread, () => openThread(db, keys[i]!));
  list.sort((a, b) => a - b);
  thread.sort((a, b) => a - b);
  return {
    inboxConversations: conversations,
    conversationListP50Ms: round(percentile(list, 0.5)),
    conversationListP95Ms: round(percentile(list, 0.95)),
    threadOpenP50Ms: round(percentile(thread, 0.5)),
    threadOpenP95Ms: round(percentile(thread, 0.95)),
  };
}
