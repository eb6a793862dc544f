import { AppFailure } from '../../shared/errors';
import { tagIdByTitle } from '../main/contacts';
import type { Db } from '../main/db';

/** `--tag A,B` as tag ids (any case; the oldest tag of that title), refused in words for an unknown one. */
export function tagIdsByName(db: Db, names: readonly string[]): number[] {
  return names.map((name) => {
    const id = tagIdByTitle(db, name);
    if (id === null)
      throw new AppFailure(
        'validation',
        `No tag "${name}" in this account's registry: import contacts into it first.`,
        undefined,
        { tag: name },
        'refusals.noSuchTag',
      );
    return id;
  });
}
