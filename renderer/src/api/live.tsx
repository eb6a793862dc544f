import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { EventName, PayloadOf, PreflightView, SettingsView } from '../../../shared/ipc';
import type { JobView } from '../../../shared/jobs';
import { subscribe } from './client';
import { KEPT_ON_SIGN_OUT, channelKey, keys } from './keys';

// Where every event main pushes lands in the query cache. One table, checked by the compiler: a new
// event in the contract fails to compile until it says where it goes. Screens then read the cache
// (useInvoke / useCached) and stay current even when they were closed while the event came.

type Writer<E extends EventName> = (queryClient: QueryClient, payload: PayloadOf<E>) => void;
export type CacheWriters = { [E in EventName]: Writer<E> };

export const cacheWriters: CacheWriters = {
  'session:changed': (queryClient, state) => {
    queryClient.setQueryData(keys.session.state, state);
    // Signed out: forget the account's data (devices, health…); keep app info and settings.
    if (!state.signedIn) {
      queryClient.removeQueries({ predicate: (q) => !KEPT_ON_SIGN_OUT.includes(String(q.queryKey[0])) });
    }
  },
  'settings:changed': (queryClient, settings) => {
    queryClient.setQueryData<SettingsView>(keys.settings.view, (view) => ({
      settings,
      corruptFileMovedTo: view?.corruptFileMovedTo ?? null,
      resetFields: view?.resetFields ?? [],
    }));
  },
  // A clicked notification opens the screen it is about (the app's router is a hash router).
  'desktop:open': (_queryClient, { screen }) => {
    if (screen.startsWith('/')) window.location.hash = `#${screen}`;
  },
  'gateway:health': (queryClient, health) => queryClient.setQueryData(keys.gateway.health, health),
  'devices:changed': (queryClient, snapshot) => queryClient.setQueryData(keys.devices.snapshot, snapshot),
  'devices:transition': (queryClient, transition) => queryClient.setQueryData(keys.devices.lastTransition, transition),
  // One job changed: replace it in the list (or add it, newest first), so every progress bar follows.
  // A list never read stays unread (undefined): a partial list would hide the other jobs.
  'jobs:changed': (queryClient, job) =>
    queryClient.setQueryData<JobView[]>(keys.jobs.list, (jobs) =>
      jobs === undefined ? undefined : jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...jobs],
    ),
  // Statuses moved or messages arrived: Home's figures come with the event; lists and the report read again.
  'messages:changed': (queryClient, changed) => {
    queryClient.setQueryData(keys.messages.today, changed.today);
    void queryClient.invalidateQueries({
      queryKey: keys.messages.all,
      predicate: (q) => q.queryKey[1] !== 'today' && q.queryKey[1] !== 'get',
    });
    for (const change of changed.changes) void queryClient.invalidateQueries({ queryKey: channelKey('messages:get', { id: change.id }) });
  },
  // A sync finished (or started): the mirror's state comes with it; everything read from the mirror reads again.
  'messages:synced': (queryClient, status) => {
    queryClient.setQueryData(keys.messages.status, status);
    void queryClient.invalidateQueries({ queryKey: keys.messages.all, predicate: (q) => q.queryKey[1] !== 'status' });
    // Replies sent from the inbox show in their thread once the history has them.
    void queryClient.invalidateQueries({ queryKey: keys.inbox.all });
    // A results page counts replies and times from the history.
    void queryClient.invalidateQueries({ queryKey: keys.results.all });
  },
  // Replies came in, or something was read: the counts come with the event; conversations read again.
  'inbox:changed': (queryClient, changed) => {
    queryClient.setQueryData(keys.inbox.counts, changed.counts);
    void queryClient.invalidateQueries({ queryKey: keys.inbox.all, predicate: (q) => q.queryKey[1] !== 'counts' });
  },
  // A campaign moved: its screens read again, and newsletters (one sent as a campaign shows the campaign's progress).
  'campaigns:changed': (queryClient) => {
    void queryClient.invalidateQueries({ queryKey: keys.campaigns.all });
    void queryClient.invalidateQueries({ queryKey: keys.newsletters.all });
    void queryClient.invalidateQueries({ queryKey: keys.results.all });
  },
  'newsletters:changed': (queryClient) => void queryClient.invalidateQueries({ queryKey: keys.newsletters.all }),
  'sending:changed': (queryClient) => void queryClient.invalidateQueries({ queryKey: keys.sending.all }),
  // The opt-out list changed: its screen, and every preview that names who is left out, read again.
  'optouts:changed': (queryClient) => {
    for (const key of [keys.optouts.all, keys.campaigns.all, keys.newsletters.all, keys.sending.all])
      void queryClient.invalidateQueries({ queryKey: key });
  },
  // The registry changed (tags, contacts, imports): read again, except the preflights the user is looking at.
  'contacts:changed': (queryClient) =>
    void queryClient.invalidateQueries({
      queryKey: keys.contacts.all,
      predicate: (q) => q.queryKey[1] !== 'preflightStatus' && q.queryKey[1] !== 'preflightRows',
    }),
  // A preflight read more rows: its counts move, and its preview pages read again.
  'contacts:preflightProgress': (queryClient, progress) => {
    queryClient.setQueryData<PreflightView>(channelKey('contacts:preflightStatus', { preflightId: progress.preflightId }), (view) =>
      view?.ok ? { ...view, state: progress.state, counts: progress.counts, problem: progress.problem } : view,
    );
    void queryClient.invalidateQueries({ queryKey: [...keys.contacts.preflightRows, { preflightId: progress.preflightId }] });
  },
};

/** Applies one event (or an action's answer of the same shape) to the cache. */
export function writeToCache<E extends EventName>(queryClient: QueryClient, event: E, payload: PayloadOf<E>): void {
  (cacheWriters[event] as Writer<E>)(queryClient, payload);
}

/** Mounted once at the root: every pushed event goes into the cache, whichever screen is open. */
export function LiveEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    // The writers' table names every event (the compiler checks it), so its keys are the events to hear;
    // reading them from the contract instead would put its schemas (zod) in the window's first script.
    const unsubscribers = (Object.keys(cacheWriters) as EventName[]).map((event) =>
      subscribe(event, (payload) => writeToCache(queryClient, event, payload as PayloadOf<typeof event>)),
    );
    return () => unsubscribers.forEach((off) => off());
  }, [queryClient]);
  return null;
}
