import type { CountryCode } from 'libphonenumber-js';
import type { Language } from '../../../shared/domain';
import type { JsonValue } from '../../../shared/jobs';
import { AppFailure } from '../../../shared/errors';
import type { Delimiter, Encoding, ImportCounts } from '../../../shared/ipc/contacts';
import { translator } from '../../../shared/i18n';
import type { Db } from '../db';
import { GATEWAY_DEFAULTS } from '../gateway/client';
import type { GatewayClient } from '../gateway/types';
import { defineJobKind, type FinishContext, type JobKind } from '../jobs';
import type { PreflightOptions, PreflightRow } from '../preflight';
import { findContact, finishImport, recordImport, saveContact, saveTag, suppressionLookup, type ImportRecord } from './registry';
import { fieldValues, type KeptField } from './fields';
import { rememberTagFields, saveContactFields } from './field-store';
import { hashedChunks, preflightRows, sha256 } from './source';

// Two durable job kinds (writes):
//  - `contacts.saveTag`: one `savetag`, on its own so the tag exists (its id in the registry) before any contact
//    is sent. Its own job, so an unanswered savetag is an unknown step the user decides about, never resent and
//    never leaving contacts stranded; the import into the new tag starts once it is done.
//  - `contacts.import`: one `savecontact` per contact, each journaled. A confirmed contact is never sent again;
//    a contact sent without an answer is unknown (no endpoint can tell) and waits for "retry these N".

export const IMPORT_KIND = 'contacts.import';
export const SAVE_TAG_KIND = 'contacts.saveTag';
/** Steps in flight per import: the gateway client's own limit (more would only queue there, fewer leave it idle). */
export const IMPORT_CONCURRENCY = GATEWAY_DEFAULTS.concurrency;

/** Everything the plan needs to read the file exactly as the user saw it in the preflight. */
export interface ImportInput {
  file: { path: string; name: string; size: number; hash: string };
  read: {
    country: string;
    encoding: Encoding;
    delimiter: Delimiter;
    header: boolean;
    phoneColumn: number;
    nameColumn: number | null;
    /** Every phone column (phoneColumn first) and the name's columns (First + Last…); absent in older imports. */
    phoneColumns?: number[];
    nameColumns?: number[];
    /** A workbook's sheet the preflight read. */
    sheet?: string;
    /** The consent column as the preflight read it (null: none). */
    consent?: { column: number; refusesWhen: 'yes' | 'no' } | null;
  };
  tag: { id: number; title: string };
  includeLandlines: boolean;
  /** Rows the user corrected in the preview, by line: their number, name and new status replace the file's. */
  corrections?: { line: number; phone: string | null; name: string; status: PreflightRow['status']; landline?: true }[];
  /** Rows whose consent column says no are imported too (the user ticked it); absent: no. */
  includeNoConsent?: boolean;
  /** The other columns kept as contact fields (absent in older imports: none). */
  fields?: KeptField[];
  /** The preflight's counts, for the history. */
  counts: Pick<ImportCounts, 'rows' | 'valid' | 'invalid' | 'duplicates' | 'landlines'>;
}

export interface ContactPayload {
  phone: string;
  name: string;
  line: number;
  /** Its kept fields with a value (key → value). */
  fields?: Record<string, string>;
}

export type ContactResult = { contactId: number | null } | { skipped: 'in-tag' | 'opted-out' };

export interface SaveTagInput {
  title: string;
}

export interface ImportKindDeps {
  /** The signed-in client (throws AppFailure 'not-signed-in' otherwise). */
  client: () => GatewayClient | Promise<GatewayClient>;
  now: () => number;
  /** Desktop notification; absent in the CLI. */
  notify?: (notification: { title: string; body: string }) => void;
  language?: () => Language;
  /** The registry changed (a tag saved, contacts imported). */
  changed?: (tagId: number | null) => void;
}

export function importReadOptions(read: ImportInput['read']): PreflightOptions {
  return {
    country: read.country as CountryCode,
    encoding: read.encoding,
    delimiter: read.delimiter,
    header: read.header,
    phoneColumn: read.phoneColumns ?? read.phoneColumn,
    nameColumn: read.nameColumns ?? read.nameColumn,
    consentColumn: read.consent?.column ?? null,
    ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
  };
}

/** Whether a preflight row goes into the plan. Rows already in the tag or opted out are checked again per step. */
export function isImportable(
  row: Pick<PreflightRow, 'status' | 'landline'>,
  include: { includeLandlines: boolean; includeNoConsent?: boolean | undefined },
): boolean {
  const { status } = row;
  if (status === 'no-consent') return include.includeNoConsent === true && (!row.landline || include.includeLandlines);
  return status === 'ready' || status === 'in-tag' || status === 'opted-out' || (status === 'landline' && include.includeLandlines);
}

export interface ImportSummary {
  [key: string]: number | string;
  tagId: number;
  tagTitle: string;
  imported: number;
  inTag: number;
  optedOut: number;
  failed: number;
  unknown: number;
}

/** Counts the journal's outcomes (streamed: an import may have a million steps). */
export function summarize(ctx: Pick<FinishContext<ImportInput, ContactPayload>, 'input' | 'steps' | 'counts'>): ImportSummary {
  let imported = 0;
  let inTag = 0;
  let optedOut = 0;
  for (const step of ctx.steps('done')) {
    const result = step.result as ContactResult | null;
    if (result && 'skipped' in result) {
      if (result.skipped === 'in-tag') inTag++;
      else optedOut++;
    } else imported++;
  }
  return {
    tagId: ctx.input.tag.id,
    tagTitle: ctx.input.tag.title,
    imported,
    inTag,
    optedOut,
    failed: ctx.counts.failed,
    unknown: ctx.counts.unknown,
  };
}

/** The done/attention notification in the user's language (words from shared/i18n `contacts.notify` / `contacts.done`). */
export function importNotification(
  language: Language,
  state: FinishContext['state'],
  summary: ImportSummary,
): { title: string; body: string } | null {
  // Keys looked up loosely: the Contacts catalogue is written alongside the screen.
  const t = translator(language) as unknown as (key: string, options?: Record<string, unknown>) => string;
  if (state === 'done')
    return {
      title: t('contacts.notify.doneTitle'),
      body: t('contacts.notify.doneBody', { count: summary.imported, tag: summary.tagTitle }),
    };
  if (state === 'needs-attention')
    return { title: t('contacts.done.attentionTitle'), body: t('contacts.done.attentionBody', { count: summary.unknown }) };
  return null;
}

export function importRecord(jobId: number, input: ImportInput): ImportRecord {
  return {
    jobId,
    fileName: input.file.name,
    fileSize: input.file.size,
    contentHash: input.file.hash,
    tag: input.tag,
    counts: input.counts,
  };
}

const recorded = new WeakMap<Db, Set<number>>();

/** The history row, written by the job's first step (in the app and the CLI alike). */
function recordOnce(db: Db, jobId: number, input: ImportInput, now: number): void {
  let jobs = recorded.get(db);
  if (!jobs) recorded.set(db, (jobs = new Set()));
  if (jobs.has(jobId)) return;
  recordImport(db, importRecord(jobId, input), now);
  rememberTagFields(db, input.tag.id, input.fields ?? []);
  jobs.add(jobId);
}

/** How stale the opt-out list read at send time may be (it is read whole, so not once per contact). */
export const SUPPRESSION_FRESH_MS = 1_000;

export function createImportKind(deps: ImportKindDeps & { concurrency?: number }): JobKind<ImportInput, ContactPayload> {
  const suppression = new WeakMap<Db, { lookup: ReturnType<typeof suppressionLookup>; at: number }>();
  // A number opted out while the import runs is left out from then on (within SUPPRESSION_FRESH_MS).
  const suppressed = (db: Db, phone: string): boolean => {
    let entry = suppression.get(db);
    if (!entry || deps.now() - entry.at >= SUPPRESSION_FRESH_MS) {
      entry = { lookup: suppressionLookup(db), at: deps.now() };
      suppression.set(db, entry);
    }
    return entry.lookup?.has(phone) ?? false;
  };

  return defineJobKind<ImportInput, ContactPayload>({
    kind: IMPORT_KIND,
    writes: true,
    concurrency: deps.concurrency ?? IMPORT_CONCURRENCY,

    // The file is read again (streamed) rather than held: a million rows cost no memory here. Its content must
    // still be what the user checked.
    async *plan(input) {
      const hash = sha256();
      const rows = preflightRows({ chunks: hashedChunks(input.file.path, hash) }, importReadOptions(input.read));
      const corrections = new Map((input.corrections ?? []).map((c) => [c.line, c]));
      const fields = input.fields ?? [];
      let next = await rows.next().catch(unreadable);
      while (!next.done) {
        const row = next.value;
        const correction = corrections.get(row.line);
        if (correction) {
          // What the user typed in the preview, checked there as the file's numbers are.
          row.phone = correction.phone;
          row.name = correction.name;
          row.status = correction.status;
          if (correction.landline) row.landline = true;
        }
        if (row.phone && isImportable(row, input)) {
          // Only the kept columns, only for rows that go in.
          const values = fields.length > 0 ? fieldValues(row.cells, fields) : null;
          yield { key: row.phone, payload: { phone: row.phone, name: row.name, line: row.line, ...(values ? { fields: values } : {}) } };
        }
        next = await rows.next().catch(unreadable);
      }
      if (!next.value.ok)
        throw new AppFailure(
          'validation',
          next.value.problem.message,
          undefined,
          undefined,
          `contacts.fileProblems.${next.value.problem.code}`,
        );
      if (hash.digest('hex') !== input.file.hash) {
        throw new AppFailure(
          'validation',
          `${input.file.name} changed after it was checked: check it again, then import.`,
          undefined,
          { name: input.file.name },
          'refusals.fileChanged',
        );
      }
    },

    async run(step, ctx): Promise<JsonValue> {
      const { tag } = ctx.input;
      recordOnce(ctx.db, ctx.jobId, ctx.input, deps.now());
      const { phone, name, fields } = step.payload;
      const known = findContact(ctx.db, tag.id, phone);
      // Ours already (journaled just before a crash, or a retry the user asked for): nothing to send. A contact
      // the tag had before takes this file's fields (they live only here, nothing goes to the gateway).
      if (known) {
        if (fields) saveContactFields(ctx.db, tag.id, phone, fields);
        return known.jobId === ctx.jobId ? { contactId: known.contactId } : { skipped: 'in-tag' };
      }
      if (suppressed(ctx.db, phone)) return { skipped: 'opted-out' };
      const client = await deps.client();
      const { contactId } = await client.saveContact({ phone, tagId: tag.id, ...(name ? { name } : {}) }, { signal: ctx.signal });
      ctx.db.transaction(() => {
        saveContact(ctx.db, { tagId: tag.id, phone, name, contactId, jobId: ctx.jobId }, deps.now());
        if (fields) saveContactFields(ctx.db, tag.id, phone, fields);
      })();
      return { contactId };
    },

    // The registry row is written before the step's "done": a crash between the two is read back here.
    settle(step, ctx) {
      const known = findContact(ctx.db, ctx.input.tag.id, step.payload.phone);
      return Promise.resolve(
        known && known.jobId === ctx.jobId ? { outcome: 'done', result: { contactId: known.contactId } } : { outcome: 'unknown' },
      );
    },

    finish(ctx) {
      const summary = summarize(ctx);
      finishImport(ctx.db, importRecord(ctx.jobId, ctx.input), summary, deps.now());
      deps.changed?.(ctx.input.tag.id);
      const words = deps.notify && deps.language ? importNotification(deps.language(), ctx.state, summary) : null;
      if (words) deps.notify!(words);
      return summary;
    },
  });
}

function unreadable(error: unknown): never {
  if (error instanceof AppFailure) throw error;
  throw new AppFailure(
    'validation',
    `The file could not be read again: ${error instanceof Error ? error.message : String(error)}`,
    undefined,
    undefined,
    'refusals.fileUnreadable',
  );
}

export function createSaveTagKind(deps: Pick<ImportKindDeps, 'client' | 'now' | 'changed'>): JobKind<SaveTagInput, SaveTagInput> {
  return defineJobKind<SaveTagInput, SaveTagInput>({
    kind: SAVE_TAG_KIND,
    writes: true,
    concurrency: 1,
    plan: (input) => [{ key: 'savetag', payload: input }],
    async run(step, ctx) {
      const client = await deps.client();
      const { tagId } = await client.saveTag(step.payload.title, { signal: ctx.signal });
      saveTag(ctx.db, { id: tagId, title: step.payload.title, createdHere: true }, deps.now());
      deps.changed?.(tagId);
      return { tagId };
    },
    finish(ctx) {
      for (const step of ctx.steps('done')) {
        const tagId = savedTagId(step.result);
        if (tagId !== null) return { tagId };
      }
      return null;
    },
  });
}

/** The tag a finished savetag job created (null: not done). */
export function savedTagId(result: unknown): number | null {
  const tagId = (result as { tagId?: unknown } | null)?.tagId;
  return typeof tagId === 'number' ? tagId : null;
}
