// The session's public module.
// The composition root: the session capability (sign-in, sign-out, the start-up restore).
export { createSessionCapability } from './capability';
// The root, the CLI and every capability that reaches the gateway (SessionService, as a type).
export {
  createSessionService,
  isInvalidTokenError,
  SESSION_EXPIRED,
  SESSION_UNREADABLE,
  SANDBOX_NOT_RESTARTED,
  SIGNED_OUT,
  type SandboxHandle,
  type SessionService,
  type SessionServiceOptions,
  type SignInInput,
} from './session';
// The root and the CLI: where the token is kept (the OS keychain, else safeStorage).
export {
  createTokenStore,
  keychainAccount,
  loadKeytar,
  KEYCHAIN_SERVICE,
  type Keytar,
  type KeytarLoader,
  type SafeStorage,
  type SessionRecord,
  type TokenAccount,
  type TokenSaveResult,
  type TokenStore,
  type TokenStoreOptions,
} from './token-store';
