import { useEffect } from 'react';
import type { Settings } from '../../shared/settings';
import { useInvoke } from './api/hooks';

// The theme chosen in Settings on <html data-theme>; theme.css does the rest ('system' follows the computer).
export function applyTheme(theme: Settings['desktop']['theme']): void {
  document.documentElement.dataset['theme'] = theme;
}

/** Follows Settings → Theme whoever changes it (this window, or main's settings:changed). */
export function useThemeFromSettings(): void {
  const theme = useInvoke('settings:get').data?.settings.desktop.theme ?? 'system';
  useEffect(() => applyTheme(theme), [theme]);
}
