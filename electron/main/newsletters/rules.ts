import { type AppFailure, refusal } from '../../../shared/errors';
import { unfilledPlaceholders } from '../campaigns';

// What a newsletter can say. savepaket sends one text to whole tags and fills in nothing: a {nome} would reach
// every customer as "{nome}". Such a body is refused, naming the placeholder and pointing to a personalised
// campaign to the same tags (the window offers it in one click; the CLI names `relay campaign --tag`).

/** The placeholders a newsletter body holds, as written ("{nome}", "[nome]": see ./literal-placeholders.ts), in order. */
export function newsletterPlaceholders(body: string): string[] {
  return unfilledPlaceholders(body);
}

/** The refusal for a body with placeholders, or null when it has none. `cli`: the command that sends it instead. */
export function placeholderRefusal(body: string, cli?: { tags: string[] }): AppFailure | null {
  const found = newsletterPlaceholders(body);
  if (found.length === 0) return null;
  const placeholders = found.join(', ');
  const first = found[0]!;
  if (cli) {
    return refusal(
      'newsletterPlaceholderCli',
      `A newsletter cannot fill in ${placeholders}: the gateway sends the same text to everyone, so customers would read "${first}" as written. Nothing was sent. Send it as a personalised campaign to the same tags: relay campaign --tag "${cli.tags.join(',')}" --body … --device ID.`,
      { placeholders, placeholder: first, tags: cli.tags.join(',') },
      { field: 'body' },
    );
  }
  return refusal(
    'newsletterPlaceholder',
    `A newsletter cannot fill in ${placeholders}: the gateway sends the same text to everyone, so customers would read "${first}" as written. Nothing was sent. Send it as a personalised campaign to the same tags instead.`,
    { placeholders, placeholder: first },
    { field: 'body' },
  );
}
