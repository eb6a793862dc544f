import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

// Long lists (a tag's contacts, a preflight's rows) come from main in pages of at most 500. The screen
// holds the pages the user asked for ("show more"), so memory grows only with what was looked at.

export const PAGE_SIZE = 500;

export function usePaged<T>(queryKey: QueryKey, fetchPage: (offset: number) => Promise<{ rows: T[]; total: number }>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.rows.length, 0);
      return last.rows.length > 0 && loaded < last.total ? loaded : undefined;
    },
    enabled,
  });
  const rows = query.data?.pages.flatMap((page) => page.rows) ?? [];
  const total = query.data?.pages.at(-1)?.total ?? 0;
  return { ...query, rows, total };
}
