// Newsletters' public module (its table: newsletters): what campaigns' watch and results, the CLI and the root ask.
// The composition root: the capability.
export { createNewslettersCapability } from './capability';
// The CLI's `relay newsletter`: the same exactly-once create and placeholder rule as the window.
export { createNewsletter } from './create';
export { placeholderRefusal } from './rules';
export { createdFigures } from './store';
// Campaigns' watch (one read budget for every send not final yet) and send results.
export { markStallNotified, newsletterRow, saveCounts, watchedNewsletters } from './store';
export { newsletterCounts, newsletterFinal, newsletterWatch } from './watch';
