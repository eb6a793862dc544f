import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { AppFailure } from '../../../shared/errors';
import { closeDatabase, openAccountDatabase, type Db } from '../../main/db';
import type { JobKind } from '../../main/jobs';
import {
  createImportKind,
  createSaveTagKind,
  IMPORT_KIND,
  SAVE_TAG_KIND,
  savedTagId,
  type ImportInput,
  type ImportSummary,
  importKey,
  knownTag,
  newTagKey,
  tagCreatedFor,
  tagJobProblem,
  importReportRows,
  keepImportReport,
  writeReportCsv,
  findTagByTitle,
  getTag,
  rememberedDiffers,
  rememberedMapping,
  suppressionLookup,
  tagLookup,
  fieldChoices,
  keptFields,
  resolveKeepFields,
  hashedChunks,
  preflightRows,
  sha256,
} from '../../main/contacts';
import {
  preflightSummary,
  type PreflightFile,
  type PreflightOptions,
  type PreflightPreview,
  type PreflightRow,
} from '../../main/preflight';
import type { CliContext } from '../context';
import { runJobInCli } from '../jobs';
import { importableCount, isKnownCountry, type FieldChoiceView } from '../../../shared/ipc/contacts';
import { freshOptOuts } from '../opt-outs';
import { UsageError, type Command, type OptionValues } from './types';

// `relay import FILE`: the same preflight and the same durable import job as the Contacts screen. --dry-run
// sends nothing and prints the preflight; a re-run of the same file into the same tag resumes.

const USAGE =
  'relay import FILE [--tag NAME | --tag-id N] [--country CC] [--phone-column H] [--name-column "H[+H…]"] [--consent-column H|none] ' +
  '[--sheet NAME] [--keep-fields "H,H…"|all|none] [--include-landlines] [--include-no-consent] [--dry-run] [--report FILE] [--json]';

/** "3" is the fourth column by position only when no header names it "3": names first, as people type them. */
const column = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

type TagChoice = { kind: 'none' } | { kind: 'id'; id: number } | { kind: 'title'; title: string };

function tagChoice(values: OptionValues): TagChoice {
  const title = typeof values['tag'] === 'string' ? values['tag'].trim() : undefined;
  const idText = typeof values['tag-id'] === 'string' ? values['tag-id'].trim() : undefined;
  if (title !== undefined && idText !== undefined) throw new UsageError('give --tag or --tag-id, not both');
  if (title !== undefined) {
    if (title === '' || title.length > 100) throw new UsageError('--tag needs a name of 1 to 100 characters');
    return { kind: 'title', title };
  }
  if (idText !== undefined) {
    if (!/^\d{1,15}$/.test(idText) || Number(idText) < 1) throw new UsageError('--tag-id must be a positive whole number');
    return { kind: 'id', id: Number(idText) };
  }
  return { kind: 'none' };
}

/** The tag the choice names in the registry, if it is there (a title not there yet will be a new tag). */
function registryTag(db: Db | null, choice: TagChoice): { id: number; title: string } | null {
  if (!db) return null;
  if (choice.kind === 'id') return getTag(db, choice.id);
  if (choice.kind === 'title') return findTagByTitle(db, choice.title);
  return null;
}

/** Enough to name the account whose database holds the registry and the opt-outs (a dry run signs in nowhere). */
const hasCredentials = (ctx: CliContext): boolean => Boolean(ctx.io.env['RELAY_EMAIL']?.trim() || ctx.io.env['RELAY_TOKEN']?.trim());

export const importCommand: Command = {
  name: 'import',
  summary: 'Import contacts from a CSV, Excel (.xlsx) or vCard (.vcf) file into a tag (preflight with --dry-run)',
  usage: USAGE,
  options: {
    tag: { type: 'string' },
    'tag-id': { type: 'string' },
    country: { type: 'string' },
    'phone-column': { type: 'string' },
    'name-column': { type: 'string' },
    'consent-column': { type: 'string' },
    sheet: { type: 'string' },
    'keep-fields': { type: 'string' },
    'include-landlines': { type: 'boolean' },
    'include-no-consent': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    report: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx, values, positionals) {
    const path = resolve(positionals[0]!);
    const choice = tagChoice(values);
    const dryRun = values['dry-run'] === true;
    if (!dryRun && choice.kind === 'none') throw new UsageError('say which tag to import into: --tag NAME or --tag-id N');
    const countryText = typeof values['country'] === 'string' ? values['country'].trim().toUpperCase() : ctx.settings().defaultCountry;
    if (!/^[A-Z]{2}$/.test(countryText)) throw new UsageError('--country must be a two-letter country code, e.g. BR');
    if (!isKnownCountry(countryText))
      throw new UsageError(`--country ${countryText} is not a country code: use two letters such as BR, PT or US`);
    const phoneColumn = column(values['phone-column']);
    // "First Name+Last Name": the name made of several columns.
    const nameColumn = column(values['name-column']);
    // A column saying whether each person accepts SMS marketing ("none": the file has none, leave no row out).
    const consentText = column(values['consent-column']);
    const consentColumn = consentText === undefined ? undefined : /^(none|nenhuma|ninguna|no)$/i.test(consentText) ? null : consentText;
    // The app's rules: landlines (no SMS) and rows whose consent column says no are left out unless asked for.
    // A workbook's sheet (by name, or its number: "2").
    const sheetText = column(values['sheet']);
    const sheet = sheetText === undefined ? undefined : /^\d{1,3}$/.test(sheetText) ? Number(sheetText) : sheetText;
    const include = { includeLandlines: values['include-landlines'] === true, includeNoConsent: values['include-no-consent'] === true };
    // The other columns kept as contact fields ({cidade} in campaigns to the tag): by header, all (the default:
    // every column with a value) or none.
    const keepText = values['keep-fields'];
    if (keepText !== undefined && (typeof keepText !== 'string' || keepText.trim() === ''))
      throw new UsageError('--keep-fields takes column names separated by commas ("City,Birthday"), all or none');
    // Where to write the rows left out (invalid and repeated) as a CSV, as the window's "Save the report…".
    const reportPath = typeof values['report'] === 'string' && values['report'].trim() !== '' ? resolve(values['report'].trim()) : null;
    if (values['report'] !== undefined && reportPath === null) throw new UsageError('--report needs a file name');

    // The registry (tags, remembered columns, opt-outs) whenever the account is known: a dry run without a tag
    // still counts opted-out numbers as such. Without credentials a dry run goes on and says opt-outs were not checked.
    let db: Db | null = null;
    if (!dryRun || hasCredentials(ctx)) {
      try {
        db = openAccountDatabase({ dataDir: ctx.options.dataDir, account: await ctx.account() });
      } catch (error) {
        if (!dryRun) throw error;
      }
    }
    try {
      const tag = registryTag(db, choice);
      const options: PreflightOptions = {
        country: countryText as CountryCode,
        ...(phoneColumn !== undefined ? { phoneColumn } : {}),
        ...(nameColumn !== undefined ? { nameColumn } : {}),
        ...(consentColumn !== undefined ? { consentColumn } : {}),
        ...(sheet !== undefined ? { sheet } : {}),
        ...(db && tag ? { inTag: tagLookup(db, tag.id) } : {}),
        ...(db
          ? (() => {
              const s = suppressionLookup(db);
              return s ? { optedOut: s } : {};
            })()
          : {}),
        signal: ctx.signal,
      };
      const hash = sha256();
      let readOptions = options;
      // The other columns and a sample of each, from the first rows (as the window's mapping step shows them).
      let choices: FieldChoiceView[] = [];
      const onPreview = (preview: PreflightPreview) => {
        choices = fieldChoices(preview, preview.rows);
      };
      let result = await preflightSummary({ chunks: hashedChunks(path, hash) }, options, { onPreview }).catch((error: unknown) => {
        if (ctx.signal.aborted) return null;
        throw error;
      });
      if (!result) return stoppedExit(ctx);
      // Columns chosen in the window for files with this header are used here too, unless given.
      const remembered = result.ok && db && result.file.header ? rememberedMapping(db, result.file.headerSetKey) : null;
      if (
        result.ok &&
        remembered &&
        phoneColumn === undefined &&
        nameColumn === undefined &&
        rememberedDiffers(remembered, result.file.mapping, result.file.columns)
      ) {
        readOptions = { ...options, phoneColumn: remembered.phones, nameColumn: remembered.names.length > 0 ? remembered.names : null };
        result = await preflightSummary({ path }, readOptions, { onPreview });
      }
      if (!result.ok)
        throw new AppFailure(
          'validation',
          `${basename(path)}: ${result.problem.message}`,
          undefined,
          undefined,
          `contacts.fileProblems.${result.problem.code}`,
        );
      const { summary, file, counts } = result;
      let keep = remembered?.kept ?? choices.filter((c) => c.keep).map((c) => c.column);
      if (typeof keepText === 'string') {
        const resolved = resolveKeepFields(keepText, choices);
        if ('unknown' in resolved) {
          const offered = choices.map((c) => `"${c.header}"`).join(', ') || 'none';
          throw new UsageError(
            `--keep-fields: no column ${resolved.unknown.map((u) => `"${u}"`).join(', ')} besides the phone, name and consent columns; the others are ${offered}`,
          );
        }
        keep = resolved.columns;
      }
      const fields = keptFields(choices, keep);
      // The report's rows, read again as a stream (a million-row file's problems are not held here).
      const problems = () => preflightRows({ path }, readOptions);
      const reportRows = counts.invalid + counts.duplicates + counts.noConsent + counts.otherNumbers;

      if (dryRun) {
        if (reportPath) await writeReport(reportPath, file, problems());
        if (ctx.options.json) {
          const { inTag, optedOut, invalid, contacts, withoutConsent, ...rest } = summary;
          const header = file.header;
          const named = (columns: readonly number[]) => columns.map((c) => header?.[c] ?? `column ${c + 1}`);
          const json = {
            ...rest,
            format: file.format,
            ...(file.sheet !== undefined ? { sheet: file.sheet, sheets: file.sheets } : {}),
            columns: {
              phone: named(file.mapping.phones),
              name: named(file.mapping.names),
              consent: file.mapping.consent ? named([file.mapping.consent.column])[0] : null,
            },
            // Kept as contact fields: {key} in a campaign to the tag.
            fields: fields.map(({ header, key }) => ({ header, key, sample: choices.find((c) => c.key === key)?.sample ?? '' })),
            // What would be imported with these options (landlines and refused consent only when asked for).
            contacts: contacts.filter((c) => include.includeLandlines || !c.landline).map(({ landline: _landline, ...c }) => c),
            leftOut: {
              landlines: include.includeLandlines ? [] : contacts.filter((c) => c.landline).map(({ landline: _landline, ...c }) => c),
              noConsent: include.includeNoConsent ? [] : withoutConsent,
            },
            ...(include.includeNoConsent ? { noConsentIncluded: withoutConsent } : {}),
            invalid: invalid.map(({ line, code, reason }) => ({ line, code, reason })),
            ...(tag ? { inTag } : {}),
            optOutsChecked: db !== null,
            ...(db ? { optedOut } : {}),
            report: { rows: reportRows, file: reportPath },
          };
          ctx.io.stdout.write(`${JSON.stringify(json)}\n`);
        } else {
          const lines = [
            `${basename(path)}: ${file.encoding}, delimiter ${JSON.stringify(file.delimiter)}, ${counts.rows} rows`,
            `  ${importableCount(counts, include)} to import, ` +
              `${counts.landlines} landlines ${include.includeLandlines ? 'included' : 'left out (--include-landlines to import them)'}, ` +
              `${counts.duplicates} duplicates, ${counts.invalid} invalid` +
              (tag ? `, ${counts.inTag} already in ${tag.title}` : '') +
              (counts.optedOut ? `, ${counts.optedOut} opted out` : '') +
              (counts.noConsent
                ? `, ${counts.noConsent} without SMS consent ${include.includeNoConsent ? 'included' : 'left out (--include-no-consent to import them)'}`
                : ''),
            ...(counts.otherNumbers
              ? [`  ${counts.otherNumbers} rows have more than one number: the mobile one is imported, the others are in the report`]
              : []),
            `  Fields kept: ${fields.length > 0 ? fields.map((f) => `${f.header} {${f.key}}`).join(', ') : 'none'}` +
              (choices.length > fields.length ? ` (--keep-fields to choose among ${choices.map((c) => c.header).join(', ')})` : ''),
            ...(db ? [] : ['  Opt-outs were not checked: set RELAY_EMAIL (or RELAY_TOKEN) to count opted-out numbers.']),
            ...(reportPath ? [`  ${reportRows} rows left out written to ${reportPath}`] : []),
            ...summary.invalid.slice(0, 20).map((row) => `  line ${row.line}: ${row.reason}`),
            ...(summary.invalid.length > 20 ? [`  … and ${summary.invalid.length - 20} more invalid rows`] : []),
          ];
          ctx.io.stdout.write(`${lines.join('\n')}\n`);
        }
        return 0;
      }

      const account = db!;
      // The replies up to this second first: a STOP from a moment ago keeps that number out of the tag.
      await freshOptOuts(ctx, account, await ctx.gateway());
      const contentHash = hash.digest('hex');
      const kindDeps = { client: () => ctx.gateway(), now: () => Date.now() };
      const kinds = [createImportKind(kindDeps), createSaveTagKind(kindDeps)] as unknown as JobKind<never, never>[];

      // The tag: the registry's, a typed id, or a new one (savetag once: a re-run finds it by title).
      let target: { id: number; title: string };
      if (tag) target = { id: tag.id, title: tag.title };
      else if (choice.kind === 'id') target = knownTag(account, choice.id, Date.now());
      else {
        const title = (choice as { title: string }).title;
        const key = newTagKey(contentHash, title);
        const earlier = tagCreatedFor(account, key);
        if (earlier !== null) target = { id: earlier, title };
        else {
          const made = await runJobInCli(ctx, {
            kinds,
            kind: SAVE_TAG_KIND,
            input: { title },
            title: `Create the tag ${title}`,
            dedupeKey: key,
            label: 'Creating the tag',
          });
          made.close();
          if (made.stopped) return stoppedExit(ctx, made.stalled);
          const tagId = made.job.state === 'done' ? savedTagId(made.job.summary) : null;
          if (tagId === null) throw tagJobProblem(made.job, title);
          target = { id: tagId, title };
        }
      }

      const input: ImportInput = {
        file: { path, name: basename(path), size: 0, hash: contentHash },
        read: {
          country: countryText,
          encoding: file.encoding,
          delimiter: file.delimiter,
          header: file.header !== null,
          phoneColumn: file.mapping.phone,
          nameColumn: file.mapping.name,
          phoneColumns: file.mapping.phones,
          nameColumns: file.mapping.names,
          consent: file.mapping.consent,
          ...(file.sheet !== undefined ? { sheet: file.sheet } : {}),
        },
        tag: target,
        // The window's rules: landlines and refused consent only when asked for.
        ...include,
        ...(fields.length > 0 ? { fields } : {}),
        counts: {
          rows: counts.rows,
          valid: counts.valid,
          invalid: counts.invalid,
          duplicates: counts.duplicates,
          landlines: counts.landlines,
        },
      };
      input.file.size = (await stat(path)).size;
      const run = await runJobInCli(ctx, {
        kinds,
        kind: IMPORT_KIND,
        input,
        title: `Import ${basename(path)} into ${target.title}`,
        dedupeKey: importKey(contentHash, target.id),
        label: 'Importing',
      });
      let report: { rows: number; file: string | null };
      try {
        if (run.stopped) return stoppedExit(ctx, run.stalled);
        // The import keeps its report (the window's history saves it too); --report writes the kept one.
        const kept = await keepImportReport(run.db, run.job.id, file, problems(), Date.now());
        report = { rows: kept.rows, file: reportPath };
        if (reportPath) await writeReport(reportPath, file, importReportRows(run.db, run.job.id));
      } finally {
        run.close();
      }
      const job = run.job;
      const s = (job.summary ?? {}) as Partial<ImportSummary>;
      const outcome = {
        job: job.id,
        state: job.state,
        tag: target,
        imported: s.imported ?? 0,
        fields: fields.map((f) => f.key),
        alreadyInTag: s.inTag ?? 0,
        optedOut: s.optedOut ?? 0,
        failed: s.failed ?? job.failed,
        unknown: s.unknown ?? job.unknown,
        duplicates: counts.duplicates,
        invalid: counts.invalid,
        report,
      };
      if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(outcome)}\n`);
      else {
        ctx.io.stdout.write(
          `Imported ${outcome.imported} contacts into ${target.title} (tag ${target.id}); ${outcome.alreadyInTag} already there, ` +
            `${outcome.optedOut} opted out, ${outcome.failed} refused, ${counts.duplicates} duplicates and ${counts.invalid} invalid rows left out.\n` +
            (reportPath ? `The rows left out are in ${reportPath}.\n` : ''),
        );
      }
      if (job.state === 'needs-attention') {
        ctx.io.stderr.write(
          `relay import: ${outcome.unknown} contacts got no answer and may or may not be in the tag; they are not sent again by themselves. In Relay Desk, open Contacts: under Import history this import says "Needs your attention"; open it to send them again or leave them out.\n`,
        );
        return 1;
      }
      if (job.state !== 'done') {
        ctx.io.stderr.write(`relay import: ${job.error ?? `the import ended ${job.state}.`}\n`);
        return 1;
      }
      return 0;
    } finally {
      if (db) closeDatabase(db);
    }
  },
};

/** Stopped by a signal, or by a stall (then its reason comes first: "no progress for 120 s: is the gateway reachable?…"). */
/** The report CSV at a path the user typed: a failure says which file and why. */
async function writeReport(path: string, file: PreflightFile, rows: AsyncIterable<PreflightRow> | Iterable<PreflightRow>): Promise<number> {
  try {
    return await writeReportCsv(path, file, rows);
  } catch (error) {
    throw new AppFailure(
      'validation',
      `The report could not be written to ${path}: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      { path },
      'refusals.reportNotWritten',
    );
  }
}

function stoppedExit(ctx: CliContext, stalled: string | null = null): number {
  if (stalled) ctx.io.stderr.write(`relay import: stopped, ${stalled} Contacts already sent are not sent again.\n`);
  else ctx.io.stderr.write('relay import: stopped. Run the same command again to carry on: contacts already sent are not sent again.\n');
  // A stall is a failure a script should see as one (1); a signal is the user's stop (130).
  return stalled ? 1 : 130;
}
