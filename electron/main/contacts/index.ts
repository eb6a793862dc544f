// The contacts' public module (tags, their members, imports): what other capabilities, the CLI and the root ask.
// The composition root: the capability.
export { createContactsCapability } from './capability';
// Campaigns and newsletters (a tag's people), the CLI (`--tag <title>`).
export { tagFields, tagIdByTitle, tagMembers, tagPeople, tagTitle } from './members';
// Campaign results, the inbox and messages (screens and exports): the names kept for these numbers.
export { contactNames } from './names';
// The CLI's `relay import`: the same import job, report and remembered mappings as the window.
export { fieldChoices, keptFields, resolveKeepFields } from './fields';
export { importKey, knownTag, newTagKey, tagCreatedFor, tagJobProblem } from './import-flow';
export {
  createImportKind,
  createSaveTagKind,
  IMPORT_KIND,
  SAVE_TAG_KIND,
  savedTagId,
  type ImportInput,
  type ImportSummary,
} from './import-job';
export { importReportRows, keepImportReport, writeReportCsv } from './import-report';
export { findTagByTitle, getTag, rememberedDiffers, rememberedMapping, suppressionLookup, tagLookup } from './registry';
export { hashedChunks, preflightRows, sha256 } from './source';
