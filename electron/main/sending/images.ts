import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { refusal } from '../../../shared/errors';
import { MAX_IMAGE_BYTES, type ImageView } from '../../../shared/ipc';
import type { SingleImage } from './singles';

// Images for WhatsApp sends, kept in main by an opaque id. What a file is comes from its first bytes, not its
// name: a PDF renamed .jpg is refused in words. A photo over the gateway's limit is not refused: the renderer
// gets it once (`oversize`) to shrink with the browser's canvas, and hands the smaller JPEG back (`putImage`).

/** Larger files are not even read (a phone photo is ~3–12 MB; a 30 MB file is not a photo to send). */
export const MAX_SOURCE_BYTES = 30 * 1024 * 1024;

type ImageType = ImageView['mimeType'];

/** The image type its first bytes say, or null when it is not a JPEG, PNG, GIF or WebP. */
export function sniffImage(data: Uint8Array): ImageType | null {
  const at = (i: number) => data[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return 'image/gif';
  const text = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to));
  if (data.length >= 12 && text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export function createImageStore() {
  const images = new Map<string, SingleImage & { size: number }>();

  function keep(data: Uint8Array, name: string, mimeType: ImageType): ImageView {
    const imageId = randomUUID();
    images.set(imageId, { data, fileName: name, mimeType, size: data.byteLength });
    return { imageId, name, size: data.byteLength, mimeType, dataUrl: dataUrl(data, mimeType) };
  }

  return {
    /** A picked file: kept when it fits, handed to the renderer to shrink when it does not. */
    async fromFile(path: string): Promise<ImageView> {
      const name = basename(path);
      const size = (await stat(path)).size;
      if (size > MAX_SOURCE_BYTES) {
        throw refusal(
          'imageTooLarge',
          `${name} is ${megabytes(size)} MB: too large to be a photo to send. Choose a smaller image.`,
          { name, mb: megabytes(size) },
          { field: 'imageId' },
        );
      }
      const data = new Uint8Array(await readFile(path));
      const mimeType = sniffImage(data);
      if (!mimeType)
        throw refusal(
          'notAnImage',
          `${name} is not an image (JPEG, PNG, WebP or GIF). Choose a photo or picture.`,
          { name },
          { field: 'imageId' },
        );
      if (data.byteLength > MAX_IMAGE_BYTES) {
        return { imageId: '', name, size: data.byteLength, mimeType, dataUrl: dataUrl(data, mimeType), oversize: true };
      }
      return keep(data, name, mimeType);
    },
    /** The renderer's shrunk copy of an oversize photo (a JPEG data: URL). */
    fromRenderer(name: string, url: string): ImageView {
      const match = /^data:image\/(?:jpeg|png|webp);base64,([A-Za-z0-9+/=]+)$/.exec(url);
      const data = match ? new Uint8Array(Buffer.from(match[1]!, 'base64')) : new Uint8Array();
      const mimeType = sniffImage(data);
      if (!mimeType)
        throw refusal(
          'notAnImage',
          `${name} is not an image (JPEG, PNG, WebP or GIF). Choose a photo or picture.`,
          { name },
          { field: 'imageId' },
        );
      if (data.byteLength > MAX_IMAGE_BYTES) {
        throw refusal(
          'imageStillTooLarge',
          `${name} is still ${Math.round(data.byteLength / 1024)} KB after shrinking; at most ${megabytes(MAX_IMAGE_BYTES)} MB can be sent.`,
          { name, kb: Math.round(data.byteLength / 1024), maxMb: megabytes(MAX_IMAGE_BYTES) },
          { field: 'imageId' },
        );
      }
      return keep(
        data,
        name.replace(/\.[^.]+$/, '') + (mimeType === 'image/jpeg' ? '.jpg' : mimeType === 'image/png' ? '.png' : '.webp'),
        mimeType,
      );
    },
    get: (imageId: string) => images.get(imageId),
  };
}

/** Bytes as megabytes with one decimal at most (9.2, 5): what people read for photo sizes. */
export const megabytes = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

const dataUrl = (data: Uint8Array, mimeType: ImageType) => `data:${mimeType};base64,${Buffer.from(data).toString('base64')}`;
