import { z } from 'zod';

// The Contacts screen's URL state, so a reload (or the window coming back) lands on the same view:
// which tag is open and what was searched; in the import flow, the picked file, its preflight, the
// preview's status filter and the running job.

/** The import's numbered steps: file → columns → problem rows → tag and import. */
export const IMPORT_STEPS = ['file', 'columns', 'rows', 'tag'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

export const STATUS_FILTERS = ['all', 'ready', 'landline', 'invalid', 'duplicate', 'in-tag', 'opted-out', 'no-consent'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const contactsParams = z.object({
  view: z.enum(['registry', 'import']).default('registry'),
  tag: z.coerce.number().int().positive().optional(),
  q: z.string().max(100).default(''),
  file: z.string().min(1).max(64).optional(),
  preflight: z.string().min(1).max(64).optional(),
  show: z.enum(STATUS_FILTERS).default('all'),
  /** The import step shown (absent: the columns once a file is read, else the file). */
  step: z.enum(IMPORT_STEPS).optional(),
  job: z.coerce.number().int().positive().optional(),
});
export type ContactsParams = z.output<typeof contactsParams>;
export type SetContactsParams = (patch: Partial<z.input<typeof contactsParams>>) => void;

/** The contact import job (main's `contacts.import`; the tag's own `contacts.saveTag` job runs before it). */
export const isImportJob = (kind: string) => kind === 'contacts.import';
