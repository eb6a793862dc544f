import { z } from 'zod';

// The Inbox's URL: the open conversation and the unread-only switch, so a reload or a notification's link
// lands on the same view.
export const inboxParams = z.object({
  /** The open conversation's key (the customer's digits). */
  c: z.string().max(60).optional(),
  unread: z.enum(['1']).optional(),
});
