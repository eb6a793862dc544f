// Words of the Inbox (conversations with customers who replied): the screen, its notification and the
// tray's line. Hooked into en.ts / pt-BR.ts under `inbox`. Names follow docs/GLOSSARY.md. Counted words
// use i18next plural keys (`_one` / `_other`).
// English. The Portuguese words are in ../pt-BR/inbox.ts, with the same keys.

export const inboxEn = {
  title: 'Inbox',
  intro: 'Replies from your customers, one conversation per person. Answer from the phone they wrote to.',
  filter: { label: 'Show', all: 'All conversations', unread: 'Unread only' },
  markAllRead: 'Mark all as read',
  unreadSummary_one: '{{count}} unread reply',
  unreadSummary_other: '{{count}} unread replies',
  empty: 'No replies yet. When a customer answers one of your messages, the conversation appears here.',
  emptyUnread: 'Everything is read.',
  loadMore: 'Show older conversations',
  listLabel: 'Conversations',
  you: 'You',
  unreadBadge_one: '{{count}} unread',
  unreadBadge_other: '{{count}} unread',
  optedOut: 'Opted out',
  pickOne: 'Choose a conversation to read it.',
  thread: {
    label: 'Conversation with {{who}}',
    older: 'Show older messages',
    markUnread: 'Mark as unread',
    markRead: 'Mark as read',
    campaign: 'Campaign: {{title}}',
    newsletter: 'Newsletter: {{title}}',
    newsletterUntitled: 'Newsletter',
    single: 'Sent from Relay Desk',
    optOut: 'Opt-out: no more messages will be sent to this number',
    status: { waiting: 'Waiting', sent: 'Sent', delivered: 'Delivered', failed: 'Not delivered', incoming: 'Received' },
    pending: {
      sending: 'Sending…',
      queued: 'Queued on the phone',
      unknown: 'Not confirmed yet: check before sending again',
      refused: 'Not sent',
      invalid: 'Not sent: the number is not valid',
      suppressed: 'Not sent: this customer opted out',
    },
  },
  reply: {
    label: 'Reply',
    placeholder: 'Write your reply…',
    send: 'Send reply',
    sending: 'Sending…',
    from: 'Goes out from {{phone}}, {{channel}} — the phone this customer wrote to.',
    optedOut:
      'This customer opted out. Relay Desk does not send them messages; remove them from the opt-out list only if they ask to hear from you again.',
    noNumber: 'This sender has no phone number, so it cannot be answered.',
    sent: 'Reply queued on the phone.',
    segments_one: '{{count}} SMS',
    segments_other: '{{count}} SMS',
  },
  notify: {
    title_one: '{{count}} new reply',
    title_other: '{{count}} new replies',
    body: '{{who}}: “{{quote}}”',
    bodyOthers_one: '{{who}}: “{{quote}}” and {{count}} other customer',
    bodyOthers_other: '{{who}}: “{{quote}}” and {{count}} other customers',
  },
  tray_one: '{{count}} unread reply',
  tray_other: '{{count}} unread replies',
};
