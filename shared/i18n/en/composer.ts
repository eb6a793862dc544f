// Words of the composers' steps (issue 23): the step indicator, Back / Next, each step's heading, why a step
// cannot go on yet, and the Send screen's confirmation. English and Português do Brasil, same keys.
// English. The Portuguese words are in ../pt-BR/composer.ts, with the same keys.

export type ComposerWords = typeof composerEn;

export const composerEn = {
  steps: {
    label: 'Steps',
    recipients: 'Recipients',
    message: 'Message',
    when: 'When and phones',
    review: 'Review',
    position: 'Step {{n}} of {{total}}',
  },
  back: 'Back',
  next: 'Next',
  toReview: 'Review',
  disabled: {
    noTitle: 'Give it a title first.',
    noMessageOrImage: 'Write the message or choose an image first.',
    checkingImage: 'The image is still being prepared.',
    noTestNumber: 'Type the number that gets the test.',
  },
  noTags: 'No tags yet.',
  noTagsLink: 'Import contacts first',
  campaign: {
    recipients: 'Who receives this campaign?',
    message: 'What does it say?',
    when: 'When, and from which phones?',
  },
  newsletter: {
    recipients: 'Which tags receive this newsletter?',
    message: 'What does it say?',
    when: 'When, and from which phone?',
  },
  send: {
    composeTitle: 'Who gets it and what it says',
    title: 'Send this message?',
    to_one: 'To {{count}} number: {{numbers}}',
    to_other: 'To {{count}} numbers: {{numbers}}',
    more_one: '… and {{count}} more',
    more_other: '… and {{count}} more',
    optedOut_one: 'Left out, {{count}} opted out: {{numbers}}',
    optedOut_other: 'Left out, {{count}} opted out: {{numbers}}',
    from: 'From: {{phone}} · {{channel}}',
    urgent: 'Urgent: goes ahead of the phone’s queue',
    segments_one: '{{count}} SMS per number',
    segments_other: '{{count}} SMS per number',
    segmentsTotal_one: '{{count}} SMS in all',
    segmentsTotal_other: '{{count}} SMS in all',
    whatsApp: 'On WhatsApp: no SMS count',
    image: 'Image: {{name}} · {{size}}',
    textFirst: 'The text goes as its own message right before the image.',
    noText: 'No text: only the image.',
  },
};
