// The Messages screen's filter (zod schema for the IPC input and the URL's search params), sort and paging.
// Moved as it was into the contract, shared/ipc/messages.ts, so the renderer and main read one definition.
export {
  messageFilterSchema,
  messagePageSchema,
  filterToSearchParams,
  filterFromSearchParams,
  DEFAULT_SORT,
  MAX_PAGE,
} from '../../../shared/ipc/messages';
export type { MessageFilter, MessageSort, MessageCursor, MessagePageInput, SortColumn } from '../../../shared/ipc/messages';
