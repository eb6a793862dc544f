// The installed app carries the CLI: `"Relay Desk.exe" relay import …` (and the `relay` shims beside the
// binary, which run exactly that) runs a CLI command instead of opening a window. It is decided from argv
// before the single-instance lock, so a scheduled task works while the app is open, and without
// ELECTRON_RUN_AS_NODE, so the runAsNode fuse stays off.

/**
 * The CLI's arguments when this start is a CLI run, else null. Packaged: argv = [exe, ...args]; in development
 * (`electron .`): [electron, appPath, ...args]. Chromium's own switches before the word are skipped.
 */
export function cliArgv(argv: readonly string[], packaged: boolean): string[] | null {
  const args = argv.slice(packaged ? 1 : 2);
  const at = args.findIndex((arg) => !arg.startsWith('--') && !arg.startsWith('-psn_'));
  if (at < 0 || args[at] !== 'relay') return null;
  return args.slice(at + 1);
}

/** Launched by the OS at login (Windows / Linux pass our flag; macOS says so itself): start hidden in the tray. */
export const HIDDEN_FLAG = '--hidden';

export function launchedAtLogin(argv: readonly string[], macOpenedAtLogin: boolean): boolean {
  return macOpenedAtLogin || argv.includes(HIDDEN_FLAG);
}
