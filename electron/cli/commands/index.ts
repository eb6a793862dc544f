import { campaignCommand } from './campaign';
import { devicesCommand } from './devices';
import { sendCommand } from './send';
import { importCommand } from './import';
import type { Command } from './types';

// Every command the CLI will have; the ones without `run` are listed as "not available yet".
export const commands: Command[] = [
  devicesCommand,
  importCommand,
  campaignCommand,
  sendCommand,
  {
    name: 'history',
    summary: 'Sync the message history for a date range and export it',
    usage: 'relay history [--from DATE] [--to DATE] [--status N] [--phone P] [--device ID] [--sim N] (--csv FILE | --json)',
    options: {},
  },
];

export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.name === name);
}
