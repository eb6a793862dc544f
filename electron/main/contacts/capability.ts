import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { AppFailure } from '../../../shared/errors';
import type { Capability, PickedFile, PreflightCountsView, PreflightFileView, PreflightView, RowStatus } from '../../../shared/ipc';
import { effectiveLanguage } from '../../../shared/language';
import { translator } from '../../../shared/i18n';
import type { AccountScopes } from '../account/scope';
import type { Db } from '../db';
import type { MonitorClock } from '../lib/clock';
import type { FileFilter, PlatformPieces } from '../platform';
import type { SessionService } from '../session';
import type { SettingsService } from '../settings';
import { createImportKind, createSaveTagKind } from './import-job';
import { importReportOf, importReportRows, writeReportCsv } from './import-report';
import {
  countRow,
  createPhoneReader,
  emptyCounts,
  runPreflight,
  tidyName,
  type PreflightFile,
  type PreflightOptions,
  type PreflightRow,
} from '../preflight';
import { createPreflightRowTable, rowView } from './preflight-rows';
import {
  addTagById,
  getTag,
  importJobId,
  listContacts,
  listImports,
  listTags,
  rememberedDiffers,
  rememberedMapping,
  removeContact,
  suppressionLookup,
  tagContacts,
  tagLookup,
  updateContact,
  type RememberedMapping,
} from './registry';
import { tagFieldNames } from './field-store';
import { fieldChoices } from './fields';
import { sampleCsv, writeTagCsv } from './tag-export';
import { hashedChunks, sha256 } from './source';
import type { PickedEntry, Session } from './preflight-session';
import { startImport } from './start-import';

// Contacts: the registry, the preflight the user looks at before anything is sent, and the import job.
// Files stay in main behind opaque ids; a preflight's rows live in a scratch database while the user looks.

/** The platform's pieces this capability uses (platform.ts). */
export interface ContactsDeps extends Pick<PlatformPieces, 'emit' | 'notify' | 'pickFile' | 'saveFile' | 'log'> {
  session: Pick<SessionService, 'client'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  clock: MonitorClock;
  /** Locale for the notification's words when Settings has no language. */
  locale?: string;
}

const CSV_FILTERS: FileFilter[] = [{ name: 'CSV', extensions: ['csv', 'txt', 'tsv'] }];
/** What the file picker offers: CSV, Excel workbooks and vCard contact files (all at once, or one kind). */
const CONTACT_FILTERS: FileFilter[] = [
  { name: 'Contacts (CSV, Excel, vCard)', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'vcf', 'vcard'] },
  ...CSV_FILTERS,
  { name: 'Excel', extensions: ['xlsx'] },
  { name: 'vCard', extensions: ['vcf', 'vcard'] },
];
const MAX_FILES = 20;
const MAX_PREFLIGHTS = 4;
/** A preflight nobody looked at for this long is dropped. */
const PREFLIGHT_IDLE_MS = 30 * 60_000;
const ROW_BATCH = 1_000;
const PROGRESS_MS = 250;

const STATUS_COUNT: Record<RowStatus, keyof PreflightCountsView> = {
  ready: 'ready',
  landline: 'landlines',
  invalid: 'invalid',
  duplicate: 'duplicates',
  'in-tag': 'inTag',
  'opted-out': 'optedOut',
  'no-consent': 'noConsent',
};

export function createContactsCapability(deps: ContactsDeps): Capability<'contacts'> {
  const now = () => deps.clock.now();
  const files = new Map<string, PickedEntry>();
  /** Keeps a chosen or dropped file behind an opaque id; the oldest are forgotten (and dropped copies deleted). */
  const remember = (entry: PickedEntry): PickedFile => {
    const fileId = randomUUID();
    files.set(fileId, entry);
    while (files.size > MAX_FILES) {
      const oldest = files.keys().next().value!;
      const forgotten = files.get(oldest);
      files.delete(oldest);
      if (forgotten?.temporary) rmSync(join(forgotten.path, '..'), { recursive: true, force: true });
    }
    return { fileId, name: entry.name, size: entry.size };
  };
  const sessions = new Map<string, Session>();
  let scratch: Db | null = null;
  let sweepTimer: unknown = null;

  const changed = (tagId: number | null) => deps.emit('contacts:changed', { tagId });
  const language = () => effectiveLanguage(deps.settings.get().language, deps.locale);
  const kindDeps = { client: () => deps.session.client(), now, notify: deps.notify, language, changed };
  deps.scopes.registerKind(createImportKind(kindDeps));
  deps.scopes.registerKind(createSaveTagKind(kindDeps));

  const db = (): Db => deps.scopes.current().db;
  const accountDb = (): Db | null => {
    try {
      return db();
    } catch {
      return null;
    }
  };
  const scratchDb = (): Db => (scratch ??= new Database(''));

  // ---- preflight sessions --------------------------------------------------------------------------------

  function drop(session: Session): void {
    session.controller.abort();
    session.rows.drop();
    sessions.delete(session.id);
  }

  function sweep(): void {
    sweepTimer = null;
    for (const session of [...sessions.values()]) if (now() - session.usedAt > PREFLIGHT_IDLE_MS) drop(session);
    if (sessions.size > 0) sweepTimer = deps.clock.setTimeout(sweep, PREFLIGHT_IDLE_MS);
  }

  function sessionOf(id: string): Session {
    const session = sessions.get(id);
    if (!session)
      throw new AppFailure(
        'validation',
        'This file check was closed: choose the file again.',
        'preflightId',
        undefined,
        'refusals.fileCheckClosed',
      );
    session.usedAt = now();
    return session;
  }

  function fileView(session: Session, facts: PreflightFile): PreflightFileView {
    const remembered = session.remembered;
    return {
      name: session.file.name,
      size: session.file.size,
      format: facts.format,
      ...(facts.sheet !== undefined ? { sheet: facts.sheet, sheets: facts.sheets ?? [facts.sheet] } : {}),
      encoding: facts.encoding,
      encodingSource: facts.encodingSource,
      delimiter: facts.delimiter,
      delimiterSource: facts.delimiterSource,
      header: facts.header,
      headerSource: facts.headerSource,
      columns: facts.columns,
      mapping: facts.mapping,
      fields: session.fields,
      mappingSource: remembered ? { phone: 'remembered', name: facts.mapping.name === null ? 'none' : 'remembered' } : facts.mappingSource,
      country: session.country,
    };
  }

  function view(session: Session): PreflightView {
    if (!session.facts) return { ok: false, problem: session.problem ?? { code: 'unreadable', message: 'The file could not be read.' } };
    return {
      ok: true,
      preflightId: session.id,
      state: session.state,
      file: fileView(session, session.facts),
      counts: { ...session.counts },
      tagId: session.tagId,
      problem: session.problem,
    };
  }

  function progress(session: Session): void {
    deps.emit('contacts:preflightProgress', {
      preflightId: session.id,
      state: session.state,
      counts: { ...session.counts },
      problem: session.problem,
    });
  }

  /**
   * Reads the file into the session's table. Resolves with the view as soon as the first rows are stored (or at
   * the end for a short file); the rest goes on, with progress events.
   */
  function read(session: Session, options: PreflightOptions, explicitColumns: boolean, account: Db | null): Promise<PreflightView> {
    return new Promise((answer) => {
      let answered = false;
      const reply = () => {
        if (answered) return;
        answered = true;
        answer(view(session));
      };
      let batch: PreflightRow[] = [];
      let previewed = false;
      let restartWith: RememberedMapping | null = null;
      let lastProgress = 0;
      const flush = () => {
        session.rows.add(batch);
        batch = [];
      };

      const run = async (runOptions: PreflightOptions): Promise<void> => {
        const hash = sha256();
        const outcome = await runPreflight(
          { chunks: hashedChunks(session.file.path, hash) },
          { ...runOptions, signal: session.controller.signal },
          {
            onPreview(preview) {
              const { rows: _rows, ...facts } = preview;
              session.facts = facts;
              previewed = true;
              // The user chose columns for files with this header before: use them (the guess may differ).
              const remembered = !explicitColumns && account && facts.header ? rememberedMapping(account, facts.headerSetKey) : null;
              if (remembered && rememberedDiffers(remembered, facts.mapping, facts.columns)) {
                restartWith = remembered;
                session.controller.abort();
                return;
              }
              if (remembered) session.remembered = true;
              // The fields kept last time for this header set (the ones still offered), else every column with a value.
              const kept = account && facts.header ? (remembered ?? rememberedMapping(account, facts.headerSetKey))?.kept : null;
              session.fields = fieldChoices(facts, preview.rows).map((f) => (kept ? { ...f, keep: kept.includes(f.column) } : f));
            },
            async onRow(row) {
              if (restartWith) return;
              countRow(session.counts, row);
              batch.push(row);
              if (previewed && !answered) {
                flush();
                reply();
              }
              if (batch.length < ROW_BATCH) return;
              flush();
              if (now() - lastProgress >= PROGRESS_MS) {
                lastProgress = now();
                progress(session);
              }
              // Let IPC and timers in between batches: a million rows must not freeze the window.
              await new Promise((resolve) => setImmediate(resolve));
            },
          },
        );
        flush();
        if (!outcome.ok) {
          session.problem = outcome.problem;
          session.state = 'failed';
          if (!session.facts) session.rows.drop();
          return;
        }
        session.facts = outcome.file;
        session.counts.undecodable = outcome.counts.undecodable;
        session.hash = hash.digest('hex');
        session.state = 'complete';
      };

      void (async () => {
        try {
          try {
            await run(options);
          } catch (error) {
            if (!restartWith) throw error;
          }
          if (restartWith) {
            const columns: RememberedMapping = restartWith;
            restartWith = null;
            session.controller = new AbortController();
            session.rows.clear();
            session.counts = emptyCounts();
            session.facts = null;
            session.fields = [];
            session.state = 'reading';
            session.problem = null;
            session.hash = null;
            session.remembered = true;
            batch = [];
            previewed = false;
            await run({ ...options, phoneColumn: columns.phones, nameColumn: columns.names.length > 0 ? columns.names : null });
          }
        } catch (error) {
          if (session.controller.signal.aborted) return; // closed by the user
          deps.log(`[contacts] preflight failed: ${String(error)}`);
          session.problem = {
            code: 'unreadable',
            message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}`,
          };
          session.state = 'failed';
        } finally {
          if (!sessions.has(session.id) || session.facts === null) sessions.delete(session.id);
          progress(session);
          reply();
        }
      })();
    });
  }

  /** A row corrected by the user: read like the file's numbers, checked like them, counted again. */
  function correctRow(session: Session, line: number, phoneText: string, nameText: string) {
    const row = session.rows.at(line);
    if (!row) throw new AppFailure('validation', `There is no row on line ${line} in this file.`, 'line', { line }, 'refusals.noSuchLine');
    const reading = createPhoneReader(session.country as CountryCode)(phoneText);
    if (!reading.ok) return { ok: false as const, reason: { code: reading.code, text: reading.text } };
    const was = row.corrected?.was ?? { status: row.status, reason: row.reason ?? null, phone: row.phone, name: row.name };
    const before = row.status;
    const earlier = session.rows.firstWithPhone(reading.phone, line);
    const name = tidyName(nameText);
    const corrected: PreflightRow = { ...row, phone: reading.phone, name, corrected: { phone: reading.phone, name, was } };
    delete corrected.reason;
    delete corrected.duplicateOf;
    delete corrected.landline;
    if (earlier) {
      // Another row has this number already: it stays the one imported (before or after this line).
      corrected.status = 'duplicate';
      corrected.duplicateOf = earlier.line;
    } else if (session.lookups.optedOut?.has(reading.phone)) corrected.status = 'opted-out';
    else if (before === 'no-consent') {
      corrected.status = 'no-consent';
      if (reading.landline) corrected.landline = true;
    } else if (session.lookups.inTag?.has(reading.phone)) corrected.status = 'in-tag';
    else corrected.status = reading.landline ? 'landline' : 'ready';
    session.rows.replace(corrected);
    const counts = session.counts;
    counts[STATUS_COUNT[before]]--;
    counts[STATUS_COUNT[corrected.status]]++;
    if (before === 'no-consent' && row.landline) counts.noConsentLandlines--;
    if (corrected.status === 'no-consent' && corrected.landline) counts.noConsentLandlines++;
    if (before === 'ready' || before === 'landline') counts.valid--;
    if (corrected.status === 'ready' || corrected.status === 'landline') counts.valid++;
    if (!row.corrected) counts.corrected++;
    return { ok: true as const, row: rowView(corrected), counts: { ...counts } };
  }

  // ---- the import ------------------------------------------------------------------------------------------

  /** The problem rows of a preflight's scratch table, in file order. */
  function* sessionProblems(session: Session): Generator<PreflightRow> {
    for (let after = 0; ;) {
      const page = session.rows.after(['invalid', 'duplicate', 'no-consent'], after, 1_000, true);
      if (page.length === 0) return;
      for (const { seq, row } of page) {
        after = seq;
        yield row;
      }
    }
  }

  /** Asks where, then writes the report; saved=false when the user cancelled. */
  async function saveReportAs(
    fileName: string,
    write: (path: string) => Promise<number>,
  ): Promise<{ saved: boolean; name: string | null; rows: number }> {
    if (!deps.saveFile)
      throw new AppFailure('internal', 'Saving files is not available here.', undefined, undefined, 'refusals.savingUnavailable');
    const base = fileName.replace(/\.[^.]+$/, '');
    const path = await deps.saveFile({
      title: translator(language())('screens.dialogs.saveProblems'),
      defaultName: `${base} - problems.csv`,
      filters: CSV_FILTERS,
    });
    if (!path) return { saved: false, name: null, rows: 0 };
    try {
      return { saved: true, name: basename(path), rows: await write(path) };
    } catch (error) {
      throw new AppFailure(
        'internal',
        `The report could not be saved: ${error instanceof Error ? error.message : String(error)}`,
        undefined,
        undefined,
        'refusals.reportNotSaved',
      );
    }
  }

  const importContext = {
    scopes: deps.scopes,
    client: () => deps.session.client(),
    country: () => deps.settings.get().defaultCountry,
    now,
    changed,
    drop,
    problems: sessionProblems,
  };

  function saveReport(session: Session): Promise<{ saved: boolean; name: string | null; rows: number }> {
    const facts = session.facts;
    if (session.state !== 'complete' || !facts)
      throw new AppFailure(
        'validation',
        'The report is ready once the whole file is read.',
        undefined,
        undefined,
        'refusals.reportWhenRead',
      );
    return saveReportAs(session.file.name, (path) => writeReportCsv(path, facts, sessionProblems(session)));
  }

  function saveImportReport(importId: number): Promise<{ saved: boolean; name: string | null; rows: number }> {
    const account = db();
    const record = importJobId(account, importId);
    if (!record)
      throw new AppFailure('validation', 'This import is no longer in the history.', 'importId', undefined, 'refusals.importGone');
    const kept = importReportOf(account, record.jobId);
    if (!kept)
      throw new AppFailure(
        'validation',
        `The report of ${record.fileName} was not kept (only the newest imports keep theirs).`,
        'importId',
        { name: record.fileName },
        'refusals.reportNotKept',
      );
    return saveReportAs(record.fileName, (path) => writeReportCsv(path, kept.file, importReportRows(account, record.jobId)));
  }

  return {
    handlers: {
      'contacts:tags': () => listTags(db()),
      'contacts:addTag': ({ id, title }) => {
        const tag = addTagById(db(), { id, title }, now());
        changed(id);
        return tag;
      },
      'contacts:list': (query) => listContacts(db(), query),
      'contacts:updateContact': ({ tagId, phone, name, fields }) => {
        const contact = updateContact(db(), tagId, phone, name, fields);
        if (!contact)
          throw new AppFailure('validation', 'This contact is no longer in the tag.', 'phone', undefined, 'refusals.contactGone');
        changed(tagId);
        return contact;
      },
      'contacts:removeContact': ({ tagId, phone }) => {
        if (!removeContact(db(), tagId, phone))
          throw new AppFailure('validation', 'This contact is no longer in the tag.', 'phone', undefined, 'refusals.contactGone');
        changed(tagId);
      },
      'contacts:exportTag': async ({ tagId }) => {
        const account = db();
        const tag = getTag(account, tagId);
        if (!tag) throw new AppFailure('validation', 'This tag is no longer in Relay Desk.', 'tagId', undefined, 'refusals.tagGone');
        if (!deps.saveFile)
          throw new AppFailure('internal', 'Saving files is not available here.', undefined, undefined, 'refusals.savingUnavailable');
        const path = await deps.saveFile({
          title: 'Save the contacts of the tag',
          defaultName: `${tag.title.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'contacts'}.csv`,
          filters: CSV_FILTERS,
        });
        if (!path) return { saved: false, name: null, rows: 0 };
        const rows = await writeTagCsv(path, tagContacts(account, tagId), tagFieldNames(account, [tagId]));
        return { saved: true, name: basename(path), rows };
      },
      'contacts:saveSample': async () => {
        if (!deps.saveFile)
          throw new AppFailure('internal', 'Saving files is not available here.', undefined, undefined, 'refusals.savingUnavailable');
        const path = await deps.saveFile({
          title: 'Save a sample contacts file',
          defaultName: 'contacts-sample.csv',
          filters: CSV_FILTERS,
        });
        if (!path) return { saved: false, name: null };
        await writeFile(path, sampleCsv(language()));
        return { saved: true, name: basename(path) };
      },

      'contacts:pickFile': async (): Promise<PickedFile | null> => {
        if (!deps.pickFile)
          throw new AppFailure('internal', 'Choosing files is not available here.', undefined, undefined, 'refusals.choosingUnavailable');
        const path = await deps.pickFile({ title: translator(language())('screens.dialogs.openContacts'), filters: CONTACT_FILTERS });
        if (!path) return null;
        let size: number;
        try {
          size = (await stat(path)).size;
        } catch {
          throw new AppFailure(
            'validation',
            'The file could not be read: choose it again.',
            undefined,
            undefined,
            'refusals.fileUnreadable',
          );
        }
        return remember({ path, name: basename(path), size });
      },

      'contacts:dropFile': async ({ name, data }): Promise<PickedFile> => {
        const bytes = Buffer.from(data, 'base64');
        if (bytes.length === 0)
          throw new AppFailure('validation', 'The dropped file is empty.', 'data', undefined, 'refusals.droppedEmpty');
        // Only the file's own name, never a path the renderer made up.
        const safeName =
          basename(name.replace(/\\/g, '/'))
            .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
            .slice(0, 120) || 'dropped.csv';
        const dir = join(tmpdir(), 'relay-desk-drops', randomUUID());
        await mkdir(dir, { recursive: true });
        const path = join(dir, safeName);
        await writeFile(path, bytes, { mode: 0o600 });
        return remember({ path, name: safeName, size: bytes.length, temporary: true });
      },

      'contacts:preflight': async (input) => {
        const file = files.get(input.fileId);
        if (!file) throw new AppFailure('validation', 'Choose the file again.', 'fileId', undefined, 'refusals.pickFileAgain');
        const account = accountDb();
        const country = input.country ?? deps.settings.get().defaultCountry;
        const tagId = input.tagId ?? null;
        const optedOut = account ? suppressionLookup(account) : null;
        const options: PreflightOptions = {
          country: country as CountryCode,
          ...(input.encoding ? { encoding: input.encoding } : {}),
          ...(input.delimiter ? { delimiter: input.delimiter } : {}),
          ...(input.header !== undefined ? { header: input.header } : {}),
          ...(input.phoneColumn !== undefined ? { phoneColumn: input.phoneColumn } : {}),
          ...(input.nameColumn !== undefined ? { nameColumn: input.nameColumn } : {}),
          ...(input.consentColumn !== undefined ? { consentColumn: input.consentColumn } : {}),
          ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
          ...(account && tagId !== null ? { inTag: tagLookup(account, tagId) } : {}),
          ...(optedOut ? { optedOut } : {}),
        };
        // The oldest preflights make room (each holds a table).
        while (sessions.size >= MAX_PREFLIGHTS) drop([...sessions.values()].sort((a, b) => a.usedAt - b.usedAt)[0]!);
        const session: Session = {
          id: randomUUID(),
          file,
          state: 'reading',
          facts: null,
          fields: [],
          remembered: false,
          country,
          tagId,
          counts: emptyCounts(),
          problem: null,
          hash: null,
          lookups: { ...(options.inTag ? { inTag: options.inTag } : {}), ...(options.optedOut ? { optedOut: options.optedOut } : {}) },
          rows: createPreflightRowTable(scratchDb()),
          controller: new AbortController(),
          usedAt: now(),
        };
        sessions.set(session.id, session);
        sweepTimer ??= deps.clock.setTimeout(sweep, PREFLIGHT_IDLE_MS);
        return read(session, options, input.phoneColumn !== undefined || input.nameColumn !== undefined, account);
      },
      'contacts:preflightStatus': ({ preflightId }) => view(sessionOf(preflightId)),
      'contacts:preflightRows': ({ preflightId, status, offset, limit }) => {
        const session = sessionOf(preflightId);
        const total = status ? session.counts[STATUS_COUNT[status]] : session.counts.rows;
        return { rows: session.rows.page({ status, offset, limit }), total };
      },
      'contacts:correctRow': ({ preflightId, line, phone, name }) => {
        const session = sessionOf(preflightId);
        if (session.state !== 'complete')
          throw new AppFailure(
            'validation',
            'Rows can be corrected once the whole file is read.',
            undefined,
            undefined,
            'refusals.correctWhenRead',
          );
        const outcome = correctRow(session, line, phone, name);
        if (outcome.ok) progress(session);
        return outcome;
      },
      'contacts:saveProblemReport': ({ preflightId }) => saveReport(sessionOf(preflightId)),
      'contacts:saveImportReport': ({ importId }) => saveImportReport(importId),
      'contacts:closePreflight': ({ preflightId }) => {
        const session = sessions.get(preflightId);
        if (session) drop(session);
      },
      'contacts:import': ({ preflightId, target, includeLandlines, includeNoConsent, keepFields }) =>
        startImport(importContext, sessionOf(preflightId), target, includeLandlines, includeNoConsent, keepFields),
      'contacts:imports': (input) => listImports(db(), input?.limit ?? 100),
    },
    dispose() {
      for (const session of [...sessions.values()]) drop(session);
      for (const entry of files.values()) if (entry.temporary) rmSync(join(entry.path, '..'), { recursive: true, force: true });
      files.clear();
      if (sweepTimer !== null) deps.clock.clearTimeout(sweepTimer);
      scratch?.close();
      scratch = null;
    },
  };
}
