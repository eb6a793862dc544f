// The fault switch for exactly-once tests: a write is committed (the message is queued, the tag saved),
// then the connection is reset instead of answered, so the client cannot know whether it went through.

export type DropAfterCommit =
  /** Every Nth committed write from now on (every: 5 → the 5th, 10th, 15th…). */
  | { every: number }
  /** The next N committed writes, then answers again. */
  | { next: number };

export interface FaultStats {
  /** Writes committed since the switch was last set. */
  writes: number;
  /** Of those, how many got a reset instead of their reply. */
  dropped: number;
}

export class WriteFaults {
  private rule: DropAfterCommit | null = null;
  private stats: FaultStats = { writes: 0, dropped: 0 };

  set(rule: DropAfterCommit | null): void {
    if (rule && 'every' in rule && !(Number.isInteger(rule.every) && rule.every >= 1))
      throw new RangeError('every must be an integer >= 1');
    if (rule && 'next' in rule && !(Number.isInteger(rule.next) && rule.next >= 0)) throw new RangeError('next must be an integer >= 0');
    this.rule = rule;
    this.stats = { writes: 0, dropped: 0 };
  }

  /** Called once per committed write: true when its reply must be dropped. */
  dropThisOne(): boolean {
    this.stats.writes++;
    const rule = this.rule;
    let drop = false;
    if (rule && 'every' in rule) drop = this.stats.writes % rule.every === 0;
    else if (rule && 'next' in rule) drop = this.stats.dropped < rule.next;
    if (drop) this.stats.dropped++;
    return drop;
  }

  snapshot(): FaultStats {
    return { ...this.stats };
  }
}
