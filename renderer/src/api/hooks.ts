import { useMutation, useQuery, useQueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import type { EventName, InputOf, InvokeChannel, OutputOf, PayloadOf } from '../../../shared/ipc';
import { call } from './client';
import { channelKey } from './keys';
import { writeToCache } from './live';

/** A read through the contract, cached under its channel's key (see keys.ts). */
export function useInvoke<C extends InvokeChannel>(
  channel: C,
  input?: InputOf<C>,
  options?: Omit<UseQueryOptions<OutputOf<C>>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<OutputOf<C>>({
    queryKey: channelKey(channel, input),
    queryFn: () => call(channel, input),
    ...options,
  });
}

/** Events whose payload an action's answer can stand in for. */
type WritableBy<C extends InvokeChannel> = { [E in EventName]: OutputOf<C> extends PayloadOf<E> ? E : never }[EventName];

/**
 * A write through the contract. `writes`: the event whose cache writer takes the answer, exactly as if
 * main had pushed it (e.g. session:signIn answers a SessionState → 'session:changed').
 */
export function useAction<C extends InvokeChannel>(channel: C, options?: { writes?: WritableBy<C> }) {
  const queryClient = useQueryClient();
  return useMutation<OutputOf<C>, Error, InputOf<C> | undefined>({
    mutationFn: (input) => call(channel, input),
    onSuccess: (value) => {
      if (options?.writes) writeToCache(queryClient, options.writes, value as PayloadOf<WritableBy<C>>);
    },
  });
}

/** Reads a cache entry only events write (no call to main), e.g. the latest device transition. */
export function useCached<T>(queryKey: QueryKey): T | undefined {
  return useQuery<T | null>({ queryKey, queryFn: () => null, enabled: false, staleTime: Infinity }).data ?? undefined;
}
