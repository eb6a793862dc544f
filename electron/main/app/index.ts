import type { AppInfo } from '../../../shared/domain';
import type { Capability } from '../../../shared/ipc';

// What the window asks about the app itself (name, version, platform, the OS locale).
export function createAppCapability(appInfo: AppInfo): Capability<'app'> {
  return { handlers: { 'app:info': () => appInfo } };
}
