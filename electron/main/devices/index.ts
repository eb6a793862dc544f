// The phones' public module.
// The composition root: the devices capability.
export { createDevicesCapability } from './capability';
// The root, the CLI (`relay devices`) and the sending capabilities (DeviceMonitor, as a type): the phone monitor.
export { createDeviceMonitor, DEFAULT_POLL_SECONDS, MAX_EVENTS } from './monitor';
export type { DeviceMonitor, DeviceMonitorDeps, MonitorSettings } from './monitor';
// Campaigns (which phones can take a chunk): the online rule.
export { isOnline, offlineAfterMs, ONLINE_GRACE_MS } from './online-rule';
