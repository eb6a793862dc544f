import { AppFailure } from '../../../shared/errors';
import { createDeviceMonitor } from '../../main/devices';
import { systemClock } from '../../main/lib';
import type { DeviceView } from '../../../shared/ipc';
import { table } from '../output';
import type { Command } from './types';

// The account's phones as the app's monitor sees them: one poll with the same online rule and queue counts.

export const devicesCommand: Command = {
  name: 'devices',
  summary: "List the account's phones: online state, last seen, SIM cards and queue",
  usage: 'relay devices [--json]',
  options: {},
  async run(ctx) {
    const client = await ctx.gateway();
    const settings = ctx.settings();
    const monitor = createDeviceMonitor({
      client: () => client,
      emit: () => {},
      notify: () => {},
      settings: () => ({ pollSeconds: settings.devicePollSeconds, notifyOffline: false, notifyOnline: false }),
      clock: systemClock,
      log: ctx.log,
    });
    // start() polls at once; refresh() joins that poll. One poll is all a script needs.
    monitor.start();
    const snapshot = await monitor.refresh();
    monitor.dispose();
    const error = snapshot.lastError;
    if (error) {
      // The monitor's words are for a window that keeps retrying; a script gets one attempt and what to check.
      const unreachable = error.code === 'network' || error.code === 'timeout';
      throw new AppFailure(
        error.code,
        unreachable ? `Could not reach the gateway at ${ctx.server()}: check --server and the network.` : error.message,
        undefined,
        unreachable ? { server: ctx.server() } : error.params,
        unreachable ? 'refusals.gatewayUnreachableCli' : error.key,
      );
    }
    const { io } = ctx;
    if (ctx.options.json) {
      io.stdout.write(
        `${JSON.stringify({ server: ctx.server(), checkedAt: snapshot.lastPollAt, devices: snapshot.devices.map(deviceJson) }, null, 2)}\n`,
      );
      return 0;
    }
    if (snapshot.devices.length === 0) {
      io.stdout.write('No phones on this account yet: install the SMSGateway24 app on a phone and sign in there.\n');
      return 0;
    }
    const rows = snapshot.devices.map((view) => [
      String(view.device.id),
      view.device.title,
      view.online ? 'online' : 'offline',
      view.device.lastSeen ? new Date(view.device.lastSeen.iso).toLocaleString() : 'never',
      view.device.sims.map((sim) => [sim.carrier, sim.number].filter(Boolean).join(' ') || `slot ${sim.slot + 1}`).join(', ') || '-',
      view.queue ? `${view.queue.waiting} waiting, ${view.queue.taken} taken` : 'unknown',
    ]);
    io.stdout.write(table(['ID', 'PHONE', 'STATE', 'LAST SEEN', 'SIMS', 'QUEUE'], rows));
    return 0;
  },
};

function deviceJson(view: DeviceView) {
  const d = view.device;
  return {
    id: d.id,
    title: d.title,
    online: view.online,
    lastSeen: d.lastSeen?.iso ?? null,
    number: d.number,
    appVersion: d.appVersion,
    sims: d.sims.map((sim) => ({
      slot: sim.slot,
      number: sim.number,
      carrier: sim.carrier,
      countryIso: sim.countryIso,
      roaming: sim.roaming,
    })),
    queue: view.queue,
  };
}
