import type { QueryKey } from '@tanstack/react-query';
import type { InputOf, InvokeChannel } from '../../../shared/ipc';

// Query keys: [capability, what, input?]. A read's key comes from its channel ("devices:snapshot" →
// ["devices", "snapshot"]), so `useInvoke` and the factories below always agree, and invalidating
// `keys.devices.all` reaches every devices query. A new capability adds one entry here.

export function channelKey<C extends InvokeChannel>(channel: C, input?: InputOf<C>): QueryKey {
  const cut = channel.indexOf(':');
  const key = [channel.slice(0, cut), channel.slice(cut + 1)];
  return input === undefined ? key : [...key, input];
}

export const keys = {
  app: { all: ['app'], info: channelKey('app:info') },
  session: { all: ['session'], state: channelKey('session:get') },
  settings: { all: ['settings'], view: channelKey('settings:get') },
  gateway: { all: ['gateway'], health: channelKey('gateway:health') },
  devices: {
    all: ['devices'],
    snapshot: channelKey('devices:snapshot'),
    /** The latest online/offline transition pushed by main (shown as a banner on every screen). */
    lastTransition: ['devices', 'lastTransition'],
  },
  jobs: { all: ['jobs'], list: channelKey('jobs:list') },
  messages: {
    all: ['messages'],
    status: channelKey('messages:status'),
    today: channelKey('messages:today'),
    list: channelKey('messages:list'),
    report: channelKey('messages:report'),
  },
  contacts: {
    all: ['contacts'],
    tags: channelKey('contacts:tags'),
    /** A preflight's latest state: contacts:preflightStatus with { preflightId } (see preflightKey). */
    preflight: ['contacts', 'preflightStatus'],
    preflightRows: ['contacts', 'preflightRows'],
  },
  inbox: { all: ['inbox'], counts: channelKey('inbox:counts'), list: channelKey('inbox:list'), thread: ['inbox', 'thread'] },
  results: { all: ['results'] },
  campaigns: { all: ['campaigns'], list: channelKey('campaigns:list') },
  newsletters: { all: ['newsletters'], list: channelKey('newsletters:list') },
  sending: { all: ['sending'], list: ['sending', 'list'] },
  optouts: { all: ['optouts'] },
} as const satisfies Record<string, Record<string, QueryKey>>;

/** What a signed-out renderer keeps: everything else belongs to the account that signed out. */
export const KEPT_ON_SIGN_OUT: readonly string[] = ['app', 'session', 'settings'];
