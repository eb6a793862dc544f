import type { AppInfo } from '../../shared/domain';
import type { EmitEvent, Handlers } from '../../shared/ipc';
import { AppFailure } from '../../shared/errors';

// Composition root for the main-process services. The Electron app and the e2e harness both call
// createServices: only the platform deps (Electron's or test doubles) and the transport differ.

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface PlatformDeps {
  appInfo: AppInfo;
  dataDir: string;
  notify: (notification: { title: string; body: string }) => void;
  safeStorage: SafeStorageLike | null;
}

export interface ServiceDeps extends PlatformDeps {
  emit: EmitEvent;
  log: (line: string) => void;
}

export interface Services {
  handlers: Handlers;
  dispose(): Promise<void>;
}

const notYet = (): never => {
  throw new AppFailure('internal', 'This part of Relay Desk is not available yet.');
};

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const handlers: Handlers = {
    'app:info': () => deps.appInfo,
    'session:get': notYet,
    'session:signIn': notYet,
    'session:trySandbox': notYet,
    'session:signOut': notYet,
    'session:answerStorage': notYet,
    'settings:get': notYet,
    'settings:update': notYet,
    'gateway:health': notYet,
    'devices:snapshot': notYet,
    'devices:refresh': notYet,
  };
  return { handlers, dispose: async () => {} };
}
