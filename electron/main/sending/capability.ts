import { AppFailure } from '../../../shared/errors';
import type { Capability, HandlersFor } from '../../../shared/ipc';
import type { AccountScopes } from '../account/scope';
import type { MonitorClock } from '../lib/clock';
import { type OptOutGuard, checkRecipients } from '../optouts';
import type { PlatformPieces } from '../platform';
import type { SessionService } from '../session';
import { type SettingsService, dialogTitle } from '../settings';
import { createImageStore } from './images';
import { sendSingle, singleViews } from './singles';

// The single-send capability: a message to a few numbers (an image on WhatsApp with its text right before it),
// a test to oneself, and the list of what was sent. Each number gets its own customerid, journaled before the
// request leaves; the opt-out list is read up to this second first.

export interface SendingDeps extends Pick<PlatformPieces, 'pickFile'> {
  session: Pick<SessionService, 'client'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  clock: MonitorClock;
  optOuts: OptOutGuard;
  /** A send was made: pushed as sending:changed. */
  changed: (id: number) => void;
  /** The history mirror is told after sends (the new messages show sooner). */
  history?: { syncSoon(): void };
}

export function createSendingCapability(deps: SendingDeps): Capability<'sending'> {
  const images = createImageStore();
  const db = () => deps.scopes.current().db;
  const client = () => deps.session.client();
  const country = (given: string | undefined) => given ?? deps.settings.get().defaultCountry;
  const dialogWords = (key: Parameters<typeof dialogTitle>[1]) => dialogTitle(deps.settings, key);

  const handlers: HandlersFor<'sending'> = {
    'sending:test': async (input) => {
      await deps.optOuts.beforeSending();
      const [view] = await sendSingle(db(), client(), {
        to: [input.to],
        body: input.body,
        deviceId: input.deviceId,
        sim: input.sim,
        sendAt: null,
        urgent: false,
        image: null,
        test: true,
        country: country(input.country),
      });
      deps.changed(view!.id);
      return view!;
    },
    'sending:pickImage': async () => {
      if (!deps.pickFile)
        throw new AppFailure('internal', 'Picking files is not available here.', undefined, undefined, 'refusals.choosingUnavailable');
      const path = await deps.pickFile({
        title: dialogWords('screens.dialogs.openImage'),
        filters: [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif'] }],
      });
      if (path === null) return null;
      return images.fromFile(path);
    },
    'sending:putImage': ({ name, dataUrl }) => images.fromRenderer(name, dataUrl),
    'sending:send': async (input) => {
      const image = input.imageId === null ? null : images.get(input.imageId);
      if (image === undefined) throw new AppFailure('validation', 'Pick the image again.', 'imageId', undefined, 'refusals.pickImageAgain');
      await deps.optOuts.beforeSending();
      const views = await sendSingle(db(), client(), {
        to: input.to,
        body: input.body,
        deviceId: input.deviceId,
        sim: input.sim,
        sendAt: input.sendAt,
        urgent: input.urgent,
        image: image ? { data: image.data, fileName: image.fileName, mimeType: image.mimeType } : null,
        test: false,
        country: country(input.country),
      });
      for (const v of views) deps.changed(v.id);
      deps.history?.syncSoon();
      return views;
    },
    'sending:check': async ({ to, country: given }) => {
      await deps.optOuts.forPreview();
      return checkRecipients(db(), to, country(given));
    },
    'sending:list': ({ limit }) => singleViews(db(), limit),
  };
  return { handlers };
}
