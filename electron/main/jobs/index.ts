// Durable jobs: long work (imports, campaigns, history syncs, exports) that survives a reload, a quit or a
// crash without losing or doubling anything.
//
// A capability registers a kind, then starts jobs of it:
//
//   const importContacts = defineJobKind<{ tagId: number; rows: Row[] }, Row>({
//     kind: 'contacts.import',
//     writes: true,                                        // never resumes by itself after a stop
//     *plan(input) { for (const row of input.rows) yield { key: row.phone, payload: row }; },
//     async run(step, ctx) {                               // its intent is already committed
//       const { contactId } = await gateway.saveContact({ tagId: ctx.input.tagId, phone: step.payload.phone });
//       return { contactId };                              // kept with the step
//     },
//     finish: ({ counts }) => ({ imported: counts.done, refused: counts.failed }),
//   });
//   runner.register(importContacts);
//   const job = await runner.start('contacts.import', input, { title: 'Import shop.csv', dedupeKey: fileHash });
export { createJobRunner } from './runner';
export { JOB_DEFAULTS } from './api';
export type { JobRunner, JobRunnerOptions, StartOptions, StepsQuery } from './api';
export { defineJobKind } from './types';
export type { FinishContext, FinishedStep, JobKind, JobStep, Settled, StepContext, StepPlan } from './types';
export { classifyStepError } from './outcome';
export type { StepVerdict } from './outcome';
export { stopOnSignals } from './graceful';
