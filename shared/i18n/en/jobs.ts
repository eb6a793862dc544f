// Words for a job by its kind. Main stores a job's title in English when it starts it (the journal is
// language-free); the window words the kinds it knows in the user's language and shows the stored title
// for any other. The keys nest on the kind's own dots: `jobs.kinds.messages.sync`. A kind whose stored title
// is the user's own words (a campaign's name) quotes it as {{title}}.
// English. The Portuguese words are in ../pt-BR/jobs.ts, with the same keys.

type Kinds = typeof jobsEn.kinds;
/** A job kind the catalogue words, as "group.name". */
export type KindName = { [G in keyof Kinds]: `${G & string}.${keyof Kinds[G] & string}` }[keyof Kinds];

export const jobsEn = {
  kinds: {
    messages: { sync: 'Sync message history' },
    contacts: { import: 'Import contacts', saveTag: 'Create a tag' },
    campaigns: { send: 'Campaign “{{title}}”' },
  },
};
