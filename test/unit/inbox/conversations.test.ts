import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, openMemoryDatabase, type Db } from '../../../electron/main/db';
import { INBOX_MIGRATION_SQL } from '../../../electron/main/inbox/schema';
import { listConversations, markAllRead, markRead, openThread } from '../../../electron/main/inbox/conversations';
import { markReplyOptOuts, replyNotification, startInbox, takeNewReplies, trayReplies } from '../../../electron/main/inbox/replies';
import { messageStore } from '../../../electron/main/messages/store';
import { message, T0 } from '../messages/fixtures';

// The inbox over the mirror: conversations kept by triggers whatever writes the messages, names from the
// contacts, unread counts, the thread's labels, STOP replies as opt-outs and one notification per batch.

const ANA = '+5511987650001';
const BRUNO = '+5511987650002';
const MIN = 60_000;
const DAY = 86_400_000;

let db: Db;
const put = (...messages: ReturnType<typeof message>[]) => messageStore(db).upsert(messages, T0 + 30 * DAY);

function addContact(phone: string, name: string, tag = 1): void {
  db.prepare(`INSERT OR IGNORE INTO contact_tags (id, title, created_here, created_at) VALUES (?, 'Clientes', 1, 0)`).run(tag);
  db.prepare(`INSERT INTO contacts (tag_id, phone, name, added_at) VALUES (?, ?, ?, 0)`).run(tag, phone, name);
}

beforeEach(() => {
  db = openMemoryDatabase();
  startInbox(db, T0); // replies from 3 days before T0 on are unread
});
afterEach(() => db.close());

describe('conversations', () => {
  it('start with a reply, hold what we sent before, and list the latest activity first with the contact name', () => {
    addContact(ANA, 'Ana Souza');
    put(
      message(1, { sendTo: ANA, body: 'Promo: 20% off today', createdMs: T0 + MIN }),
      message(2, { sendTo: BRUNO, body: 'Your order shipped', createdMs: T0 + 2 * MIN }),
      message(3, { sendTo: '+44 7700 900999', body: 'Nobody answers this one', createdMs: T0 + 3 * MIN }),
    );
    expect(listConversations(db).conversations).toEqual([]);

    put(message(4, { sendTo: '5511987650001', body: 'Is it valid on Sunday?', status: 5, createdMs: T0 + 10 * MIN }));
    put(message(5, { sendTo: BRUNO, body: 'Thanks!', status: 5, createdMs: T0 + 5 * MIN }));
    const page = listConversations(db);
    expect(page.conversations.map((c) => [c.key, c.name, c.unread, c.last.body, c.last.incoming])).toEqual([
      ['5511987650001', 'Ana Souza', 1, 'Is it valid on Sunday?', true],
      ['5511987650002', null, 1, 'Thanks!', true],
    ]);
    expect(page.counts).toEqual({ unreadConversations: 2, unreadReplies: 2, conversations: 2 });

    // We answer Bruno later: his conversation moves to the top, still unread until someone reads it.
    put(message(6, { sendTo: BRUNO, body: 'You are welcome', createdMs: T0 + 20 * MIN }));
    expect(listConversations(db).conversations.map((c) => [c.key, c.last.body, c.last.incoming])).toEqual([
      ['5511987650002', 'You are welcome', false],
      ['5511987650001', 'Is it valid on Sunday?', true],
    ]);
  });

  it('page by cursor and show unread ones only when asked', () => {
    for (let i = 0; i < 5; i++)
      put(message(10 + i, { sendTo: `+55119876500${10 + i}`, status: 5, body: `Reply ${i}`, createdMs: T0 + i * MIN }));
    markRead(db, '551198765001' + '1', true);
    const first = listConversations(db, { limit: 2 });
    expect(first.conversations.map((c) => c.last.body)).toEqual(['Reply 4', 'Reply 3']);
    const second = listConversations(db, { limit: 2, after: first.nextCursor! });
    expect(second.conversations.map((c) => c.last.body)).toEqual(['Reply 2', 'Reply 1']);
    expect(listConversations(db, { unreadOnly: true }).conversations.map((c) => c.last.body)).toEqual([
      'Reply 4',
      'Reply 3',
      'Reply 2',
      'Reply 0',
    ]);
  });

  it('count unread replies, and mark a conversation read, unread, or all read', () => {
    put(
      message(1, { sendTo: ANA, status: 5, body: 'Hello?', createdMs: T0 + MIN }),
      message(2, { sendTo: ANA, status: 5, body: 'Anyone there?', createdMs: T0 + 2 * MIN }),
    );
    expect(listConversations(db).conversations[0]!.unread).toBe(2);
    expect(markRead(db, '5511987650001', true)).toMatchObject({ unreadConversations: 0, unreadReplies: 0 });
    put(message(3, { sendTo: ANA, status: 5, body: 'Hello again', createdMs: T0 + 3 * MIN }));
    expect(listConversations(db).conversations[0]!.unread).toBe(1);
    markRead(db, '5511987650001', true);
    expect(markRead(db, '5511987650001', false)).toMatchObject({ unreadConversations: 1, unreadReplies: 1 });
    put(message(4, { sendTo: BRUNO, status: 5, createdMs: T0 + 4 * MIN }));
    expect(markAllRead(db)).toEqual({ unreadConversations: 0, unreadReplies: 0, conversations: 2 });
  });

  it('take replies from long before the inbox opened as read (a first sync of old history is not news)', () => {
    put(message(1, { sendTo: ANA, status: 5, body: 'Old question', createdMs: T0 - 20 * DAY }));
    put(message(2, { sendTo: BRUNO, status: 5, body: 'Yesterday', createdMs: T0 - DAY }));
    expect(listConversations(db).conversations.map((c) => [c.key, c.unread])).toEqual([
      ['5511987650002', 1],
      ['5511987650001', 0],
    ]);
  });

  it('are built for replies already in the mirror when the inbox arrives (the migration), as read', () => {
    // A file from before the inbox's step, its mirror written as that version wrote it.
    const old = openMemoryDatabase({
      migrations: MIGRATIONS.slice(
        0,
        MIGRATIONS.findIndex((m) => m.sql === INBOX_MIGRATION_SQL),
      ),
    });
    const insert = old.prepare(
      `INSERT INTO messages (id, send_to, send_to_digits, body, body_folded, status, status_title, device_id, sim, urgent, created_ms, created_zone, status_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, '', 1, 0, 0, ?, 'UTC', 0)`,
    );
    for (const [id, status, body] of [
      [1, 7, 'Promo'],
      [2, 5, 'STOP'],
      [3, 7, 'Bye'],
    ] as const)
      insert.run(id, ANA, ANA.slice(1), body, body.toLowerCase(), status, T0 + id * MIN);
    migrate(old);
    const page = listConversations(old);
    expect(page.conversations.map((c) => [c.key, c.unread, c.replies, c.last.body])).toEqual([['5511987650001', 0, 1, 'Bye']]);
    expect(openThread(old, '5511987650001')!.messages.map((m) => m.body)).toEqual(['Promo', 'STOP', 'Bye']);
    old.close();
  });
});

describe('a thread', () => {
  it('shows what we sent (with its campaign or newsletter) and what they wrote, oldest first, answered from the phone they wrote to', () => {
    db.prepare(
      `INSERT INTO campaigns (id, title, fingerprint, body, columns, phones, recipients, first_customer_id, chunk_count, created_at)
       VALUES (1, 'Black Friday', 'f', 'b', '[]', '[]', 10, 500, 3, 0)`,
    ).run();
    put(
      message(1, { sendTo: ANA, body: 'Black Friday: 30% off', customerId: 501, createdMs: T0 + MIN, deviceId: 7, sim: 0 }),
      message(2, {
        sendTo: ANA,
        body: 'Our June news',
        newsletter: { id: 42, title: 'June news', body: 'Our June news' },
        createdMs: T0 + 2 * MIN,
      }),
      message(3, { sendTo: '+55 11 98765-0001', body: 'Pare', status: 5, createdMs: T0 + 3 * MIN, deviceId: 9, sim: 1 }),
    );
    const thread = openThread(db, '5511987650001')!;
    expect(thread.messages.map((m) => [m.body, m.incoming, m.campaign?.title ?? null, m.newsletter?.title ?? null, m.optOut])).toEqual([
      ['Black Friday: 30% off', false, 'Black Friday', null, false],
      ['Our June news', false, null, 'June news', false],
      ['Pare', true, null, null, true],
    ]);
    expect(thread.replyFrom).toEqual({ deviceId: 9, sim: 1 });
    expect(thread.olderCursor).toBeNull();

    const newest = openThread(db, '5511987650001', { limit: 2 })!;
    expect(newest.messages.map((m) => m.body)).toEqual(['Our June news', 'Pare']);
    expect(openThread(db, '5511987650001', { before: newest.olderCursor! })!.messages.map((m) => m.body)).toEqual([
      'Black Friday: 30% off',
    ]);
    expect(openThread(db, '5599999999999')).toBeNull();
  });

  it('from a sender with no number cannot be answered', () => {
    put(message(1, { sendTo: 'VIVO', body: 'Seu saldo é R$ 5', status: 5 }));
    const thread = openThread(db, 'VIVO')!;
    expect(thread.messages.map((m) => m.body)).toEqual(['Seu saldo é R$ 5']);
    expect(thread.replyFrom).toBeNull();
  });
});

describe('new replies', () => {
  it('are taken once each: STOP-like ones join the opt-out list, and one notification names the newest', () => {
    addContact(BRUNO, 'Bruno Lima');
    put(message(1, { sendTo: ANA, status: 5, body: 'STOP', createdMs: T0 - 4 * DAY })); // long before the inbox started: history
    put(
      message(2, { sendTo: ANA, status: 5, body: 'Sair', createdMs: T0 + MIN }),
      message(3, { sendTo: BRUNO, status: 5, body: 'Can I   pay by card?', createdMs: T0 + 2 * MIN }),
      message(4, { sendTo: BRUNO, status: 5, body: 'Or cash', createdMs: T0 + 3 * MIN }),
    );
    const replies = takeNewReplies(db, T0 + 5 * MIN);
    expect(replies).toMatchObject({ count: 3, customers: 2, optedOut: 1, newest: { name: 'Bruno Lima', body: 'Or cash' } });
    expect(db.prepare('SELECT phone, source, keyword FROM suppression').all()).toEqual([{ phone: ANA, source: 'reply', keyword: 'sair' }]);
    expect(listConversations(db).conversations.find((c) => c.key === '5511987650001')!.optedOut).toBe(true);
    expect(replyNotification(replies, 'en')).toEqual({ title: '3 new replies', body: 'Bruno Lima: “Or cash” and 1 other customer' });
    expect(replyNotification(replies, 'pt-BR')).toEqual({ title: '3 novas respostas', body: 'Bruno Lima: “Or cash” e mais 1 cliente' });
    expect(takeNewReplies(db, T0 + 6 * MIN).count).toBe(0);
    // Taken off the list by hand (they asked to hear from us again): the old STOP does not put them back.
    db.prepare('DELETE FROM suppression').run();
    put(message(5, { sendTo: BRUNO, status: 5, body: 'ok', createdMs: T0 + 7 * MIN }));
    expect(takeNewReplies(db, T0 + 8 * MIN)).toMatchObject({ count: 1, optedOut: 0 });
    expect(markReplyOptOuts(db, T0 + 9 * MIN)).toBe(0);
    expect(trayReplies(2, 'pt-BR')).toBe('2 respostas não lidas');
    expect(trayReplies(0, 'en')).toBe('');
  });
});
