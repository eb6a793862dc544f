import type { TFunction } from 'i18next';

// Words for a job by its kind. Main stores a job's title in English when it starts it (the journal is
// language-free); the window words the kinds it knows in the user's language and shows the stored title
// for any other. The keys nest on the kind's own dots: `jobs.kinds.messages.sync`. A kind whose stored title
// is the user's own words (a campaign's name) quotes it as {{title}}.

export const jobsEn = {
  kinds: {
    messages: { sync: 'Sync message history' },
    contacts: { import: 'Import contacts', saveTag: 'Create a tag' },
    campaigns: { send: 'Campaign “{{title}}”' },
  },
};

export const jobsPtBR: typeof jobsEn = {
  kinds: {
    messages: { sync: 'Sincronizar o histórico de mensagens' },
    contacts: { import: 'Importar contatos', saveTag: 'Criar uma etiqueta' },
    campaigns: { send: 'Campanha “{{title}}”' },
  },
};

type Kinds = typeof jobsEn.kinds;
type KindName = { [G in keyof Kinds]: `${G & string}.${keyof Kinds[G] & string}` }[keyof Kinds];

const KNOWN = new Set<string>(Object.entries(jobsEn.kinds).flatMap(([group, kinds]) => Object.keys(kinds).map((name) => `${group}.${name}`)));

/** A job's title in the user's language: by its kind when the catalogue words it, else the title main stored. */
export function jobTitle(t: TFunction, job: { kind: string; title: string }): string {
  return KNOWN.has(job.kind) ? t(`jobs.kinds.${job.kind as KindName}`, { title: job.title }) : job.title;
}
