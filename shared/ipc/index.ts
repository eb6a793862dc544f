import type { z } from 'zod';
import type { Result } from '../errors';
import { appContract } from './app';
import { contactsContract } from './contacts';
import { campaignsContract } from './campaigns';
import { newslettersContract } from './newsletters';
import { optoutsContract } from './optouts';
import { sendingContract } from './sending';
import { desktopContract } from './desktop';
import { devicesContract } from './devices';
import { inboxContract } from './inbox';
import { jobsContract } from './jobs';
import { messagesContract } from './messages';
import { resultsContract } from './results';
import { sessionContract } from './session';
import { settingsContract } from './settings';

// THE contract between renderer and main, one file per capability, merged here. Each invoke channel
// has an input schema (zod, checked in main by the router) and an output type; each pushed event has a
// payload type. The preload, the router and the e2e bridge are generic over `contract`, so adding a
// feature is a contract file here, a capability folder in electron/main and a route in the renderer.

export * from './app';
export * from './contacts';
export * from './campaigns';
export * from './fields';
export * from './newsletters';
export * from './optouts';
export * from './sending';
export * from './desktop';
export * from './devices';
export * from './inbox';
export * from './jobs';
export * from './messages';
export * from './results';
export * from './session';
export * from './settings';

/** Every capability's contract by name; `HandlersFor<'devices'>` is what electron/main/devices must answer. */
export const capabilities = {
  app: appContract,
  session: sessionContract,
  settings: settingsContract,
  devices: devicesContract,
  jobs: jobsContract,
  campaigns: campaignsContract,
  newsletters: newslettersContract,
  sending: sendingContract,
  optouts: optoutsContract,
  contacts: contactsContract,
  messages: messagesContract,
  inbox: inboxContract,
  results: resultsContract,
  desktop: desktopContract,
} as const;
export type CapabilityName = keyof typeof capabilities;

type Capabilities = typeof capabilities;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type MergedInvoke = UnionToIntersection<Capabilities[CapabilityName]['invoke']>;
type MergedEvents = UnionToIntersection<Capabilities[CapabilityName]['events']>;

function merge<K extends 'invoke' | 'events'>(part: K) {
  const merged: Record<string, unknown> = {};
  for (const [name, capability] of Object.entries(capabilities)) {
    for (const [channel, entry] of Object.entries(capability[part])) {
      // Two capabilities claiming one channel is a programming error: fail at start, not at the first call.
      if (Object.hasOwn(merged, channel)) throw new Error(`IPC channel "${channel}" is declared twice (again by ${name})`);
      merged[channel] = entry;
    }
  }
  return merged;
}

export const contract = {
  invoke: merge('invoke') as MergedInvoke,
  events: merge('events') as MergedEvents,
};

export type Contract = typeof contract;
export type InvokeChannel = keyof Contract['invoke'] & string;
export type EventName = keyof Contract['events'] & string;
export type InputOf<C extends InvokeChannel> = z.input<Contract['invoke'][C]['input']>;
export type ParsedInputOf<C extends InvokeChannel> = z.output<Contract['invoke'][C]['input']>;
export type OutputOf<C extends InvokeChannel> = Contract['invoke'][C]['output'];
export type PayloadOf<E extends EventName> = Contract['events'][E];

export const invokeChannels = Object.keys(contract.invoke) as InvokeChannel[];
export const eventNames = Object.keys(contract.events) as EventName[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(contract.invoke, value);
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(contract.events, value);
}

/** Channels without input are called with no argument. */
type InvokeArgs<C extends InvokeChannel> = undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>];

/**
 * What the renderer sees as `window.api`. The preload's object and the e2e stand-in both
 * `satisfies Bridge`, so a drift from the contract fails to compile.
 */
export interface Bridge {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<OutputOf<C>>>;
  /** Returns an unsubscribe function. The listener gets the payload only, never the IPC event. */
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

/** Main-side: how services push events (to the window in the app, to the page in e2e tests). */
export type EmitEvent = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

type Handler<C extends InvokeChannel> = (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;

/** Main-side: one handler per channel, given the parsed input. */
export type Handlers = { [C in InvokeChannel]: Handler<C> };

/** The handlers one capability must provide: a missing or misspelt channel fails to compile. */
export type HandlersFor<K extends CapabilityName> = {
  [C in keyof Capabilities[K]['invoke'] & InvokeChannel]: Handler<C>;
};

/** What each capability folder in electron/main builds: its handlers and how to let go of what it holds. */
export interface Capability<K extends CapabilityName> {
  handlers: HandlersFor<K>;
  dispose?: () => Promise<void> | void;
}
