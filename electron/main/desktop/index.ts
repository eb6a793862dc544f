// The desktop's public module: its plain decisions. The Electron calls (desktop/electron/) are wiring that
// main/index.ts and electron-deps.ts import directly, so nothing here loads Electron.
// The composition root: the desktop capability and the shell it is given.
export { createDesktopCapability, type DesktopShell } from './capability';
// The app's start (main/index.ts, window.ts, tray.ts): CLI mode, login start, updates, window state, icons.
export { cliArgv, launchedAtLogin } from './cli-mode';
export { shouldAskStartAtLogin } from './login';
export { BUSY_JOB_STATES } from './updates';
export { MIN_SIZE, readWindowState, restoreBounds, writeWindowState } from './window-state';
export { TRAY_COLOUR_DATA_URL, TRAY_TEMPLATE_1X_DATA_URL, TRAY_TEMPLATE_2X_DATA_URL } from './icons';
// Campaign results (a PDF of the report): the save dialog's request and the file name.
export { resultsPdfRequest, withPdfExtension } from './pdf';
