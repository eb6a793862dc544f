import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import type { JobState, JobView } from '../jobs';
import { defineContract, none, out } from './kit';

// Contacts: the account's registry of tags and contacts (the API cannot list them, so the app remembers what it
// created or was told about), the CSV preflight the user looks at before anything is sent, and the import job.
// The renderer never sees a file path: main keeps the picked file behind an opaque `fileId`.

// ---- the preflight's vocabulary (electron/main/preflight re-exports these) ----------------------

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type Delimiter = ',' | ';' | '\t' | '|';
/** 'no-consent': the file's consent column says the person did not accept SMS / WhatsApp marketing. */
export type RowStatus = 'ready' | 'landline' | 'invalid' | 'duplicate' | 'in-tag' | 'opted-out' | 'no-consent';
export const ROW_STATUSES = [
  'ready',
  'landline',
  'invalid',
  'duplicate',
  'in-tag',
  'opted-out',
  'no-consent',
] as const satisfies readonly RowStatus[];
export type InvalidCode =
  | 'no-number' // the phone cell is empty
  | 'not-a-number' // letters or symbols where the number should be
  | 'too-short'
  | 'too-long'
  | 'not-valid' // the right shape but no such number in that country (e.g. an unknown area code)
  | 'missing-area-code' // a local number written without its area code (DDD)
  | 'unknown-country' // +CC that no country uses
  | 'scientific' // Excel turned the number into 5.51199E+12 and dropped digits
  | 'ragged' // more cells than the header: the columns may have shifted
  | 'broken-quote' // a quoted cell never closes; the rest of the file was swallowed
  | 'bad-quote'; // text after a closing quote
/** Why a file cannot be imported at all. Nothing was changed. */
export type FileProblemCode =
  | 'empty' // no bytes, or only blank lines
  | 'binary' // an image, a PDF… renamed .csv
  | 'spreadsheet' // .xls, or a zip that is no workbook: save it as CSV
  | 'no-rows' // a header and nothing under it
  | 'column-not-found' // the phoneColumn / nameColumn asked for is not in the file
  | 'no-phone-column' // no column holds phone numbers
  | 'unreadable'; // the file could not be read (missing, no permission, changed)

export interface FileProblem {
  code: FileProblemCode;
  /** A sentence for the user (English; the code picks the translated words). */
  message: string;
}

export interface PreflightCountsView {
  /** Data rows read so far: not the header, the `sep=` line or blank lines. */
  rows: number;
  ready: number;
  landlines: number;
  /** Unique numbers that would be imported (ready + landlines). */
  valid: number;
  invalid: number;
  duplicates: number;
  inTag: number;
  optedOut: number;
  /** Left out: the file's consent column says they did not accept SMS / WhatsApp marketing. */
  noConsent: number;
  /** Of those, landlines: imported only when both no-consent rows and landlines are included. */
  noConsentLandlines: number;
  /** Rows holding more numbers than the one imported (the others are in the report). */
  otherNumbers: number;
  /** Rows whose number or name the user corrected in the preview. */
  corrected: number;
  /** Rows with fewer cells than the header that could still be read. */
  short: number;
  /** Characters that could not be decoded in the encoding (a hint to choose another); final once complete. */
  undecodable: number;
}

// ---- views ------------------------------------------------------------------------------------------------

export interface TagView {
  /** The gateway's tag id. */
  id: number;
  title: string;
  /** Contacts the registry knows in this tag (imported here). */
  contacts: number;
  /** true: created by Relay Desk (savetag); false: created elsewhere and added by its id. */
  createdHere: boolean;
  /** Epoch ms. */
  createdAt: number;
}

export interface ContactView {
  phone: string;
  name: string;
  /** The other columns kept from its import (key → value: {cidade} → "Recife"); absent: none. */
  fields?: Record<string, string>;
  /** The gateway's contact id (null for a contact known only from a read-back). */
  contactId: number | null;
  /** Epoch ms. */
  addedAt: number;
  /** On the account's opt-out list: no campaign reaches this number. */
  optedOut?: boolean;
}

/** The largest file that can be dropped on the window (a million-row CSV is ~40 MB); bigger ones: choose the file. */
export const MAX_DROPPED_BYTES = 100 * 1024 * 1024;

/** A column of the file that is not the phone, the name or the consent: it may be kept as a contact field. */
export interface FieldChoiceView {
  /** 0-based column. */
  column: number;
  /** The header as the file writes it ("Cidade"), or "Column 4" without a header. */
  header: string;
  /** The placeholder it becomes in campaigns to the tag: {cidade}. */
  key: string;
  /** The first value in the preview's rows ('' when the preview has none). */
  sample: string;
  /** Kept unless the user unticks it (the default: every column with a value). */
  keep: boolean;
}

/** A field kept in a tag: its placeholder name and the header it came from. */
export interface TagFieldView {
  key: string;
  header: string;
}

/** How many contacts an import adds with these choices (the Import button's count; relay import says the same). */
export function importableCount(
  counts: Pick<PreflightCountsView, 'ready' | 'landlines' | 'noConsent' | 'noConsentLandlines'>,
  include: { includeLandlines: boolean; includeNoConsent: boolean },
): number {
  const noConsent = include.includeNoConsent ? counts.noConsent - (include.includeLandlines ? 0 : counts.noConsentLandlines) : 0;
  return counts.ready + (include.includeLandlines ? counts.landlines : 0) + noConsent;
}

export interface PickedFile {
  fileId: string;
  /** The file's name only (never its folder). */
  name: string;
  size: number;
}

export interface PreflightFileView {
  name: string;
  size: number;
  /** A CSV, an Excel workbook or a vCard file (absent: CSV). */
  format?: 'csv' | 'xlsx' | 'vcard';
  /** For a workbook: the sheet read and every sheet's name. */
  sheet?: string;
  sheets?: string[];
  encoding: Encoding;
  /** 'bom' (byte order mark), 'detected' (from the bytes) or 'chosen'. */
  encodingSource: 'bom' | 'detected' | 'chosen';
  delimiter: Delimiter;
  delimiterSource: 'sep-line' | 'sniffed' | 'chosen';
  /** The header row's cells, or null when the first row is data. */
  header: string[] | null;
  /** 'chosen': the user said whether the first row is a header (kept when the file is read again); 'detected': the rows did. */
  headerSource: 'detected' | 'chosen';
  columns: number;
  /** 0-based column indexes. */
  mapping: {
    phone: number;
    name: number | null;
    /** Every phone column, `phone` first (per row the mobile one is imported, the others reported). */
    phones?: number[];
    /** The columns the name is made of (First + Last…), `name` first. */
    names?: number[];
    /** The consent column, and the answer that leaves a row out. */
    consent?: { column: number; refusesWhen: 'yes' | 'no' } | null;
  };
  /** The other columns, each with its sample and whether it is kept by default (or as remembered). */
  fields?: FieldChoiceView[];
  /** 'remembered': the mapping saved at the last import of a file with the same header set. */
  mappingSource: {
    phone: 'header' | 'content' | 'chosen' | 'remembered';
    name: 'header' | 'content' | 'chosen' | 'remembered' | 'none';
  };
  country: string;
}

export type PreflightState = 'reading' | 'complete' | 'failed';

export type PreflightView =
  | {
      ok: true;
      preflightId: string;
      /** 'reading': rows still arriving (contacts:preflightProgress); 'failed': see `problem`. */
      state: PreflightState;
      file: PreflightFileView;
      counts: PreflightCountsView;
      /** The target tag the in-tag status was computed for. */
      tagId: number | null;
      /** Set when reading stopped part-way (the file became unreadable). */
      problem: FileProblem | null;
    }
  | { ok: false; problem: FileProblem };

export interface PreflightRowView {
  /** The line of the file (as an editor numbers them) where the row starts. */
  line: number;
  name: string;
  /** E.164, or null when the number could not be read. */
  phone: string | null;
  status: RowStatus;
  reason: { code: InvalidCode; text: string } | null;
  /** For duplicates: the line of the row that is kept. */
  duplicateOf: number | null;
  /** The row's cells as read. */
  cells: string[];
  /** Its other numbers, not imported (reported). */
  others?: string[];
  /** What the user corrected in the preview (imported instead of the file's value). */
  corrected?: { phone?: string; name?: string };
}

export interface PreflightProgress {
  preflightId: string;
  state: PreflightState;
  counts: PreflightCountsView;
  problem: FileProblem | null;
}

export interface ImportCounts {
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  landlines: number;
  /** Contacts the gateway confirmed. */
  imported: number;
  /** Skipped: already in the tag. */
  inTag: number;
  /** Skipped: on the suppression list. */
  optedOut: number;
  /** Refused by the gateway. */
  failed: number;
  /** Sent with no answer: may or may not be in the tag (the job's "retry these N"). */
  unknown: number;
}

export interface ImportView {
  id: number;
  jobId: number;
  /** The job's current state (null when the job was deleted). */
  state: JobState | null;
  fileName: string;
  size: number;
  tag: { id: number; title: string };
  counts: ImportCounts;
  /** Epoch ms. */
  createdAt: number;
  finishedAt: number | null;
  /** Rows in the report kept with the import (invalid and repeated ones); null when none was kept (older imports). */
  reportRows: number | null;
}

// ---- inputs -----------------------------------------------------------------------------------------------

const id = z.number().int().positive();
const limit = z.number().int().min(1).max(500).default(100);
const offset = z.number().int().min(0).default(0);
const preflightId = z.string().min(1).max(64);
const tagTitle = z.string().trim().min(1, 'Give the tag a name.').max(100, 'A tag name has at most 100 characters.');
const column = z.union([z.string().min(1).max(200), z.number().int().min(0).max(10_000)]);
/** One column, or several (a name made of First + Last, several phone columns). */
const columns = z.union([column, z.array(z.number().int().min(0).max(10_000)).min(1).max(10)]);

/** A country libphonenumber knows (its list, not just any two letters: "XX" is refused). */
export const isKnownCountry = (code: string): boolean => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'A two-letter country code, e.g. BR.')
  .refine(isKnownCountry, 'No country has this code: use two letters such as BR, PT or US.');

export const preflightInputSchema = z.strictObject({
  fileId: z.string().min(1).max(64),
  encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** true/false forces "the first row is a header"/"is data"; absent = detect. */
  header: z.boolean().optional(),
  /** By header name or 0-based index; absent = remembered for this header set, else guessed. */
  phoneColumn: columns.optional(),
  nameColumn: columns.nullable().optional(),
  /** The SMS-consent column; null: the file has none (no row is left out for consent). Absent: guessed. */
  consentColumn: column.nullable().optional(),
  /** ISO 3166 alpha-2 for numbers without +CC; absent = Settings' country. */
  country: countryCode.optional(),
  /** The target tag, so rows already in it show as in-tag. */
  tagId: id.optional(),
  /** A workbook's sheet, by name (absent: the one holding phone numbers). */
  sheet: z.string().min(1).max(200).optional(),
});

export const importTargetSchema = z.union([z.strictObject({ tagId: id }), z.strictObject({ newTag: tagTitle })]);

export const importInputSchema = z.strictObject({
  preflightId,
  target: importTargetSchema,
  /** Landlines cannot receive SMS: off by default. */
  includeLandlines: z.boolean().default(false),
  /** Rows whose consent column says no: left out unless the user includes them. */
  includeNoConsent: z.boolean().default(false),
  /** The other columns kept as contact fields (0-based, from the preflight's `fields`); absent: the default ones. */
  keepFields: z.array(z.number().int().min(0).max(10_000)).max(200).optional(),
});

/** The registry of tags and contacts, the preflight, the import and its history. */
export const contactsContract = defineContract({
  invoke: {
    /** Registry tags with contact counts, newest first. */
    'contacts:tags': { input: none, output: out<TagView[]>() },
    /** A tag created elsewhere (the gateway's site, another app), by its id. Adding a known id renames it. */
    'contacts:addTag': { input: z.strictObject({ id, title: tagTitle }), output: out<TagView>() },
    /** A page of a tag's contacts; `search` matches name or number. */
    'contacts:list': {
      input: z.strictObject({ tagId: id, search: z.string().max(100).optional(), offset, limit }),
      output: out<{ rows: ContactView[]; total: number; fields: TagFieldView[] }>(),
    },
    /**
     * A contact's name and fields, edited here: the registry's (campaigns to the tag greet with them). The gateway
     * has no endpoint to change a contact, so its own copy keeps the name it was imported with. A field left
     * empty is removed; only the tag's fields can be given.
     */
    'contacts:updateContact': {
      input: z.strictObject({
        tagId: id,
        phone: z.string().min(2).max(20),
        name: z.string().trim().max(200),
        fields: z
          .record(z.string().min(1).max(64), z.string().max(500))
          .refine((fields) => Object.keys(fields).length <= 100, 'At most 100 fields.')
          .optional(),
      }),
      output: out<ContactView>(),
    },
    /**
     * Removes a contact from a tag here (campaigns to the tag leave it out). The gateway has no delete endpoint:
     * it keeps the contact, and a newsletter to that tag (sent by the gateway to its whole tag) still reaches it.
     */
    'contacts:removeContact': { input: z.strictObject({ tagId: id, phone: z.string().min(2).max(20) }), output: out<void>() },
    /** A tag's contacts as a CSV (name, phone, opted out, then its kept fields), saved through the OS dialog. */
    'contacts:exportTag': { input: z.strictObject({ tagId: id }), output: out<{ saved: boolean; name: string | null; rows: number }>() },
    /** A sample CSV to start a list from (the columns the import reads best), saved through the OS dialog. */
    'contacts:saveSample': { input: none, output: out<{ saved: boolean; name: string | null }>() },
    /** Opens the OS file dialog in main. null = cancelled. */
    'contacts:pickFile': { input: none, output: out<PickedFile | null>() },
    /**
     * A file the user dropped on the window: its bytes (base64), which they chose to give. Main keeps them in a
     * private temporary file behind an id, as for a picked file; the renderer never names a path.
     */
    'contacts:dropFile': {
      input: z.strictObject({ name: z.string().min(1).max(255), data: z.string().max(Math.ceil(MAX_DROPPED_BYTES / 3) * 4) }),
      output: out<PickedFile>(),
    },
    /** Reads the file (nothing is sent); answers once the first rows are classified, the rest streams on. */
    'contacts:preflight': { input: preflightInputSchema, output: out<PreflightView>() },
    /** The preflight's latest state (after a reload). */
    'contacts:preflightStatus': { input: z.strictObject({ preflightId }), output: out<PreflightView>() },
    /** A page of classified rows in file order, optionally of one status (total = rows of that status so far). */
    'contacts:preflightRows': {
      input: z.strictObject({
        preflightId,
        status: z.enum(ROW_STATUSES).optional(),
        offset,
        limit,
      }),
      output: out<{ rows: PreflightRowView[]; total: number }>(),
    },
    /**
     * The user's correction of one row of a complete preflight (its number, its name): the number is read as the
     * file's would be; the row takes its new status (ready, landline, duplicate of an earlier line…) and the counts
     * follow. The file is left as it is: the import uses the corrected values, and the report marks them.
     */
    'contacts:correctRow': {
      input: z.strictObject({ preflightId, line: z.number().int().min(1), phone: z.string().max(80), name: z.string().max(200) }),
      output: out<
        { ok: true; row: PreflightRowView; counts: PreflightCountsView } | { ok: false; reason: { code: InvalidCode; text: string } }
      >(),
    },
    /** The invalid and duplicate rows as a CSV, saved through the OS dialog. saved=false: cancelled. */
    'contacts:saveProblemReport': {
      input: z.strictObject({ preflightId }),
      output: out<{ saved: boolean; name: string | null; rows: number }>(),
    },
    /** Lets go of a preflight the user closed (its rows are dropped). */
    'contacts:closePreflight': { input: z.strictObject({ preflightId }), output: out<void>() },
    /**
     * Starts the upload of a complete preflight. A new tag is created first (once, even across a resume); the
     * same file into the same tag again resumes the unfinished import instead of starting another.
     */
    'contacts:import': { input: importInputSchema, output: out<JobView>() },
    /** An import's report (its invalid and repeated rows, kept when it started) as a CSV, saved through the OS dialog. */
    'contacts:saveImportReport': {
      input: z.strictObject({ importId: id }),
      output: out<{ saved: boolean; name: string | null; rows: number }>(),
    },
    /** The history of imports, newest first. */
    'contacts:imports': { input: z.strictObject({ limit: limit }).optional(), output: out<ImportView[]>() },
  },
  events: {
    /** The registry changed (a tag added, contacts imported): refetch tags / lists / imports. */
    'contacts:changed': out<{ tagId: number | null }>(),
    /** A preflight read more rows or finished (throttled). */
    'contacts:preflightProgress': out<PreflightProgress>(),
  },
});
