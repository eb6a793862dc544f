import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../electron/main/db';
import { testSendIds } from '../../../electron/main/messages/capability';
import { message } from './fixtures';

// "It shows as a test in Messages": the history marks the messages that were test sends (single sends
// flagged test), matched by the customerid each single send carries.

function singleSend(db: ReturnType<typeof openMemoryDatabase>, customerId: number, test: boolean) {
  db.prepare(
    `INSERT INTO single_sends (sendto, body, device_id, sim, urgent, test, image, send_at, customer_id, state, reason, created_at)
     VALUES ('+5511912345678', 'Olá', 1, 0, 0, ?, NULL, NULL, ?, 'queued', NULL, 0)`,
  ).run(test ? 1 : 0, customerId);
}

describe('test sends in the history', () => {
  it('marks exactly the messages whose customerid belongs to a single send flagged test', () => {
    const db = openMemoryDatabase();
    singleSend(db, 7001, true);
    singleSend(db, 7002, false);
    const rows = [
      message(1, { customerId: 7001 }),
      message(2, { customerId: 7002 }),
      message(3, { customerId: null }),
      message(4, { customerId: 7003 }),
    ];
    expect(testSendIds(db, rows)).toEqual([1]);
    expect(testSendIds(db, [])).toEqual([]);
  });
});
