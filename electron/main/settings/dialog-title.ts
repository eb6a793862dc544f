import { translator, type Messages } from '../../../shared/i18n';
import { effectiveLanguage } from '../../../shared/language';
import type { SettingsService } from './settings-service';

/** A file dialog's title in the app's language (Settings', else this computer's). */
export function dialogTitle(
  settings: Pick<SettingsService, 'get'>,
  key: `screens.dialogs.${keyof Messages['screens']['dialogs']}`,
): string {
  return translator(effectiveLanguage(settings.get().language, Intl.DateTimeFormat().resolvedOptions().locale))(key);
}
