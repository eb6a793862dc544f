import type { CountryCode } from 'libphonenumber-js';
import { AppFailure } from '../../../shared/errors';
import type { RecipientSource } from '../../../shared/ipc';
import { runPreflight } from '../preflight';
import type { Db } from '../db';
import { suppressionLookup, leaveOut } from '../optouts';
import { loadTagRecipients } from './tag-recipients';
import type { TemplateColumns } from './template';

// A campaign's recipients from where the user picked them: a tag's (or several tags') contacts with their kept
// fields, or a CSV through the import's preflight (same numbers, same rules), the opted-out left out and counted.

export interface RecipientDeps {
  db: () => Db;
  /** A picked CSV's path by its opaque id. */
  filePath: (fileId: string) => string;
  country: () => string;
}

export interface Recipient {
  phone: string;
  name: string;
  row: Record<string, string>;
  cells: string[];
  line: number | null;
}

export interface Loaded {
  columns: TemplateColumns;
  /** A tag's fields: key → the header it came from. */
  labels?: Record<string, string>;
  recipients: Recipient[];
  suppressed: number;
  /** The first opted-out recipients left out (the preview names them with their reply). */
  leftOut: { phone: string; name: string }[];
  skipped: { invalid: number; duplicates: number; landlines: number };
  sourceName: string;
}

export async function loadRecipients(deps: RecipientDeps, source: RecipientSource): Promise<Loaded> {
  const db = deps.db();
  const optedOut = suppressionLookup(db);
  if (source.kind === 'tag' || source.kind === 'tags') {
    const tagIds = source.kind === 'tag' ? [source.tagId] : [...new Set(source.tagIds)];
    return { ...loadTagRecipients(db, tagIds, optedOut), skipped: { invalid: 0, duplicates: 0, landlines: 0 } };
  }
  const path = deps.filePath(source.fileId);
  const recipients: Recipient[] = [];
  const leftOut: Loaded['leftOut'] = [];
  let suppressed = 0;
  let landlines = 0;
  const outcome = await runPreflight(
    { path },
    {
      country: (source.country ?? deps.country()) as CountryCode,
      optedOut,
      ...(source.phoneColumn ? { phoneColumn: source.phoneColumn } : {}),
      ...(source.nameColumn ? { nameColumn: source.nameColumn } : {}),
    },
    {
      onRow: (row) => {
        if (row.status === 'opted-out') suppressed = leaveOut(leftOut, { phone: row.phone ?? '', name: row.name }, suppressed);
        if (row.status === 'landline') landlines += 1;
        if (row.status !== 'ready' || row.phone === null) return;
        recipients.push({ phone: row.phone, name: row.name, row: {}, cells: row.cells, line: row.line });
      },
    },
  );
  if (!outcome.ok)
    throw new AppFailure('validation', outcome.problem.message, 'source', undefined, `contacts.fileProblems.${outcome.problem.code}`);
  const { file, counts } = outcome;
  // The header is known for sure only at the end (the preview comes after the first rows).
  const headers = file.header ?? Array.from({ length: file.columns }, (_, i) => `column ${i + 1}`);
  for (const r of recipients) {
    const values: Record<string, string> = {};
    headers.forEach((h, i) => (values[h] = r.cells[i] ?? ''));
    r.row = values;
  }
  return {
    columns: {
      headers,
      phoneColumn: headers[file.mapping.phone] ?? null,
      nameColumn: file.mapping.name === null ? null : (headers[file.mapping.name] ?? null),
    },
    recipients,
    suppressed,
    leftOut,
    skipped: { invalid: counts.invalid, duplicates: counts.duplicates, landlines },
    sourceName: path.split(/[\\/]/).pop() ?? 'file',
  };
}
