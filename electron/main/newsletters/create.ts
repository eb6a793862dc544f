import { createHash } from 'node:crypto';
import type { SimSlot } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { CampaignSummary } from '../../../shared/ipc';
import type { JobView } from '../../../shared/jobs';
import type { Db } from '../db';
import { GatewayError, type GatewayErrorKind } from '../gateway';
import type { GatewayClient } from '../gateway/types';
import { testBarrier } from '../lib/test-barrier';
import { placeholderRefusal } from './rules';
import { phoneKey } from '../lib/phone-key';
import type { CampaignService } from '../campaigns';
import { suppressionLookup } from '../optouts';
import { tagPeople, tagTitle } from '../contacts';

// Creating a newsletter (savepaket) exactly once, and never to opted-out contacts without a decision.
// - savepaket sends to whole tags: the gateway knows nothing of the suppression list. When the tags hold
//   opted-out contacts the user decides: send it as a campaign to everyone else, or include them (recorded).
// - savepaket is not idempotent and returns nothing we could read back by: a 'creating' row is committed
//   before the request leaves; a lost reply leaves it 'unknown' ("may have been created — check the phone"),
//   and an identical create is refused until the user says `again`.

const SAMPLE = 20;
/** A 'creating' row younger than this is another process's request on its way (its deadline is 30 s). */
const IN_PROGRESS_MS = 60_000;
/** Errors after which savepaket certainly created nothing; any other (a lost or unreadable reply) may have. */
const NOT_SENT = new Set<GatewayErrorKind>([
  'refused',
  'timeout',
  'network',
  'cancelled',
  'invalid-token',
  'maybe-invalid-token',
  'wrong-credentials',
]);

export interface NewsletterAudience {
  /** Distinct numbers (by digits) in the tags, with their names: what savepaket sends to. */
  contacts: { phone: string; name: string }[];
  /** Of those, the ones on the suppression list. */
  optedOut: { phone: string; name: string }[];
  /** Tags with no contacts in the registry (created elsewhere): their size is unknown. */
  unknownTags: number[];
}

export function newsletterAudience(db: Db, tagIds: readonly number[]): NewsletterAudience {
  const lookup = suppressionLookup(db);
  const seen = new Set<string>();
  const contacts: NewsletterAudience['contacts'] = [];
  const optedOut: NewsletterAudience['optedOut'] = [];
  const unknownTags: number[] = [];
  for (const tagId of tagIds) {
    const rows = tagPeople(db, tagId);
    if (rows.length === 0) unknownTags.push(tagId);
    for (const row of rows) {
      const key = phoneKey(row.phone);
      if (seen.has(key)) continue;
      seen.add(key);
      contacts.push(row);
      if (lookup.has(row.phone)) optedOut.push(row);
    }
  }
  return { contacts, optedOut, unknownTags };
}

export const optedOutSample = (audience: NewsletterAudience): string[] => audience.optedOut.slice(0, SAMPLE).map((c) => c.phone);

export interface NewsletterCreateInput {
  title: string;
  tagIds: number[];
  /** The text as it goes out (footer included). */
  body: string;
  deviceId: number;
  sim: SimSlot;
  sendAt: string | null;
  optedOut?: 'send-as-campaign' | 'include' | undefined;
  again: boolean;
}

/** The same title, tags (any order), body and phone: the same newsletter. */
export function newsletterFingerprint(input: Pick<NewsletterCreateInput, 'title' | 'tagIds' | 'body' | 'deviceId' | 'sim'>): string {
  const tags = [...new Set(input.tagIds)].sort((a, b) => a - b);
  return createHash('sha256')
    .update(
      JSON.stringify(['relay-desk newsletter v1', input.title.trim(), tags, input.body.normalize('NFC').trim(), input.deviceId, input.sim]),
    )
    .digest('hex');
}

export interface NewsletterCreateDeps {
  db: Db;
  client: GatewayClient;
  service: Pick<CampaignService, 'startList'>;
  now: number;
}

export type NewsletterCreated =
  { kind: 'newsletter'; id: number } | { kind: 'campaign'; id: number; campaign: CampaignSummary; job: JobView };

export async function createNewsletter(deps: NewsletterCreateDeps, input: NewsletterCreateInput): Promise<NewsletterCreated> {
  const { db } = deps;
  // Before anything else (the campaign path too: its bodies are final, nothing would fill the placeholder).
  const placeholders = placeholderRefusal(input.body);
  if (placeholders) throw placeholders;
  const audience = newsletterAudience(db, input.tagIds);
  const optedOut = audience.optedOut.length;
  if (optedOut > 0 && input.optedOut === undefined) {
    throw new AppFailure(
      'validation',
      `${optedOut} contact${optedOut === 1 ? '' : 's'} in these tags opted out, and a newsletter goes to whole tags: send it as a campaign without them, or include them on purpose.`,
      'optedOut',
      { count: optedOut },
      'refusals.newsletterOptedOut',
    );
  }
  const tags = input.tagIds.map((id) => ({ id, title: tagTitle(db, id) ?? `Tag ${id}` }));
  const fingerprint = newsletterFingerprint(input);
  const decision = optedOut > 0 ? input.optedOut! : null;
  const insert = (state: 'creating' | 'campaign', recipients: number) =>
    Number(
      db
        .prepare(
          `INSERT INTO newsletters (paket_id, state, fingerprint, title, body, tags, device_id, sim, send_at, recipients, opted_out, opted_out_decision, created_at)
           VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          state,
          fingerprint,
          input.title,
          input.body,
          JSON.stringify(tags),
          input.deviceId,
          input.sim,
          input.sendAt,
          recipients,
          optedOut,
          decision,
          deps.now,
        ).lastInsertRowid,
    );

  if (decision === 'send-as-campaign') {
    const lookup = suppressionLookup(db);
    const contacts = audience.contacts.filter((c) => !lookup.has(c.phone));
    if (contacts.length === 0)
      throw new AppFailure(
        'validation',
        'Every contact in these tags opted out: nobody to send to.',
        'optedOut',
        { count: optedOut },
        'refusals.everyoneOptedOut',
      );
    const started = await deps.service.startList({
      title: input.title,
      body: input.body,
      contacts,
      phone: { deviceId: input.deviceId, sim: input.sim },
      sendAt: input.sendAt,
      suppressed: optedOut,
    });
    const id = insert('campaign', contacts.length);
    db.prepare('UPDATE newsletters SET campaign_id = ? WHERE id = ?').run(started.campaign.id, id);
    return { kind: 'campaign', id, campaign: started.campaign, job: started.job };
  }

  await testBarrier('newsletter-create');
  // Check and commit the intent in one IMMEDIATE transaction: of two processes creating the same newsletter at
  // the same moment, the second finds the first's row and is refused — savepaket leaves once.
  const id = db.transaction(() => {
    const earlier = db
      .prepare(
        "SELECT id, state, created_at FROM newsletters WHERE fingerprint = ? AND state IN ('creating', 'unknown', 'created') ORDER BY id DESC LIMIT 1",
      )
      .get(fingerprint) as { id: number; state: string; created_at: number } | undefined;
    if (earlier && !input.again) {
      if (earlier.state === 'created') {
        throw new AppFailure(
          'validation',
          'This newsletter was already created (same title, text, tags, phone and time). Confirm to create it again (relay: add --again).',
          'again',
          { newsletterId: earlier.id },
          'refusals.newsletterCreated',
        );
      }
      if (earlier.state === 'creating' && deps.now - earlier.created_at < IN_PROGRESS_MS) {
        throw new AppFailure(
          'validation',
          'The same newsletter is being created right now by another Relay Desk window or relay command: it is created once; look for it there.',
          'again',
          { newsletterId: earlier.id },
          'refusals.newsletterInProgress',
        );
      }
      throw new AppFailure(
        'validation',
        'The same newsletter may already have been created (the gateway’s reply was lost): look for it in the app on the phone before creating it again.',
        'again',
        { newsletterId: earlier.id },
        'refusals.newsletterAgain',
      );
    }
    // The intent is committed before the request leaves.
    return insert('creating', audience.contacts.length);
  })();
  try {
    const { paketId } = await deps.client.savePaket({
      title: input.title,
      deviceId: input.deviceId,
      body: input.body,
      tagIds: input.tagIds,
      sim: input.sim,
      ...(input.sendAt ? { sendAt: new Date(input.sendAt) } : {}),
    });
    db.prepare("UPDATE newsletters SET state = 'created', paket_id = ? WHERE id = ?").run(paketId, id);
  } catch (error) {
    if (error instanceof GatewayError && NOT_SENT.has(error.kind)) {
      // Refused, or it never left: nothing was created.
      db.prepare('DELETE FROM newsletters WHERE id = ?').run(id);
      throw error;
    }
    db.prepare("UPDATE newsletters SET state = 'unknown' WHERE id = ?").run(id);
    throw new AppFailure(
      'unknown-outcome',
      'The gateway’s reply was lost: the newsletter may have been created. Look in the app on the phone before creating it again.',
      'again',
      { newsletterId: id },
      'refusals.newsletterUnknown',
    );
  }
  return { kind: 'newsletter', id };
}
