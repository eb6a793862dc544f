// Device monitor: polling the account's phones, online/offline transitions, notifications.
export { createDeviceMonitor, DEFAULT_POLL_SECONDS, MAX_EVENTS } from './monitor';
export type { DeviceMonitor, DeviceMonitorDeps, MonitorSettings } from './monitor';
export { isOnline, offlineAfterMs, ONLINE_GRACE_MS } from './online-rule';
