import type { TFunction } from 'i18next';
import { jobsEn, type KindName } from './en/jobs';

// A job's title in words (main and the renderer show the same).

const KNOWN = new Set<string>(
  Object.entries(jobsEn.kinds).flatMap(([group, kinds]) => Object.keys(kinds).map((name) => `${group}.${name}`)),
);

/** A job's title in the user's language: by its kind when the catalogue words it, else the title main stored. */
export function jobTitle(t: TFunction, job: { kind: string; title: string }): string {
  return KNOWN.has(job.kind) ? t(`jobs.kinds.${job.kind as KindName}`, { title: job.title }) : job.title;
}
