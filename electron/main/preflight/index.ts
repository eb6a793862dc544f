// The CSV preflight for contact imports: read a file people really have, classify every row, send nothing.
export { runPreflight, preflightSummary, type PreflightSource } from './preflight';
export { countRow, emptyCounts, tidyName } from './classify';
export { problemReport, type ProblemReport } from './report';
export { createPhoneReader, phoneParts, type PhoneReading, type PhoneReader } from './phone';
export { headerSetKey, normalizeWords } from './columns';
export * from './types';
