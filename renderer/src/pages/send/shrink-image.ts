// A photo over the gateway's limit is made smaller here, with the browser's own canvas, instead of being refused:
// the longest side down to MAX_SIDE and JPEG quality lowered step by step until it fits. Pure browser APIs (no
// library); main checks the result again.

const MAX_SIDE = 2048;
const QUALITIES = [0.85, 0.75, 0.65, 0.5, 0.4];

function load(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The image could not be read.'));
    image.src = src;
  });
}

function toDataUrl(canvas: HTMLCanvasElement, quality: number): string {
  return canvas.toDataURL('image/jpeg', quality);
}

/** Decoded size of a base64 data: URL, in bytes. */
export function dataUrlBytes(url: string): number {
  const base64 = url.slice(url.indexOf(',') + 1);
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

/** A JPEG data: URL of at most `maxBytes`, or null when even the smallest try is larger. */
export async function shrinkImage(src: string, maxBytes: number): Promise<string | null> {
  const image = await load(src);
  let side = Math.min(MAX_SIDE, Math.max(image.naturalWidth, image.naturalHeight));
  for (let round = 0; round < 4; round++, side = Math.round(side * 0.7)) {
    const scale = side / Math.max(image.naturalWidth, image.naturalHeight);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    // A white page under transparent PNG areas (JPEG has no transparency).
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    for (const quality of QUALITIES) {
      const url = toDataUrl(canvas, quality);
      if (dataUrlBytes(url) <= maxBytes) return url;
    }
  }
  return null;
}
