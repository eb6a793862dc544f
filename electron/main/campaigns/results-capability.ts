import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Language } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { Capability, SendRef, SendResults } from '../../../shared/ipc';
import { effectiveLanguage } from '../../../shared/language';
import type { AccountScopes } from '../account/scope';
import type { Db } from '../db';
import { resultsPdfRequest, withPdfExtension } from '../desktop';
import type { MonitorClock } from '../lib/clock';
import { mirrorStatus } from '../messages';
import type { PlatformPieces } from '../platform';
import type { SettingsService } from '../settings';
import { campaignResults, newsletterResults } from './results';
import { effectiveTimeZone } from '../../../shared/time-zone';

// The results page's channels: the figures (./results.ts) and "Save as PDF" (the window printed by the
// platform's printToPdf, saved where the user chose; the dialog's words from ../desktop/pdf.ts).

export interface ResultsDeps extends Pick<PlatformPieces, 'saveFile' | 'printToPdf'> {
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  clock: MonitorClock;
  locale?: string;
}

/** The figures of one send, as of now. */
export function sendResults(db: Db, ref: SendRef, now: number): SendResults {
  const context = { now, historySyncedAt: mirrorStatus(db).lastSyncAt };
  return ref.kind === 'campaign' ? campaignResults(db, ref.id, context) : newsletterResults(db, ref.id, context);
}

export function createResultsCapability(deps: ResultsDeps): Capability<'results'> {
  const db = () => deps.scopes.current().db;
  const language = (): Language =>
    effectiveLanguage(deps.settings.get().language, deps.locale ?? Intl.DateTimeFormat().resolvedOptions().locale);
  const zone = () => effectiveTimeZone(deps.settings.get().timeZone);
  return {
    handlers: {
      'results:get': (ref) => sendResults(db(), ref, deps.clock.now()),
      'results:savePdf': async (ref) => {
        const results = sendResults(db(), ref, deps.clock.now());
        if (!deps.saveFile || !deps.printToPdf)
          throw new AppFailure(
            'internal',
            'Saving as PDF is not available here: use Print instead.',
            undefined,
            undefined,
            'refusals.pdfUnavailable',
          );
        const request = resultsPdfRequest({
          language: language(),
          kind: ref.kind,
          id: ref.id,
          title: results.title,
          at: results.sentFrom ?? results.createdAt,
          timeZone: zone(),
        });
        const chosen = await deps.saveFile(request);
        if (chosen === null) return { saved: false, name: null };
        const path = withPdfExtension(chosen);
        await writeFile(path, await deps.printToPdf());
        return { saved: true, name: basename(path) };
      },
    },
  };
}
