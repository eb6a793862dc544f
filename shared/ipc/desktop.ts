import { defineContract, none, out } from './kit';

// The desktop shell's few requests from the window (start at login, updates and the theme are settings).
export const desktopContract = defineContract({
  invoke: {
    /** Puts versions, OS, settings without secrets and the last log lines on the clipboard. */
    'desktop:copyDiagnostics': { input: none, output: out<{ copied: boolean }>() },
    /** Opens the app's logs folder in the file manager. */
    'desktop:openLogs': { input: none, output: out<{ opened: boolean }>() },
  },
  events: {
    /** Main asks the window to show a screen (a notification about it was clicked), e.g. "/devices". */
    'desktop:open': out<{ screen: string }>(),
  },
});
