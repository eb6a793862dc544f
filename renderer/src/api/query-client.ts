import { QueryClient } from '@tanstack/react-query';

// Main pushes changes as events (LiveEvents writes them into the cache), so queries need no background
// refetching of their own, and a failed read is shown rather than retried behind the user's back
// (main already retries reads).
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity } },
  });
}
