// Rate and ETA from a short window of (time, finished steps) samples: a job that slows down (a gateway
// throttling, a phone going offline) shows it within seconds instead of averaging over the whole run.

const WINDOW_MS = 10_000;
const MAX_SAMPLES = 64;

export class RateMeter {
  private samples: { at: number; finished: number }[] = [];

  record(at: number, finished: number): void {
    const last = this.samples.at(-1);
    if (last && last.at === at) last.finished = finished;
    else this.samples.push({ at, finished });
    while (this.samples.length > MAX_SAMPLES || (this.samples.length > 2 && this.samples[1]!.at <= at - WINDOW_MS)) this.samples.shift();
  }

  /** Steps per second, or null until at least a second of samples exists. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 1_000) return null;
    return ((last.finished - first.finished) * 1000) / (last.at - first.at);
  }

  etaSeconds(remaining: number): number | null {
    if (remaining <= 0) return 0;
    const rate = this.rate();
    return rate && rate > 0 ? Math.ceil(remaining / rate) : null;
  }

  reset(): void {
    this.samples = [];
  }
}
