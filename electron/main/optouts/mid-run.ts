import type { Db } from '../db';
import type { GatewayClient } from '../gateway/types';
import { OPT_OUT_CURSOR, syncOptOuts } from './sync';
import { metaGet } from '../db/meta';

// A long campaign (thousands of recipients, four batches at a time) takes minutes to hand over. The replies were
// read to the second when it started (refused if they could not be); while it runs they are read again before a
// batch leaves whenever the last read is older than MID_RUN_OPT_OUT_MS, so a STOP that comes in meanwhile keeps
// that customer out of the batches still here. A failed read mid-run does not stop the campaign: the list as last
// read applies (the start's own check was strict), and the next batch tries again.

export const MID_RUN_OPT_OUT_MS = 30_000;

/** One read at a time per account database: batches running side by side share it. */
const reading = new WeakMap<Db, Promise<void>>();

export async function refreshOptOutsMidRun(db: Db, client: GatewayClient, now: number): Promise<void> {
  const last = Number(metaGet(db, OPT_OUT_CURSOR) ?? NaN);
  if (Number.isFinite(last) && now - last < MID_RUN_OPT_OUT_MS) return;
  let read = reading.get(db);
  if (!read) {
    read = syncOptOuts(db, client, now)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => reading.delete(db));
    reading.set(db, read);
  }
  await read;
}
