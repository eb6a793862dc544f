// The preflight's vocabulary, shared by the import job, the Contacts screen (through its contract) and the CLI.
import type { CountryCode } from 'libphonenumber-js';

// The unions the window sees are declared once, in the contract.
import type { Delimiter, Encoding, FileProblem, InvalidCode, PreflightCountsView, RowStatus } from '../../../shared/ipc/contacts';
export type { Delimiter, Encoding, FileProblem, FileProblemCode, InvalidCode, RowStatus } from '../../../shared/ipc/contacts';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export interface PreflightRow {
  /** The line of the file (as an editor numbers them) where this row starts. */
  line: number;
  /** The row's cells as read (quotes removed). */
  cells: string[];
  name: string;
  /** E.164 when the number could be read, otherwise null. */
  phone: string | null;
  status: RowStatus;
  /** For `invalid`: a code for the screen's filters and translations, and a sentence. */
  reason?: { code: InvalidCode; text: string };
  /** For `duplicate`: the line of the first row with the same number (the one that is kept). */
  duplicateOf?: number;
  /** Fewer cells than the header (the mapped ones were there). */
  short?: true;
  /** The row's other numbers (E.164, or as written when unreadable), not imported: the mobile one is. */
  others?: string[];
  /** For `no-consent`: the number is a landline (imported only if landlines are too). */
  landline?: true;
  /**
   * The user corrected this row in the preview (the file is left as it is): the number and name now used, and
   * what the row was before (its status and reason), for the report.
   */
  corrected?: {
    phone?: string;
    name?: string;
    was?: { status: RowStatus; reason: { code: InvalidCode; text: string } | null; phone: string | null; name: string };
  };
}

export interface ColumnMapping {
  /** 0-based column indexes; `name` may be absent (a file of bare numbers). */
  phone: number;
  name: number | null;
  /** Every phone column, `phone` first: per row the first mobile among them is imported, the others reported. */
  phones: number[];
  /** The columns the name is made of, joined with spaces (First + Middle + Last); `name` is the first. */
  names: number[];
  /** A column saying whether the person accepts SMS / WhatsApp marketing, and which answer refuses. */
  consent: { column: number; refusesWhen: 'yes' | 'no' } | null;
}

export interface PreflightFile {
  /** What kind of file: a CSV (or TSV…), an Excel workbook, a vCard file of contact cards. */
  format: 'csv' | 'xlsx' | 'vcard';
  /** For a workbook: the sheet read, and every sheet's name (the user may pick another). */
  sheet?: string;
  sheets?: string[];
  encoding: Encoding;
  /** 'bom' (read from the byte order mark), 'detected' (from the bytes) or 'chosen' (the `encoding` option). */
  encodingSource: 'bom' | 'detected' | 'chosen';
  delimiter: Delimiter;
  delimiterSource: 'sep-line' | 'sniffed' | 'chosen';
  /** The header row's cells, or null when the first row is already data. */
  header: string[] | null;
  /** 'chosen': the `header` option said whether the first row is a header; 'detected': the rows did (always for vCard). */
  headerSource: 'detected' | 'chosen';
  /** How many columns the file has (the header's count, or the widest early row without one). */
  columns: number;
  mapping: ColumnMapping;
  /** How the mapping was found: from the header's words, from the cells' content, or given as options. */
  mappingSource: { phone: 'header' | 'content' | 'chosen'; name: 'header' | 'content' | 'chosen' | 'none' };
  /** Stable key of the header set (case, accents and spacing ignored), to remember a mapping per kind of file. */
  headerSetKey: string;
}

export interface PreflightPreview extends PreflightFile {
  /** The first rows (200 by default), classified, available before the rest of the file is read. */
  rows: PreflightRow[];
}

/** The counts at the top of the preflight: one shape for main, the window and the CLI (see shared/ipc/contacts). */
export type PreflightCounts = PreflightCountsView;

/** A set-like lookup of E.164 numbers: the tag's contacts, the account's suppression list. */
export interface PhoneLookup {
  has(phone: string): boolean;
}

export interface PreflightOptions {
  /** ISO country for numbers written without +CC (Settings' country, overridable per import). */
  country: CountryCode;
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** Force "the first row is a header" (true) or "is data" (false) instead of detecting it. */
  header?: boolean;
  /** By header name (case and accents ignored) or 0-based index; several as a list or joined with "+". */
  phoneColumn?: string | number | readonly number[];
  /** The same; null: no name column. "First Name+Last Name" makes the name of both. */
  nameColumn?: string | number | readonly number[] | null;
  /** The consent column by name or index; null: none (every row counts as consenting). Absent: guessed. */
  consentColumn?: string | number | null;
  /** Numbers already in the target tag. */
  inTag?: PhoneLookup;
  /** The account's suppression (opt-out) list. */
  optedOut?: PhoneLookup;
  /** For a workbook with several sheets: the sheet to read, by name or 1-based number (absent: the one with phone numbers). */
  sheet?: string | number;
  /** How many rows the preview holds (200). */
  previewRows?: number;
  signal?: AbortSignal;
}

export interface PreflightHandlers {
  /** Called once, as soon as the first `previewRows` rows are classified (or at the end for a short file). */
  onPreview?(preview: PreflightPreview): void;
  /** Every data row in file order, classified. May return a promise to apply backpressure (e.g. a DB write). */
  onRow?(row: PreflightRow): void | Promise<void>;
}

export type PreflightOutcome = { ok: true; file: PreflightFile; counts: PreflightCounts } | { ok: false; problem: FileProblem };

/** The CLI's `relay import --dry-run --json` object. */
export interface PreflightSummary {
  encoding: Encoding;
  delimiter: Delimiter;
  rows: number;
  valid: number;
  duplicates: number;
  landlines: number;
  inTag: number;
  optedOut: number;
  noConsent: number;
  invalid: { line: number; code: InvalidCode; reason: string }[];
  contacts: { line: number; name: string; phone: string; landline?: true; others?: string[] }[];
  /** Rows left out because their consent column says no. */
  withoutConsent: { line: number; name: string; phone: string }[];
}
