export {
  configureLog,
  lastLogLines,
  logFilePath,
  logger,
  splitScope,
  LOG_MAX_BYTES,
  type LogLevel,
  type LogOptions,
  type ScopedLog,
} from './logger';
export { redact, redactValue } from './redact';
export { defaultLogsDir } from './logs-dir';
