// Domain types shared by main and renderer. Plain data only: everything here crosses IPC
// (structured clone in Electron, JSON in the e2e bridge), so instants are ISO strings, not Dates.

/** A moment as the gateway reported it: the UTC instant plus the zone the gateway used. */
export interface Instant {
  /** UTC ISO-8601, e.g. "2023-11-02T21:44:43.000Z". */
  iso: string;
  /** IANA zone ("Europe/Paris") or offset ("+02:00") the gateway reported it in. */
  zone: string;
}

/** Sim slot / channel: 0,1 SMS slot 1/2 · 2 WhatsApp Business · 3 WhatsApp · 4,5 RCS. */
export type SimSlot = 0 | 1 | 2 | 3 | 4 | 5;
export const SIM_SLOTS: readonly SimSlot[] = [0, 1, 2, 3, 4, 5];
export const SIM_CHANNEL: Record<SimSlot, 'sms' | 'whatsapp-business' | 'whatsapp' | 'rcs'> = {
  0: 'sms',
  1: 'sms',
  2: 'whatsapp-business',
  3: 'whatsapp',
  4: 'rcs',
  5: 'rcs',
};

export type MessageStatusCode = 1 | 2 | 3 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 100 | 101;
export type MessageOutcome = 'pending' | 'good' | 'failed' | 'incoming';

/** The status table from the API doc. Trust the code, never the gateway's title text. */
export const MESSAGE_STATUS: Record<MessageStatusCode, { key: string; final: boolean; outcome: MessageOutcome }> = {
  1: { key: 'new', final: false, outcome: 'pending' },
  3: { key: 'queued', final: false, outcome: 'pending' },
  2: { key: 'taken', final: false, outcome: 'pending' },
  5: { key: 'incoming', final: true, outcome: 'incoming' },
  6: { key: 'sent', final: false, outcome: 'good' },
  7: { key: 'delivered', final: true, outcome: 'good' },
  8: { key: 'notDelivered', final: true, outcome: 'failed' },
  9: { key: 'failedGeneric', final: true, outcome: 'failed' },
  10: { key: 'failedNoService', final: true, outcome: 'failed' },
  11: { key: 'failedNullPdu', final: true, outcome: 'failed' },
  12: { key: 'failedRadioOff', final: true, outcome: 'failed' },
  100: { key: 'failedNotAllowedOnPhone', final: true, outcome: 'failed' },
  101: { key: 'failedNotAllowed', final: true, outcome: 'failed' },
};
export const MESSAGE_STATUS_CODES = Object.keys(MESSAGE_STATUS).map(Number) as MessageStatusCode[];

export interface SimInfo {
  slot: number;
  iccId: string | null;
  number: string | null;
  roaming: boolean;
  countryIso: string | null;
  carrier: string | null;
}

/** A gateway phone as getalldevices describes it. */
export interface Device {
  id: number;
  title: string;
  number: string | null;
  imei: string | null;
  serialNumber: string | null;
  created: Instant | null;
  lastSeen: Instant | null;
  sims: SimInfo[];
  appVersion: string | null;
  appVersionCurrent: boolean;
  /** Seconds the phone waits between two sends; null when the gateway does not say. */
  sendDelaySeconds: number | null;
  /** How often the phone polls the gateway, in seconds (delaybetweenrequest). */
  pollIntervalSeconds: number;
  subscription: boolean;
}

/** One phone as getdevicestatus describes it. */
export interface DeviceStatus {
  deviceId: number;
  title: string;
  online: boolean;
  lastSeen: Instant | null;
  secondsSinceSeen: number;
}

export interface Message {
  id: number;
  sendTo: string;
  body: string;
  customerId: number | null;
  status: MessageStatusCode;
  statusTitle: string;
  deviceId: number;
  sim: SimSlot;
  urgent: boolean;
  created: Instant;
  sentAt: Instant | null;
  sendAt: Instant | null;
  newsletter: { id: number; title: string | null; body: string | null } | null;
}

// ---- app-level state shown in the renderer ----

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  locale: string;
}

export type KeychainBackend = 'keytar' | 'safeStorage' | 'memory';

/** Everything the renderer may know about the session. Never the token. */
export interface SessionState {
  signedIn: boolean;
  email: string | null;
  server: string | null;
  keychainBackend: KeychainBackend | null;
  /** True when signed in to the built-in sandbox gateway. */
  sandbox: boolean;
  /**
   * The OS offers no real encryption (safeStorage "basic_text"): the token is in memory only until
   * the user answers whether to store it anyway (session:answerStorage).
   */
  storageConsentNeeded: boolean;
  /** Why the last session ended without the user signing out; shown on the sign-in screen. */
  endedBecause: SessionEndReason | null;
}

/** expired: the gateway no longer accepts the token · unreadable: the stored token could not be read ·
 *  sandbox-not-restarted: a sandbox session could not be resumed after a restart. */
export type SessionEndReason = 'expired' | 'unreadable' | 'sandbox-not-restarted';

export type Language = 'en' | 'pt-BR';
