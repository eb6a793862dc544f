import { AppFailure } from '../../../shared/errors';
import type { Capability, EmitEvent } from '../../../shared/ipc';
import type { AccountScopes } from '../account/scope';
import type { MonitorClock } from '../lib/clock';
import type { FileFilter } from '../services';
import type { SessionService } from '../session/session';
import type { SettingsService } from '../settings/settings-service';

// Contacts: the registry, the preflight the user looks at, and the import job.

export interface ContactsDeps {
  session: Pick<SessionService, 'client'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  emit: EmitEvent;
  notify: (notification: { title: string; body: string }) => void;
  pickFile?: (options: { title: string; filters: FileFilter[] }) => Promise<string | null>;
  saveFile?: (options: { title: string; defaultName: string; filters: FileFilter[] }) => Promise<string | null>;
  clock: MonitorClock;
  log: (line: string) => void;
}

export function createContactsCapability(_deps: ContactsDeps): Capability<'contacts'> {
  const notReady = () => {
    throw new AppFailure('internal', 'not ready');
  };
  return {
    handlers: {
      'contacts:tags': notReady,
      'contacts:addTag': notReady,
      'contacts:list': notReady,
      'contacts:pickFile': notReady,
      'contacts:preflight': notReady,
      'contacts:preflightStatus': notReady,
      'contacts:preflightRows': notReady,
      'contacts:saveProblemReport': notReady,
      'contacts:closePreflight': notReady,
      'contacts:import': notReady,
      'contacts:imports': notReady,
    },
  };
}
