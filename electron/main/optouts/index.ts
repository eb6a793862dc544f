// The opt-out list's public module: what other capabilities, the CLI and the composition root ask of it.
// The composition root: the capability; every sending capability takes its OptOutGuard.
export { createOptOutsCapability, type OptOutGuard } from './capability';
// Sending (campaigns, newsletters, single sends, replies, imports) and the CLI: the check made before anything leaves.
export { optOutsBeforeSending, syncOptOuts } from './sync';
export { refreshOptOutsMidRun } from './mid-run';
// Whoever builds a recipient list (campaigns, newsletters, contacts, the inbox): the list itself, by digits.
export { addSuppressed, suppressionLookup, suppressionLookupIfKept } from './store';
// Campaigns, newsletters and single sends: the people left out, as the screens show them.
export { LEFT_OUT_SAMPLE, leaveOut, optedOutViews, checkRecipients } from './views';
// The inbox and campaign results: whether a reply is a STOP, and the number it came from.
export { detectOptOut } from './detect';
export { senderE164 } from './sender-number';
