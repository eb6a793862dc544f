import { z } from 'zod';
import type { JobStepView, JobView } from '../jobs';
import { defineContract, none, out } from './kit';

const jobId = z.object({ id: z.number().int().positive() });

/** Long work of every capability (imports, campaigns, syncs, exports): the window re-attaches with jobs:list. */
export const jobsContract = defineContract({
  invoke: {
    'jobs:list': { input: none, output: out<JobView[]>() },
    'jobs:pause': { input: jobId, output: out<JobView>() },
    /** Write jobs (imports, sends) resume only through this: the user's say-so. */
    'jobs:resume': { input: jobId, output: out<JobView>() },
    'jobs:cancel': { input: jobId, output: out<JobView>() },
    /** The user decides to send the steps whose outcome is unknown again (a new, recorded decision). */
    'jobs:retryUnknown': { input: jobId, output: out<JobView>() },
    /** The user settles the unknown steps as not to be sent again. */
    'jobs:dismissUnknown': { input: jobId, output: out<JobView>() },
    /** A bounded page of a job's journal in plan order, e.g. the rows that need attention. */
    'jobs:steps': {
      input: jobId.extend({
        state: z.enum(['pending', 'intent', 'done', 'failed', 'unknown']).optional(),
        /** The last `seq` already shown. */
        afterSeq: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
      output: out<JobStepView[]>(),
    },
  },
  events: {
    'jobs:changed': out<JobView>(),
  },
});
