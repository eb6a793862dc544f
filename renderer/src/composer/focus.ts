import { useEffect, useRef } from 'react';

/**
 * A step's heading that takes the focus when the step appears (review, created, a campaign opened), so keyboard
 * and screen-reader users land on the new step instead of at the top of the page.
 */
export function useFocusOnAppear<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === null || key === undefined || key === false) return;
    ref.current?.focus();
  }, [key]);
  return ref;
}
