// Single sends' public module (its table: single_sends): what the inbox, messages, campaigns' watch, the CLI and
// the composition root ask.
// The composition root: the capability.
export { createSendingCapability } from './capability';
// The inbox's replies and the CLI's `relay send`: one journaled addsms path.
export { sendSingle, type SingleImage } from './singles';
export { megabytes, sniffImage } from './images';
// The inbox (a thread's own sends and which messages they are), messages (which are test sends) and campaigns' watch
// (settling lost replies).
export { singleView, singleSendCustomerIds, testSendCustomerIds, settleSingles } from './singles';
