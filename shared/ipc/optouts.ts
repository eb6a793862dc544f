import { z } from 'zod';
import { country, phoneText } from './fields';
import { defineContract, none, out } from './kit';

// Opt-outs: the account's suppression list. Numbers join it by a STOP-style reply (read from incoming
// messages right before anything is sent, and periodically) or by hand; nothing is sent to them.

/** A recipient left out because they opted out, with the reply that did it (shown before anything is sent). */
export interface OptedOutView {
  phone: string;
  name: string | null;
  source: 'reply' | 'manual';
  keyword: string | null;
  /** The incoming message that opted them out (null when added by hand or before the app kept replies). */
  reply: string | null;
  replyAt: number | null;
  addedAt: number;
}

export interface SuppressionEntry {
  phone: string;
  source: 'reply' | 'manual';
  /** The reply's keyword ("stop", "sair"), for automatic entries. */
  keyword: string | null;
  /** The incoming message that opted the number out, and when the phone received it (automatic entries since v9). */
  reply: string | null;
  replyAt: number | null;
  addedAt: number;
}

export const optoutsContract = defineContract({
  invoke: {
    'optouts:list': {
      input: z
        .strictObject({
          search: z.string().max(40).optional(),
          offset: z.number().int().min(0).default(0),
          limit: z.number().int().min(1).max(500).default(100),
        })
        .default({ offset: 0, limit: 100 }),
      output: out<{ rows: SuppressionEntry[]; total: number }>(),
    },
    'optouts:add': {
      input: z.strictObject({ phones: z.array(phoneText).min(1).max(1_000), country: country.optional() }),
      output: out<{ added: number; invalid: string[] }>(),
    },
    'optouts:remove': {
      input: z.strictObject({ phones: z.array(phoneText).min(1).max(1_000) }),
      output: out<{ removed: number }>(),
    },
    /** Reads recent incoming replies (status 5) and adds STOP-like ones (also done on preview/start and periodically). */
    'optouts:sync': { input: none, output: out<{ checked: number; added: number }>() },
  },
  events: {
    /** The list changed: previews and the opt-out screen read again. */
    'optouts:changed': out<Record<string, never>>(),
  },
});
