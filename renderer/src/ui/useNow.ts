import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `stepMs`: the one clock the screens read, so "synced 2 minutes ago",
 * "this time has passed" and a stall's minutes stay true without asking main again.
 */
export function useNow(stepMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), stepMs);
    return () => clearInterval(timer);
  }, [stepMs]);
  return now;
}
