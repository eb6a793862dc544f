import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ENDPOINTS } from './endpoints';
import type { EndpointDeps, RequestContext } from './endpoints';
import { Refusal } from './formats';

// The HTTP surface: /getdata/<endpoint> over GET or POST (urlencoded or multipart), always HTTP 200 with
// a JSON body, errors in the body. Anything else gets what a plain web server would answer: HTML 404.

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface ServerOptions extends EndpointDeps {
  latencyMs: number;
  /** Called after a request that may have changed state was handled. */
  onRequest: () => void;
}

export function createSandboxServer(options: ServerOptions): Server {
  const server = createServer((req, res) => {
    handle(req, res, options, server).catch((error: unknown) => {
      // A bug in the sandbox: answer like a crashed PHP script would, without echoing the request.
      console.error('[sandbox] internal error', error instanceof Error ? error.message : error);
      if (!res.headersSent) sendHtml(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ServerOptions, server: Server): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  if (options.latencyMs > 0) await delay(options.latencyMs);

  const file = /^\/files\/([0-9a-f]+\.(?:jpg|png|gif|webp))$/.exec(url.pathname);
  if (file && req.method === 'GET') {
    const stored = options.state.files.get(file[1]!);
    if (!stored) return sendHtml(res, 404, 'Not Found');
    res.writeHead(200, { 'content-type': stored.mimeType, 'content-length': stored.data.byteLength });
    res.end(stored.data);
    return;
  }

  const name = /^\/getdata\/([a-z]+)\/?$/.exec(url.pathname)?.[1] ?? '';
  const handler = Object.hasOwn(ENDPOINTS, name) ? ENDPOINTS[name] : undefined;
  if (!handler) return sendHtml(res, 404, 'Not Found');
  if (req.method !== 'GET' && req.method !== 'POST') return sendHtml(res, 405, 'Method Not Allowed');

  const body = await readBody(req);
  if (body === null) return sendHtml(res, 413, 'Request Entity Too Large');
  const ctx: RequestContext = { params: new Map(), files: new Map(), origin };
  for (const [key, value] of url.searchParams) ctx.params.set(key, value);
  if (req.method === 'POST') await readForm(req.headers['content-type'] ?? '', body, ctx);

  options.sim.catchUp();
  let json: string;
  try {
    json = await handler(ctx, options);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    json = JSON.stringify({ error: 1, message: error.message });
  }
  // Reads change nothing, except gettoken, which may mint the account's token.
  if (name === 'gettoken' || !name.startsWith('get')) options.onRequest();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** The body, or null when it is over the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Form fields override query fields (last value wins, as in PHP). Other body types (JSON, text) are
 * ignored like PHP ignores them, so a client sending JSON sees its fields missing.
 */
async function readForm(contentType: string, body: Buffer, ctx: RequestContext): Promise<void> {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) ctx.params.set(key, value);
  } else if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
    } catch {
      return; // malformed multipart: PHP would see no fields either
    }
    for (const [key, value] of form) {
      if (typeof value === 'string') ctx.params.set(key, value);
      else ctx.files.set(key, value);
    }
  }
}

function sendHtml(res: ServerResponse, status: number, title: string): void {
  const html = `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><hr><address>sandbox</address></body></html>\n`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}
