// Words of what goes out (issue 17): newsletter placeholders, current opt-outs, WhatsApp image + text, stopping
// campaigns, the confirmation step. English and Português do Brasil, same keys.
// English. The Portuguese words are in ../pt-BR/sending.ts, with the same keys.

export type SendingWords = typeof sendingEn;

export const sendingEn = {
  placeholder: {
    asCampaign: 'Send as a personalised campaign to the same tags',
    prefilledTag: 'Tag: {{tags}}',
    prefilledTags: 'Tags: {{tags}}',
    otherTags: 'Choose other recipients',
  },
  optedOut: {
    pill: 'Opted out',
    leftOut_one: '{{count}} opted-out recipient is left out:',
    leftOut_other: '{{count}} opted-out recipients are left out:',
    more_one: '… and {{count}} more',
    more_other: '… and {{count}} more',
    replied: 'replied “{{reply}}” on {{when}}',
    repliedKeyword: 'replied {{keyword}} on {{when}}',
    byHand: 'added to the opt-out list by hand on {{when}}',
    notSent: 'will not get this message',
  },
  image: {
    textFirst: 'On WhatsApp the text goes as its own message right before the image (two messages, same phone).',
    shrunk: 'The photo was {{from}}: it was made smaller to {{to}} so it can be sent.',
    cannotShrink: 'This photo could not be made small enough to send. Choose a smaller one.',
  },
  whatsApp: {
    noCounter: 'WhatsApp has no SMS length limit: the text goes as one message.',
  },
  state: {
    finishedWithFailed_one: 'Finished with {{count}} failed',
    finishedWithFailed_other: 'Finished with {{count}} failed',
    startsAt: 'Starts {{when}}',
  },
  stop: {
    title: 'Stop this campaign',
    stoppable_one: '{{count}} message is not yet with the gateway: it can still be paused or cancelled.',
    stoppable_other: '{{count}} messages are not yet with the gateway: they can still be paused or cancelled.',
    stoppablePaused_one: '{{count}} message is not yet with the gateway: resume to send it, or cancel it.',
    stoppablePaused_other: '{{count}} messages are not yet with the gateway: resume to send them, or cancel them.',
    noneLeft: 'Every message is already with the gateway: the gateway cannot recall them, so this campaign can no longer be stopped.',
    keptHere:
      'Kept on this computer until {{when}}, then handed to the gateway. Until then it can be stopped; this computer must be on and Relay Desk running at that time.',
    handedOver: 'Handed to the gateway when it was created: it goes out even if this computer is off, and cannot be stopped.',
    paused: 'Paused: nothing more leaves until you resume it.',
    cancelled: 'Cancelled: the messages still here were never sent.',
    pause: 'Pause',
    resume: 'Resume',
    cancel: 'Cancel the rest',
    cancelTitle_one: 'Cancel the {{count}} message not yet sent?',
    cancelTitle_other: 'Cancel the {{count}} messages not yet sent?',
    cancelBody: 'They will never be sent. Messages already with the gateway go out anyway.',
    cancelConfirm: 'Yes, cancel them',
  },
  handOver: {
    legend: 'Until its time',
    gateway: 'Hand it to the gateway now: it goes out even if this computer is off, but cannot be stopped.',
    keepHere: 'Keep it here until shortly before its time: it can be stopped, but this computer must be on then.',
  },
  confirm: {
    title: 'Send this campaign?',
    who: 'To: {{who}}',
    howMany_one: '{{count}} recipient',
    howMany_other: '{{count}} recipients',
    when: 'When: {{when}}',
    now: 'When: now',
    phones: 'From: {{phones}}',
    segments_one: '{{count}} SMS in all',
    segments_other: '{{count}} SMS in all',
    optedOut_one: '{{count}} opted-out recipient left out',
    optedOut_other: '{{count}} opted-out recipients left out',
    send: 'Send now',
    schedule: 'Schedule it',
    review: 'Review and send…',
  },
};
