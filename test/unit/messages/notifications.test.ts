import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabaseFile } from '../../../electron/main/db';
import type { Db } from '../../../electron/main/db';
import { decideFailureAlert, DEFAULT_FAILURE_THRESHOLD, failureWindow } from '../../../electron/main/messages/refresh';
import { messageStore } from '../../../electron/main/messages/store';
import { message, T0 } from './fixtures';

// What the failure alert counts: statuses the mirror saw change within the window, not rows it just learnt of.

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('failure alert after a sync', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-notify-'));
    db = openDatabaseFile(join(dir, 'mirror.sqlite'));
  });
  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  const alerts = (now: number) =>
    decideFailureAlert(failureWindow(db, now, DEFAULT_FAILURE_THRESHOLD.windowMs), DEFAULT_FAILURE_THRESHOLD, null, now);

  it("a first sync of last week's history with 30% failures raises no alert", () => {
    const now = T0 + 7 * DAY;
    // 100 messages spread over the week before now, every third one failed (not allowed to send: 101).
    const old = Array.from({ length: 100 }, (_, i) =>
      message(i + 1, { createdMs: T0 + i * 90 * MIN, sentMs: i % 3 === 0 ? null : T0 + i * 90 * MIN + MIN, status: i % 3 === 0 ? 101 : 7 }),
    );
    expect(messageStore(db).upsert(old, now)).toMatchObject({ inserted: 100, moved: 0 });
    expect(failureWindow(db, now, DEFAULT_FAILURE_THRESHOLD.windowMs)).toEqual({ failed: 0, finished: 0 });
    expect(alerts(now)).toBe(false);
  });

  it('failures that happen now still alert: rows moving to failed, and new rows failed a moment ago', () => {
    const now = T0 + DAY;
    const store = messageStore(db);
    store.upsert(
      Array.from({ length: 6 }, (_, i) => message(i + 1, { createdMs: now - 5 * MIN, status: 1 })),
      now - 4 * MIN,
    );
    store.upsert(
      Array.from({ length: 4 }, (_, i) => message(i + 1, { createdMs: now - 5 * MIN, status: 101 })),
      now,
    );
    // Two more the mirror first sees already failed, created two minutes ago (within the window).
    store.upsert([message(20, { createdMs: now - 2 * MIN, status: 101 }), message(21, { createdMs: now - 2 * MIN, status: 101 })], now);
    expect(failureWindow(db, now, DEFAULT_FAILURE_THRESHOLD.windowMs)).toEqual({ failed: 6, finished: 6 });
    expect(alerts(now)).toBe(true);
  });

  it('a row learnt of with a creation time in the future (clock skew) counts from now, not later', () => {
    const now = T0;
    messageStore(db).upsert([message(1, { createdMs: now + 10 * MIN, status: 101 })], now);
    expect(db.prepare('SELECT status_changed_at FROM messages WHERE id = 1').pluck().get()).toBe(now);
  });
});
