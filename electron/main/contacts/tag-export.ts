import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Language } from '../../../shared/domain';
import { csvWriter } from '../../../shared/csv';
import type { ContactView, TagFieldView } from '../../../shared/ipc/contacts';

// A tag's contacts as a CSV people open in Excel (UTF-8 with a BOM, formula cells escaped by shared/csv), and a
// sample file to start a list from: the columns the import reads best, in the user's language.

/** Streams the contacts into the file, the tag's kept fields after the number; returns how many were written. */
export async function writeTagCsv(path: string, contacts: Iterable<ContactView>, fields: readonly TagFieldView[] = []): Promise<number> {
  const writer = csvWriter({ bom: true });
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let count = 0;
  try {
    // The fields under the headers they came with: importing the export again keeps them under the same names.
    await write(writer.start() + writer.row(['Name', 'Phone', 'Opted out', ...fields.map((f) => f.header)]));
    for (const contact of contacts) {
      await write(
        writer.row([contact.name, contact.phone, contact.optedOut ? 'yes' : 'no', ...fields.map((f) => contact.fields?.[f.key] ?? '')]),
      );
      count++;
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
  return count;
}

/** A sample list: a name, a mobile with its area code, a city to greet by, the SMS consent. */
export function sampleCsv(language: Language): string {
  const writer = csvWriter({ bom: true });
  const rows =
    language === 'pt-BR'
      ? [
          ['Nome', 'Sobrenome', 'Celular', 'Cidade', 'Aceita SMS'],
          ['Ana', 'Souza', '(11) 98765-4321', 'São Paulo', 'sim'],
          ['João', 'Lima', '+55 21 99876-5432', 'Rio de Janeiro', 'sim'],
        ]
      : [
          ['First Name', 'Last Name', 'Mobile', 'City', 'Accepts SMS'],
          ['Ana', 'Souza', '+55 11 98765-4321', 'São Paulo', 'yes'],
          ['John', 'Smith', '+1 212 555 0100', 'New York', 'yes'],
        ];
  return writer.start() + rows.map((row) => writer.row(row)).join('');
}
