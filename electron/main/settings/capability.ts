import type { Capability } from '../../../shared/ipc';
import type { SettingsService } from './settings-service';

export function createSettingsCapability(settings: SettingsService): Capability<'settings'> {
  return {
    handlers: {
      'settings:get': () => settings.getView(),
      'settings:update': (patch) => settings.update(patch),
    },
  };
}
