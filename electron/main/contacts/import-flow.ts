import { AppFailure } from '../../../shared/errors';
import type { JobView } from '../../../shared/jobs';
import type { Db } from '../db';
import type { JobRunner } from '../jobs';
import { SAVE_TAG_KIND, savedTagId } from './import-job';
import { getTag, saveTag } from './registry';

// What the window and `relay import` share around the jobs: the keys that make a re-run resume instead of
// starting again, and the new tag created exactly once.

/** The same file (by content) into the same tag is the same import: starting it again resumes it. */
export const importKey = (hash: string, tagId: number): string => `${hash}:${tagId}`;

/** The savetag for "this file into a new tag of this title": at most once. */
export const newTagKey = (hash: string, title: string): string => `${hash}:new:${title.trim().toLowerCase()}`;

/** The tag a finished savetag job with this key created, if any (a done job is never started again). */
export function tagCreatedFor(db: Db, key: string): number | null {
  const row = db
    .prepare(`SELECT summary FROM jobs WHERE kind = ? AND dedupe_key = ? AND state = 'done' ORDER BY id DESC LIMIT 1`)
    .get(SAVE_TAG_KIND, key) as { summary: string | null } | undefined;
  return row?.summary ? savedTagId(JSON.parse(row.summary)) : null;
}

/** A tag id typed by the user: the registry's, or recorded now as created elsewhere. */
export function knownTag(db: Db, id: number, now: number): { id: number; title: string } {
  const tag = getTag(db, id) ?? saveTag(db, { id, title: `Tag ${id}`, createdHere: false }, now);
  return { id: tag.id, title: tag.title };
}

/** What a savetag job that did not end done means for the user. */
export function tagJobProblem(view: JobView, title: string): AppFailure {
  switch (view.state) {
    case 'needs-attention':
      return new AppFailure(
        'unknown-outcome',
        `Creating the tag "${title}" got no answer: it may or may not exist. On the Contacts screen, under Import history, send it again or leave it out; or import into an existing tag.`,
        undefined,
        { title },
        'refusals.tagUnknown',
      );
    case 'failed':
      return new AppFailure(
        'gateway-refused',
        `The tag "${title}" could not be created: ${view.error ?? 'the gateway refused it.'}`,
        undefined,
        { title, reason: view.error ?? '' },
        'refusals.tagRefused',
      );
    case 'interrupted':
    case 'paused':
    case 'cancelled':
      return new AppFailure(
        'internal',
        `The tag "${title}" was not created: ${view.error ?? 'stopped before it finished.'}`,
        undefined,
        { title },
        'refusals.tagStopped',
      );
    default:
      return new AppFailure(
        'network',
        `The tag "${title}" is not created yet (the gateway is not answering). Import again once it is back.`,
        undefined,
        { title },
        'refusals.tagNotYet',
      );
  }
}

/**
 * The new tag's id: the one this file's earlier run created, else a savetag job (resumed if one is unfinished)
 * awaited up to `waitMs`. Throws what the user should know when it did not end done.
 */
export async function ensureNewTag(
  runner: JobRunner,
  db: Db,
  options: { hash: string; title: string; now: number; waitMs: number },
): Promise<{ id: number; title: string }> {
  const title = options.title.trim();
  const key = newTagKey(options.hash, title);
  const earlier = tagCreatedFor(db, key);
  if (earlier !== null) return { id: earlier, title: getTag(db, earlier)?.title ?? title };
  let job = await runner.start(SAVE_TAG_KIND, { title }, { title: `Create the tag ${title}`, dedupeKey: key });
  if (job.state === 'interrupted' || job.state === 'paused') job = runner.resume(job.id);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([runner.idle(job.id), new Promise<void>((resolve) => (timer = setTimeout(resolve, options.waitMs)))]);
  clearTimeout(timer);
  const view = runner.get(job.id) ?? job;
  const tagId = view.state === 'done' ? savedTagId(view.summary) : null;
  if (tagId === null) throw tagJobProblem(view, title);
  return { id: tagId, title };
}
