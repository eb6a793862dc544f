import { writeFile } from 'node:fs/promises';
import { csvCell } from '../../../shared/csv';
import { AppFailure } from '../../../shared/errors';
import type { Db } from '../db';
import { campaignRow } from './store';

/**
 * The campaign's report as CSV at `path`: the original row's cells, then customerid, sms_id (where known) and
 * the final status code; every cell escaped for spreadsheets (a formula is written as text). Returns the rows.
 */
export async function exportReport(db: Db, id: number, path: string): Promise<number> {
  const row = campaignRow(db, id);
  if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
  const headers = JSON.parse(row.columns) as string[];
  const lines = [[...headers, 'customerid', 'sms_id', 'status'].map((c) => csvCell(c)).join(',')];
  const rows = db
    .prepare(
      'SELECT r.cells, c.customer_id, r.sms_id, r.status FROM campaign_recipients r JOIN campaign_chunks c ON c.campaign_id = r.campaign_id AND c.chunk = r.chunk WHERE r.campaign_id = ? ORDER BY r.idx',
    )
    .iterate(id) as IterableIterator<{ cells: string; customer_id: number; sms_id: number | null; status: number | null }>;
  let count = 0;
  for (const r of rows) {
    const cells = JSON.parse(r.cells) as string[];
    lines.push(
      [...cells, String(r.customer_id), r.sms_id === null ? '' : String(r.sms_id), r.status === null ? '' : String(r.status)]
        .map((c) => csvCell(c))
        .join(','),
    );
    count += 1;
  }
  await writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`);
  return count;
}
