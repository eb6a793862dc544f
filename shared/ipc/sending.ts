import { z } from 'zod';
import type { SimSlot } from '../domain';
import { body, country, id, isoInstant, phoneText, simSlot } from './fields';
import { defineContract, none, out } from './kit';
import type { OptedOutView } from './optouts';

// Single sends (addsms): one message to a few numbers, a test to oneself, an image on WhatsApp. Images are
// picked in main: the renderer sees an opaque id, a name and a preview.

export interface SendCheckRow {
  /** As typed. */
  input: string;
  /** E.164 when readable. */
  phone: string | null;
  state: 'ready' | 'opted-out' | 'invalid' | 'repeat';
  /** Invalid: why, in a sentence. */
  reason: string | null;
  optedOut: OptedOutView | null;
}

export type SingleSendState = 'queued' | 'suppressed' | 'invalid' | 'refused' | 'unknown';

export interface SingleSendView {
  id: number;
  to: string;
  body: string;
  deviceId: number;
  sim: SimSlot;
  urgent: boolean;
  test: boolean;
  image: string | null;
  sendAt: string | null;
  customerId: number | null;
  smsId: number | null;
  state: SingleSendState;
  /** Refused / invalid / unknown: why, in a sentence. */
  reason: string | null;
  /** The gateway's status code, when read. */
  status: number | null;
  createdAt: number;
}

export interface ImageView {
  imageId: string;
  name: string;
  size: number;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';
  /** data: URL for the preview (images are at most MAX_IMAGE_BYTES, except an oversize original). */
  dataUrl: string;
  /**
   * Over MAX_IMAGE_BYTES: not kept (imageId ''). The renderer shrinks it with its canvas and hands the copy to
   * sending:putImage, instead of the photo being refused.
   */
  oversize?: true;
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export const sendingContract = defineContract({
  invoke: {
    /** addsms of the body to one number, marked as a test in the history. */
    'sending:test': {
      input: z.strictObject({ to: phoneText, body, deviceId: id, sim: simSlot, country: country.optional() }),
      output: out<SingleSendView>(),
    },
    'sending:pickImage': { input: none, output: out<ImageView | null>() },
    /** A shrunk copy (data: URL, at most MAX_IMAGE_BYTES once decoded) of an oversize image picked before. */
    'sending:putImage': {
      input: z.strictObject({
        name: z.string().trim().min(1).max(255),
        dataUrl: z
          .string()
          .min(20)
          .max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 100),
      }),
      output: out<ImageView>(),
    },
    'sending:send': {
      input: z.strictObject({
        to: z.array(phoneText).min(1).max(100),
        body: z.string().max(5_000).default(''),
        deviceId: id,
        sim: simSlot,
        sendAt: isoInstant.nullable().default(null),
        urgent: z.boolean().default(false),
        imageId: z.string().min(1).max(100).nullable().default(null),
        country: country.optional(),
      }),
      output: out<SingleSendView[]>(),
    },
    /** Before Send is pressed: each number as it would go (ready, opted out with its reply, invalid, repeated). */
    'sending:check': {
      input: z.strictObject({ to: z.array(phoneText).min(1).max(100), country: country.optional() }),
      output: out<SendCheckRow[]>(),
    },
    'sending:list': {
      input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }),
      output: out<SingleSendView[]>(),
    },
  },
  events: {
    /** A single send was made or its status read back. */
    'sending:changed': out<{ id: number }>(),
  },
});
