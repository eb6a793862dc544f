import { AppFailure } from '../../../shared/errors';
import type { Capability, EmitEvent, HandlersFor } from '../../../shared/ipc';
import type { AccountScopes } from '../account/scope';
import type { DeviceMonitor } from '../devices';
import type { MonitorClock } from '../lib/clock';
import type { FileFilter } from '../services';
import type { SessionService } from '../session/session';
import type { SettingsService } from '../settings/settings-service';

// The campaigns capability: newsletters, personalised bulk sends, single sends and opt-outs for the window.

export interface CampaignsDeps {
  session: Pick<SessionService, 'client' | 'get' | 'onChange'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  /** The phone monitor: which phones are online (a plan's weights) and their titles. */
  phones: Pick<DeviceMonitor, 'snapshot' | 'refresh'>;
  emit: EmitEvent;
  notify: (notification: { title: string; body: string }) => void;
  pickFile?: (options: { title: string; filters: FileFilter[] }) => Promise<string | null>;
  saveFile?: (options: { title: string; defaultName: string; filters: FileFilter[] }) => Promise<string | null>;
  clock: MonitorClock;
  log: (line: string) => void;
}

const notReady = () => {
  throw new AppFailure('internal', 'Campaigns are not ready yet.');
};

export function createCampaignsCapability(deps: CampaignsDeps): Capability<'campaigns'> {
  void deps;
  const handlers: HandlersFor<'campaigns'> = {
    'campaigns:newsletterPreview': notReady,
    'campaigns:testSend': notReady,
    'campaigns:createNewsletter': notReady,
    'campaigns:newsletters': notReady,
    'campaigns:refreshNewsletter': notReady,
    'campaigns:pickFile': notReady,
    'campaigns:preview': notReady,
    'campaigns:start': notReady,
    'campaigns:list': notReady,
    'campaigns:get': notReady,
    'campaigns:resendFailures': notReady,
    'campaigns:sendMissing': notReady,
    'campaigns:exportReport': notReady,
    'campaigns:pickImage': notReady,
    'campaigns:send': notReady,
    'campaigns:sends': notReady,
    'campaigns:suppression': notReady,
    'campaigns:suppressionAdd': notReady,
    'campaigns:suppressionRemove': notReady,
    'campaigns:syncOptOuts': notReady,
  };
  return { handlers };
}
