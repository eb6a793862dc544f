import type { Language } from '../../../shared/domain';
import { translator } from '../../../shared/i18n';

// A window whose renderer died: the main process (the phone monitor, jobs) keeps running, and the user is
// offered Reload. A renderer killed on purpose (the app quitting) is not a crash.

export interface GoneDetails {
  reason: 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';
  exitCode: number;
}

export function isCrash(details: GoneDetails, quitting: boolean): boolean {
  return !quitting && details.reason !== 'clean-exit';
}

export function crashDialog(language: Language) {
  const t = translator(language);
  return {
    type: 'error' as const,
    title: t('desktop.crash.title'),
    message: t('desktop.crash.message'),
    detail: t('desktop.crash.detail'),
    buttons: [t('desktop.crash.reload'), t('desktop.crash.close')],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}
