// The inbox's public module (its tables: inbox_state, inbox_conversations): what messages, campaign results, the
// CLI and the composition root ask.
// The composition root: the capability and the tray's line about unread replies.
export { createInboxCapability } from './capability';
export { trayReplies } from './replies';
// Messages' mirror: the conversation summaries move on in the same transaction as each inserted batch.
export { buildDigitsIndexAndSettle, ConversationUpkeep, type InsertedMessage } from './upkeep';
// … and builds the number's index a big first sync left out (messages/indexes.ts).
export { CREATE_MESSAGES_BY_DIGITS } from './schema';
// Campaign results: the replies that came from a send's recipients.
export { repliesFrom, type ReplyFrom } from './replies-from';
// The CLI's `relay inbox`.
export { conversationKey, listConversations } from './conversations';
export { markReplyOptOuts, startInbox } from './replies';
export { sendReply } from './reply';
