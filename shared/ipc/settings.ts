import { settingsPatchSchema, type Settings } from '../settings';
import { defineContract, none, out } from './kit';

export interface SettingsView {
  settings: Settings;
  /**
   * Set once after a corrupt or invalid settings file was moved aside (the path it was moved to),
   * so the user is told exactly once; the renderer words the message in their language.
   */
  corruptFileMovedTo: string | null;
  /** Settings whose stored value was not valid and fell back to the default at start (told once, with the above). */
  resetFields: string[];
}

export const settingsContract = defineContract({
  invoke: {
    'settings:get': { input: none, output: out<SettingsView>() },
    'settings:update': { input: settingsPatchSchema, output: out<Settings>() },
  },
  events: {
    'settings:changed': out<Settings>(),
  },
});
