import { AppFailure } from '../../../shared/errors';
import { tagFields, tagMembers, tagTitle } from '../contacts';
import type { Db } from '../db';
import { leaveOut } from '../optouts';
import { phoneKey } from '../lib/phone-key';
import type { TemplateColumns } from './template';

// A campaign's recipients from one or more tags, asked of the contacts capability (which owns the tables):
// each member once (by digits, as a newsletter counts them), the opted-out left out, and the fields kept at
// import offered as placeholders beside {name} and {phone} ({cidade} ← "Cidade").

export interface TagRecipient {
  phone: string;
  name: string;
  /** Values by column: name, phone and every field of the tags (empty when this contact has none). */
  row: Record<string, string>;
  cells: string[];
  line: null;
}

export interface TagRecipients {
  columns: TemplateColumns;
  /** Field key → the header it came from ("cidade" → "Cidade"), for the composer. */
  labels: Record<string, string>;
  recipients: TagRecipient[];
  suppressed: number;
  leftOut: { phone: string; name: string }[];
  sourceName: string;
}

export function loadTagRecipients(db: Db, tagIds: readonly number[], optedOut: { has(phone: string): boolean }): TagRecipients {
  const titles = tagIds.map((tagId) => {
    const title = tagTitle(db, tagId);
    if (title === null)
      throw new AppFailure(
        'validation',
        'This tag is not in the registry: import contacts into it or add it by its id first.',
        'source',
        undefined,
        'refusals.tagNotInRegistry',
      );
    return title;
  });
  const fields = tagFields(db, tagIds);
  const recipients: TagRecipient[] = [];
  const leftOut: TagRecipients['leftOut'] = [];
  let suppressed = 0;
  const seen = new Set<string>();
  for (const tagId of tagIds) {
    for (const member of tagMembers(db, tagId)) {
      const key = phoneKey(member.phone);
      if (seen.has(key)) continue;
      seen.add(key);
      if (optedOut.has(member.phone)) {
        suppressed = leaveOut(leftOut, member, suppressed);
        continue;
      }
      const row: Record<string, string> = { name: member.name, phone: member.phone };
      for (const field of fields) row[field.key] = member.fields[field.key] ?? '';
      recipients.push({ phone: member.phone, name: member.name, row, cells: [member.name, member.phone], line: null });
    }
  }
  return {
    columns: { headers: ['name', 'phone', ...fields.map((f) => f.key)], nameColumn: 'name', phoneColumn: 'phone' },
    labels: Object.fromEntries(fields.map((f) => [f.key, f.header])),
    recipients,
    suppressed,
    leftOut,
    sourceName: titles.join(', '),
  };
}
