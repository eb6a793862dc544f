import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createImageStore, sniffImage } from '../../../electron/main/sending/images';
import { MAX_IMAGE_BYTES } from '../../../shared/ipc';

// Images are what their bytes say: a PDF named .jpg is refused in words; a photo over the limit is handed to the
// renderer to shrink instead of refused; the shrunk copy is checked again.

const dir = mkdtempSync(join(tmpdir(), 'relay-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const jpeg = (bytes: number) => {
  const data = new Uint8Array(bytes);
  data.set([0xff, 0xd8, 0xff, 0xe0]);
  return data;
};

describe('images', () => {
  it('knows JPEG, PNG, GIF and WebP by their first bytes, and nothing else', () => {
    expect(sniffImage(jpeg(10))).toBe('image/jpeg');
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('image/png');
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
  });

  it('refuses a PDF named .jpg with a keyed sentence; hands an oversize photo back to shrink; keeps a small one', async () => {
    const store = createImageStore();
    writeFileSync(join(dir, 'menu.jpg'), '%PDF-1.7 not a photo');
    await expect(store.fromFile(join(dir, 'menu.jpg'))).rejects.toMatchObject({
      key: 'refusals.notAnImage',
      params: { name: 'menu.jpg' },
      message: expect.stringMatching(/menu\.jpg is not an image/),
    });
    writeFileSync(join(dir, 'big.jpg'), jpeg(MAX_IMAGE_BYTES + 1));
    expect(await store.fromFile(join(dir, 'big.jpg'))).toMatchObject({ imageId: '', oversize: true, size: MAX_IMAGE_BYTES + 1 });
    writeFileSync(join(dir, 'small.jpg'), jpeg(2_000));
    const kept = await store.fromFile(join(dir, 'small.jpg'));
    expect(kept.imageId).not.toBe('');
    expect(store.get(kept.imageId)?.data.byteLength).toBe(2_000);
  });

  it('checks the renderer’s shrunk copy again: an image under the limit is kept, anything else refused', () => {
    const store = createImageStore();
    const kept = store.fromRenderer('IMG_1.heic', `data:image/jpeg;base64,${Buffer.from(jpeg(500)).toString('base64')}`);
    expect(kept).toMatchObject({ name: 'IMG_1.jpg', size: 500, mimeType: 'image/jpeg' });
    expect(() => store.fromRenderer('x.jpg', `data:image/jpeg;base64,${Buffer.from('hello').toString('base64')}`)).toThrow(/not an image/);
    expect(() =>
      store.fromRenderer('x.jpg', `data:image/jpeg;base64,${Buffer.from(jpeg(MAX_IMAGE_BYTES + 10)).toString('base64')}`),
    ).toThrow(/still/);
  });
});
