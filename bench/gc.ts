import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A gc() even without --expose-gc, so figures compare live objects (heap) or work (time), not garbage. */
export function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => {
    gc?.();
    gc?.();
  };
}
