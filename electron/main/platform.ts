import type { AppInfo } from '../../shared/domain';
import type { EmitEvent } from '../../shared/ipc';

// The platform's pieces a capability is handed by the composition root (services.ts): Electron's in the app,
// doubles in tests and the e2e harness. A leaf: it imports only shared/ types, so a capability takes what it
// needs from here and nothing in electron/main imports the composition root back.

/** A file type offered in the OS's open and save dialogs. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface PlatformPieces {
  appInfo: AppInfo;
  /** Pushes an event to the window (LiveEvents). */
  emit: EmitEvent;
  log: (line: string) => void;
  /** A desktop notification; `screen` (e.g. "/devices") is what clicking it opens. */
  notify: (notification: { title: string; body: string; screen?: string }) => void;
  /**
   * Main reads and writes files itself: the user picks one in the OS dialog (Electron's in the app, a
   * double in tests) and the renderer never receives a path it could read. null = cancelled.
   */
  pickFile?: (options: { title: string; filters: FileFilter[] }) => Promise<string | null>;
  saveFile?: (options: { title: string; defaultName: string; filters: FileFilter[] }) => Promise<string | null>;
  /** The window printed with its print stylesheet, as PDF bytes (Electron's printToPDF; absent: not offered). */
  printToPdf?: () => Promise<Uint8Array>;
  /** Hands a link main already checked against the allow-list to the system browser. */
  openExternal?: (url: string) => void | Promise<void>;
  /** The tray's tooltip ('' = its default words) and badge count where the OS has one. */
  setTrayStatus?: (text: string, badgeCount: number) => void;
}
