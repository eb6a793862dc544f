import { campaignCommand } from './campaign';
import { campaignsCommand } from './campaigns';
import { devicesCommand } from './devices';
import { historyCommand } from './history';
import { inboxCommand, replyCommand } from './inbox';
import { sendCommand } from './send';
import { importCommand } from './import';
import { newsletterCommand } from './newsletter';
import type { Command } from './types';

// Every command the CLI will have; the ones without `run` are listed as "not available yet".
export const commands: Command[] = [
  devicesCommand,
  importCommand,
  campaignCommand,
  campaignsCommand,
  newsletterCommand,
  sendCommand,
  historyCommand,
  inboxCommand,
  replyCommand,
];

export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.name === name);
}
