import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { MAX_IMAGE_BYTES } from '../../../shared/ipc';
import { refusal } from '../../../shared/errors';
import { megabytes, sniffImage, sendSingle, type SingleImage } from '../../main/sending';
import { freshOptOuts } from '../opt-outs';
import { closeDatabase, openAccountDatabase } from '../../main/db';
import { parseAt, parseSim } from './campaign';
import { UsageError, type Command } from './types';

// `relay send`: one addsms per number, each with its own customerid written before it leaves; never retried,
// a lost reply settled by reading the message back. Exit 0 when every number is queued, 1 otherwise.

const IMAGE_TYPES: Record<string, SingleImage['mimeType']> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

export const sendCommand: Command = {
  name: 'send',
  summary: 'Send one message to one or several numbers',
  usage: 'relay send --to NUMBERS --body TEXT --device ID [--sim N] [--at TIME] [--urgent] [--image FILE] [--json]',
  options: {
    to: { type: 'string' },
    body: { type: 'string' },
    device: { type: 'string' },
    sim: { type: 'string' },
    at: { type: 'string' },
    urgent: { type: 'boolean' },
    image: { type: 'string' },
  },
  async run(ctx, values) {
    const to =
      (values['to'] as string | undefined)
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? [];
    if (to.length === 0) throw new UsageError('--to NUMBERS is required (several separated by commas).');
    const device = values['device'] as string | undefined;
    if (!device || !/^\d+$/.test(device)) throw new UsageError('--device ID is required.');
    const sim = parseSim(values['sim'] as string | undefined);
    const imagePath = values['image'] as string | undefined;
    let image: SingleImage | null = null;
    if (imagePath !== undefined) {
      const mimeType = IMAGE_TYPES[extname(imagePath).toLowerCase()];
      if (!mimeType) throw new UsageError('--image takes a JPEG, PNG, WebP or GIF file.');
      const name = basename(imagePath);
      const data = new Uint8Array(
        await readFile(imagePath).catch(() => {
          throw refusal('cannotReadFile', `“${name}” could not be read: check the path and that you may open it.`, { name });
        }),
      );
      if (!sniffImage(data))
        throw refusal('notAnImage', `“${name}” is not an image (JPEG, PNG, WebP or GIF). Choose a photo or picture.`, { name });
      // The CLI has no canvas to shrink a photo (the app does, when it is chosen there): say the limit and what to do.
      if (data.byteLength > MAX_IMAGE_BYTES) {
        const mb = megabytes(data.byteLength);
        throw refusal(
          'imageOverLimitCli',
          `“${name}” is ${mb} MB; an image can be at most ${megabytes(MAX_IMAGE_BYTES)} MB. Nothing was sent. Make it smaller (resize it, or save it as a lower-quality JPEG) and send again — or send it from the Relay Desk app, which shrinks photos by itself.`,
          { name, mb, maxMb: megabytes(MAX_IMAGE_BYTES) },
        );
      }
      image = { data, fileName: name, mimeType };
    }
    const client = await ctx.gateway();
    const db = openAccountDatabase({ dataDir: ctx.options.dataDir, account: await ctx.account() });
    try {
      // Opt-outs first: a STOP that came in a second ago is not sent to.
      await freshOptOuts(ctx, db, client);
      const views = await sendSingle(db, client, {
        to,
        body: (values['body'] as string | undefined) ?? '',
        deviceId: Number(device),
        sim,
        sendAt: parseAt(values['at'] as string | undefined),
        urgent: values['urgent'] === true,
        image,
        test: false,
        country: ctx.settings().defaultCountry,
      });
      if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify({ sends: views })}\n`);
      else
        for (const v of views)
          ctx.io.stdout.write(`${v.to}: ${v.state}${v.smsId ? ` (sms_id ${v.smsId})` : ''}${v.reason ? ` — ${v.reason}` : ''}\n`);
      return views.every((v) => v.state === 'queued') ? 0 : 1;
    } finally {
      closeDatabase(db);
    }
  },
};
