import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { EventName, InputOf, InvokeChannel, OutputOf, PayloadOf } from '../../../shared/ipc';
import { call, subscribe } from './client';

/** A read through the contract, cached by channel (+ input). */
export function useInvoke<C extends InvokeChannel>(
  channel: C,
  input?: InputOf<C>,
  options?: Omit<UseQueryOptions<OutputOf<C>>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<OutputOf<C>>({
    queryKey: input === undefined ? [channel] : [channel, input],
    queryFn: () => call(channel, input),
    ...options,
  });
}

/** A write through the contract; on success the given channels' caches take the answer or refetch. */
export function useAction<C extends InvokeChannel>(channel: C, options?: { updates?: InvokeChannel }) {
  const queryClient = useQueryClient();
  return useMutation<OutputOf<C>, Error, InputOf<C> | undefined>({
    mutationFn: (input) => call(channel, input),
    onSuccess: (value) => {
      if (options?.updates) queryClient.setQueryData([options.updates], value);
    },
  });
}

/** Subscribes to a pushed event for the component's lifetime. */
export function useEvent<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void) {
  useEffect(() => subscribe(event, listener), [event, listener]);
}

/** Keeps a query's cache equal to the latest pushed payload (e.g. devices:changed → devices:snapshot). */
export function usePushedInto<E extends EventName>(event: E, channel: InvokeChannel, map?: (payload: PayloadOf<E>) => unknown) {
  const queryClient = useQueryClient();
  useEffect(
    () => subscribe(event, (payload) => queryClient.setQueryData([channel], map ? map(payload) : payload)),
    [event, channel, map, queryClient],
  );
}
