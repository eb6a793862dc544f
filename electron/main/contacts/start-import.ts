import { AppFailure } from '../../../shared/errors';
import type { AccountScopes } from '../account/scope';
import { optOutsBeforeSending } from '../optouts';
import { keptFields } from './fields';
import { IMPORT_KIND, importRecord, type ImportInput } from './import-job';
import { ensureNewTag, importKey, knownTag } from './import-flow';
import { keepImportReport } from './import-report';
import type { PreflightRow } from '../preflight';
import type { Session } from './preflight-session';
import { recordImport, rememberMapping } from './registry';
import type { GatewayClient } from '../gateway/types';

// Starting an import from a checked file: the replies up to this second first, the tag made or found, the
// mapping remembered, the job started (its dedupe key: the file's hash and the tag), the report kept.

/** How long contacts:import waits for a new tag's savetag before telling the user. */
const TAG_WAIT_MS = 30_000;
/** Corrections carried by one import (each typed by hand in the preview). */
const MAX_CORRECTIONS = 10_000;

export interface ImportContext {
  scopes: AccountScopes;
  client: () => GatewayClient;
  country: () => string;
  now: () => number;
  changed: (tagId: number | null) => void;
  drop: (session: Session) => void;
  problems: (session: Session) => Iterable<PreflightRow>;
}

export async function startImport(
  ctx: ImportContext,
  session: Session,
  target: { tagId: number } | { newTag: string },
  includeLandlines: boolean,
  includeNoConsent: boolean,
  keepFields: number[] | undefined,
) {
  const facts = session.facts;
  if (session.state === 'reading')
    throw new AppFailure(
      'validation',
      'The file is still being checked: import once it is read to the end.',
      undefined,
      undefined,
      'refusals.fileStillReading',
    );
  if (session.state !== 'complete' || !facts || !session.hash)
    throw new AppFailure(
      'validation',
      session.problem?.message ?? 'This file cannot be imported.',
      undefined,
      undefined,
      session.problem ? `contacts.fileProblems.${session.problem.code}` : 'refusals.fileNotImportable',
    );
  const scope = ctx.scopes.current();
  const kept = keepFields ?? session.fields.filter((f) => f.keep).map((f) => f.column);
  const fields = keptFields(session.fields, kept);
  // The replies up to this second first: a STOP from a moment ago keeps that number out of the tag.
  await optOutsBeforeSending(scope.db, ctx.client(), ctx.now(), ctx.country());
  const tag =
    'tagId' in target
      ? knownTag(scope.db, target.tagId, ctx.now())
      : await ensureNewTag(scope.jobs, scope.db, { hash: session.hash, title: target.newTag, now: ctx.now(), waitMs: TAG_WAIT_MS });
  const input: ImportInput = {
    file: { path: session.file.path, name: session.file.name, size: session.file.size, hash: session.hash },
    read: {
      country: session.country,
      encoding: facts.encoding,
      delimiter: facts.delimiter,
      header: facts.header !== null,
      phoneColumn: facts.mapping.phone,
      nameColumn: facts.mapping.name,
      phoneColumns: facts.mapping.phones,
      nameColumns: facts.mapping.names,
      consent: facts.mapping.consent,
      ...(facts.sheet !== undefined ? { sheet: facts.sheet } : {}),
    },
    tag,
    includeLandlines,
    includeNoConsent,
    ...(fields.length > 0 ? { fields } : {}),
    corrections: session.rows
      .corrected(MAX_CORRECTIONS)
      .map((r) => ({ line: r.line, phone: r.phone, name: r.name, status: r.status, ...(r.landline ? { landline: true as const } : {}) })),
    counts: {
      rows: session.counts.rows,
      valid: session.counts.valid,
      invalid: session.counts.invalid,
      duplicates: session.counts.duplicates,
      landlines: session.counts.landlines,
    },
  };
  if (facts.header)
    rememberMapping(
      scope.db,
      facts.headerSetKey,
      { phones: facts.mapping.phones, names: facts.mapping.names, kept: fields.map((f) => f.column) },
      ctx.now(),
    );
  const job = await scope.jobs.start(IMPORT_KIND, input, {
    title: `Import ${session.file.name} into ${tag.title}`,
    dedupeKey: importKey(session.hash, tag.id),
  });
  // The history row and its report now: the preflight that holds the problem rows closes here.
  recordImport(scope.db, importRecord(job.id, input), ctx.now());
  await keepImportReport(scope.db, job.id, facts, ctx.problems(session), ctx.now());
  ctx.changed(tag.id);
  ctx.drop(session);
  return job;
}
