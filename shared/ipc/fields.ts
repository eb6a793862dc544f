import { z } from 'zod';

// The fields the sending capabilities' contracts share (campaigns, newsletters, single sends, opt-outs).

export const simSlot = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export const id = z.number().int().positive();
export const isoInstant = z.iso.datetime({ offset: true });
export const body = z.string().min(1).max(5_000);
/** Adds "reply STOP to opt out" in this language. */
export const footer = z.enum(['en', 'pt', 'es']).nullable().default(null);
export const phoneText = z.string().trim().min(1).max(40);
export const country = z.string().regex(/^[A-Z]{2}$/);
