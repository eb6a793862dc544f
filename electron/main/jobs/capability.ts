import type { Capability } from '../../../shared/ipc';
import type { AccountScopes } from '../account/scope';

// The window's view of the account's jobs: re-attach after a reload (jobs:list), and the user's decisions.
export function createJobsCapability(scopes: AccountScopes): Capability<'jobs'> {
  const jobs = () => scopes.current().jobs;
  return {
    handlers: {
      'jobs:list': () => scopes.peek()?.jobs.list({ limit: 200 }) ?? [],
      'jobs:pause': ({ id }) => jobs().pause(id),
      'jobs:resume': ({ id }) => jobs().resume(id),
      'jobs:cancel': ({ id }) => jobs().cancel(id),
      'jobs:retryUnknown': ({ id }) => jobs().retryUnknown(id),
      'jobs:dismissUnknown': ({ id }) => jobs().dismissUnknown(id),
      'jobs:steps': ({ id, state, afterSeq, limit }) =>
        jobs().steps(id, { ...(state ? { state } : {}), ...(afterSeq !== undefined ? { afterSeq } : {}), limit }),
    },
  };
}
