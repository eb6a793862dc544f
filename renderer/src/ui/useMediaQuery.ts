import { useCallback, useSyncExternalStore } from 'react';

// Whether a CSS media query matches now, kept current as the window resizes or zooms. Where there is no
// matchMedia (tests' DOM), nothing matches.

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches);
}
