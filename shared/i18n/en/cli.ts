// What `relay` prints to people (it speaks English; the Portuguese keeps the catalogues' keys the same and
// serves a future --language). Names follow docs/GLOSSARY.md; every count has plural keys.
// English. The Portuguese words are in ../pt-BR/cli.ts, with the same keys.

export const cliEn = {
  optOutsAdded_one: '{{count}} new opt-out reply added to the opt-out list.',
  optOutsAdded_other: '{{count}} new opt-out replies added to the opt-out list.',
  historyWritten_one: 'Wrote {{count}} message to {{path}}.',
  historyWritten_other: 'Wrote {{count}} messages to {{path}}.',
  campaignQueued_one: 'Campaign {{id}}: {{queued}} of {{count}} recipient queued in {{chunks}} of {{total}} batches.',
  campaignQueued_other: 'Campaign {{id}}: {{queued}} of {{count}} recipients queued in {{chunks}} of {{total}} batches.',
  optedOutLeftOut_one: '{{count}} opted-out recipient left out.',
  optedOutLeftOut_other: '{{count}} opted-out recipients left out.',
  unconfirmed_one:
    '{{count}} more recipient was handed to the gateway without a recorded answer: the next run reads it back before sending anything else (nothing is sent twice).',
  unconfirmed_other:
    '{{count}} more recipients were handed to the gateway without a recorded answer: the next run reads them back before sending anything else (nothing is sent twice).',
  notFound_one: '{{count}} recipient not found on the gateway',
  notFound_other: '{{count}} recipients not found on the gateway',
  listLine_one: '{{count}} recipient, {{delivered}} delivered, {{failed}} failed',
  listLine_other: '{{count}} recipients, {{delivered}} delivered, {{failed}} failed',
  notHandedOver_one: '{{count}} message not yet handed to the gateway',
  notHandedOver_other: '{{count}} messages not yet handed to the gateway',
  sentAsCampaign_one: 'Sent as campaign {{id}} to {{count}} contact.',
  sentAsCampaign_other: 'Sent as campaign {{id}} to {{count}} contacts.',
  newsletterCreated_one: 'Newsletter {{id}} created for {{count}} contact. Press Start in the app on phone {{device}} to send it.',
  newsletterCreated_other: 'Newsletter {{id}} created for {{count}} contacts. Press Start in the app on phone {{device}} to send it.',
};
