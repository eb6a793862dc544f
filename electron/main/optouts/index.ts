// The opt-out list's public module: what other capabilities and the CLI ask of it.
export { createOptOutsCapability, type OptOutGuard } from './capability';
export { optOutsBeforeSending, syncOptOuts } from './sync';
export { addSuppressed, suppressionLookup } from './store';
