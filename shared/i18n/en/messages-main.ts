// Words main says about messages: desktop notifications of the live delivery monitor, the tray's line,
// the export dialog, and status names in exports. Hooked into en.ts / pt-BR.ts under `messagesMain`.
// Counted words use i18next plural keys (`_one` / `_other`).
// English. The Portuguese words are in ../pt-BR/messages-main.ts, with the same keys.

export const messagesMainEn = {
  tray: 'Today: {{sent}} sent · {{delivered}} delivered · {{failed}} failed · {{waiting}} waiting',
  failures: {
    title_one: '{{count}} message failed',
    title_other: '{{count}} messages failed',
    body_one: '{{count}} of {{finished}} messages that finished in the last {{minutes}} minutes failed. Open Messages to see why.',
    body_other: '{{count}} of {{finished}} messages that finished in the last {{minutes}} minutes failed. Open Messages to see why.',
  },
  waiting: {
    title_one: '{{count}} message is waiting too long',
    title_other: '{{count}} messages are waiting too long',
    body_one: '{{count}} message has not been sent for more than {{minutes}} minutes. Check that its phone is online.',
    body_other: '{{count}} messages have not been sent for more than {{minutes}} minutes. Check that their phones are online.',
  },
  exportTitle: 'Export messages as CSV',
  status: {
    new: 'New',
    queued: 'Queued on the phone',
    taken: 'Taken by the phone',
    incoming: 'Incoming',
    sent: 'Sent',
    delivered: 'Delivered',
    notDelivered: 'Not delivered',
    failedGeneric: 'Not sent: failure',
    failedNoService: 'Not sent: no service',
    failedNullPdu: 'Not sent: null PDU',
    failedRadioOff: 'Not sent: radio off',
    failedNotAllowedOnPhone: 'Not sent: not allowed on the phone',
    failedNotAllowed: 'Not sent: not allowed',
  },
};
