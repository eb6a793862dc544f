import type { Language } from '../../../shared/domain';
import { refusal } from '../../../shared/errors';
import type { Capability, InboxCounts } from '../../../shared/ipc';
import { effectiveLanguage } from '../../../shared/language';
import type { AccountScopes } from '../account/scope';
import type { Db } from '../db';
import type { MonitorClock } from '../lib/clock';
import type { PlatformPieces } from '../platform';
import type { SessionService } from '../session';
import type { SettingsService } from '../settings';
import { inboxCounts, listConversations, markAllRead, markRead, openThread } from './conversations';
import { sendReply } from './reply';
import { replyNotification, startInbox, takeNewReplies } from './replies';

// The inbox for the window: conversations and threads read from the mirror (summaries kept by its writer, upkeep.ts),
// replies through the single-send path, and after each change of the mirror one batched notification of
// the replies it brought (the messages capability's tray update is the signal: it follows every sync and
// refresh).

export interface InboxDeps extends Pick<PlatformPieces, 'emit' | 'notify' | 'log'> {
  session: Pick<SessionService, 'client'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  clock: MonitorClock;
  /** The history sync, soon after a reply left (so the thread shows it with its status). */
  history?: { syncSoon(): void };
  locale?: string;
  /** The unread counts changed (read, unread, a reply sent): the tray follows. */
  onCounts?: () => void;
}

export interface InboxCapability extends Capability<'inbox'> {
  /** The mirror may have new replies: opt-outs from STOP-like ones, one notification, a push. */
  mirrorMoved(): void;
  /** Unread replies of the signed-in account (0 when signed out), for the tray. */
  unreadReplies(): number;
}

export function createInboxCapability(deps: InboxDeps): InboxCapability {
  const now = () => deps.clock.now();
  const language = (): Language => effectiveLanguage(deps.settings.get().language, deps.locale);
  const db = (): Db => deps.scopes.current().db;
  const openDb = (): Db | null => {
    try {
      return deps.scopes.current().db;
    } catch {
      return null;
    }
  };
  /** Keys with a reply in flight: a second press while the first is on its way is refused, never sent. */
  const sending = new Set<string>();

  deps.scopes.onOpen((scope) => startInbox(scope.db, now()));

  const pushCounts = (counts: InboxCounts, newReplies = 0) => {
    deps.emit('inbox:changed', { counts, newReplies });
    if (newReplies === 0) deps.onCounts?.();
  };

  return {
    mirrorMoved() {
      const account = openDb();
      if (!account) return;
      try {
        const replies = takeNewReplies(account, now());
        if (replies.count === 0) return;
        const note = replyNotification(replies, language());
        if (note) deps.notify(note);
        pushCounts(inboxCounts(account), replies.count);
      } catch (error) {
        deps.log(`[inbox] new replies: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    unreadReplies() {
      const account = openDb();
      return account ? inboxCounts(account).unreadReplies : 0;
    },
    handlers: {
      'inbox:list': (input) => listConversations(db(), input ?? {}),
      'inbox:thread': ({ key, limit, before }) => openThread(db(), key, { ...(limit ? { limit } : {}), ...(before ? { before } : {}) }),
      'inbox:markRead': ({ key, read }) => {
        const counts = markRead(db(), key, read);
        pushCounts(counts);
        return counts;
      },
      'inbox:markAllRead': () => {
        const counts = markAllRead(db());
        pushCounts(counts);
        return counts;
      },
      'inbox:counts': () => inboxCounts(db()),
      'inbox:reply': async ({ key, body }) => {
        if (sending.has(key))
          throw refusal('replyInFlight', 'A reply to this customer is on its way: wait for it before sending another.', undefined, {
            field: 'body',
          });
        sending.add(key);
        try {
          const account = db();
          const result = await sendReply(
            account,
            deps.session.client(),
            { key, body, country: deps.settings.get().defaultCountry },
            { now },
          );
          pushCounts(inboxCounts(account));
          deps.history?.syncSoon();
          return result;
        } finally {
          sending.delete(key);
        }
      },
    },
  };
}
