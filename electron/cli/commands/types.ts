import type { ParseArgsOptionsConfig } from 'node:util';
import type { CliContext } from '../context';

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** One `relay <name>` command. Options are node:util parseArgs options (strict: unknown ones are usage errors). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: ParseArgsOptionsConfig;
  /** Positional arguments it takes (e.g. the CSV file); more is a usage error. */
  positionals?: { min: number; max: number };
  /** Absent: listed in --help as coming in a later version. */
  run?: (ctx: CliContext, values: OptionValues, positionals: string[]) => Promise<number>;
}

/** A usage mistake (exit 2, with the usage). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
