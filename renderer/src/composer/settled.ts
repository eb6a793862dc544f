import { useEffect, useState } from 'react';

/** A value that settles `delay` ms after its last change (main is not asked on every keystroke). */
export function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  // Compared by content: a new array with the same numbers is no change.
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delay]);
  return settled;
}
