// addalotofsms takes any number of messages, but nothing bounds a request's size or its reply time:
// the service's own spreadsheet integration sends 50 per request, so we do too. Each chunk is one request,
// one `customerid`, one journal entry.

export const CHUNK_SIZE = 50;

/** Consecutive slices of at most `size` items, in order; [] for no items. */
export function chunk<T>(items: readonly T[], size: number = CHUNK_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Chunk size must be a positive integer, not ${size}.`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** How many chunks `count` items make. */
export function chunkCount(count: number, size: number = CHUNK_SIZE): number {
  return Math.ceil(count / size);
}
