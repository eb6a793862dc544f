import type { JobRunner } from './api';

// SIGINT / SIGTERM for plain-Node processes (the relay CLI): stop the runner gracefully, then exit. The app
// calls runner.stop() from its own quit path instead. A second signal while stopping exits at once.

export interface StopOnSignalsOptions {
  /** How long steps in flight get to answer (ms). */
  timeoutMs?: number;
  /** After the stop: close the database, print a line… */
  onStopped?: () => void | Promise<void>;
  /** Exit code after a graceful stop. Default 0: nothing was lost, the job resumes on the next run. */
  exitCode?: number;
  exit?: (code: number) => void;
}

export function stopOnSignals(runner: JobRunner, options: StopOnSignalsOptions = {}): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      exit(signal === 'SIGINT' ? 130 : 143);
      return;
    }
    stopping = true;
    void runner
      .stop(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })
      .then(() => options.onStopped?.())
      .then(
        () => exit(options.exitCode ?? 0),
        () => exit(1),
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
