import { createHash } from 'node:crypto';
import { phoneKey } from '../lib/phone-key';

// "The same campaign again": the same bodies to the same numbers from the same phones. Running it twice by
// mistake is refused unless the user confirms (--again), so the fingerprint ignores what does not change
// what people receive: row order, how a number is written, the spreadsheet's other columns.

export interface CampaignIdentity {
  /** Each recipient's number and the body they get (rendered, for a personalised send). */
  messages: Iterable<{ phone: string; body: string }>;
  /** The phones and SIMs chosen (the same set in another order is the same campaign). */
  phones: Iterable<{ deviceId: number; sim: number }>;
}

/** A hex SHA-256 over the sorted (number, body) pairs and phones; equal for the same campaign in any order. */
export function campaignFingerprint(identity: CampaignIdentity): string {
  const messages: string[] = [];
  for (const { phone, body } of identity.messages) {
    // JSON keeps "a\nb" + "c" and "a" + "\nbc" apart; NFC makes "é" typed two ways the same body.
    messages.push(JSON.stringify([phoneKey(phone), body.normalize('NFC').trim()]));
  }
  messages.sort();
  const phones = [...new Set([...identity.phones].map((p) => `${p.deviceId}:${p.sim}`))].sort();

  const hash = createHash('sha256');
  hash.update(`relay-desk campaign v1\nphones ${JSON.stringify(phones)}\n`);
  for (const line of messages) hash.update(`${line}\n`);
  return hash.digest('hex');
}
