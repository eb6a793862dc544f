import { app, safeStorage } from 'electron';

// CLI mode of the installed app: `"Relay Desk" relay <command> …` runs the command and exits, with no window,
// no dock icon and no single-instance lock (a scheduled import runs while the app is open).
export async function runCliInApp(args: string[]): Promise<void> {
  app.dock?.hide();
  let code = 1;
  try {
    await app.whenReady(); // safeStorage needs it
    const { runCliProcess } = await import('../../../cli/process');
    code = await runCliProcess(args, { safeStorage });
  } catch (error) {
    process.stderr.write(`relay: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  app.exit(code);
}
