import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ENDPOINTS } from './endpoints';
import type { EndpointDeps, RequestContext } from './endpoints';
import type { WriteFaults } from './faults';
import { Refusal } from './formats';

// The HTTP surface: /getdata/<endpoint> over GET or POST (urlencoded or multipart), always HTTP 200 with
// a JSON body, errors in the body. Anything else gets what a plain web server would answer: HTML 404.
// /__sandbox/<action> is the sandbox's own control panel (no such path on the service).

const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** The endpoints that change something: the ones the fault switch may cut off after they commit. */
const WRITES = new Set(['addsms', 'smstosend', 'addalotofsms', 'savetag', 'savecontact', 'savepaket']);

export const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  /** What the service sends: PHP's default header in front of a JSON body. */
  php: 'text/html; charset=UTF-8',
} as const;

export type ControlHandler = (action: string, params: Map<string, string>) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface ServerOptions extends EndpointDeps {
  /** Read on every request, so it can change while the server runs. */
  latency: { ms: number };
  faults: WriteFaults;
  contentType: keyof typeof CONTENT_TYPES;
  control: ControlHandler;
  /** Called after a request that may have changed state was handled. */
  onRequest: () => void;
  /**
   * Where the sandbox's own errors go. Given by whoever starts it (main's logger, the standalone CLI's): the
   * sandbox imports nothing of main's, so its built chunk stays self-contained.
   */
  log?: (message: string) => void;
}

export function createSandboxServer(options: ServerOptions): Server {
  const server = createServer((req, res) => {
    handle(req, res, options, server).catch((error: unknown) => {
      // A bug in the sandbox: answer like a crashed PHP script would, without echoing the request.
      options.log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
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

  const action = /^\/__sandbox\/([a-z-]+)$/.exec(url.pathname)?.[1];
  if (action !== undefined) return handleControl(req, res, url, action, options);

  if (options.latency.ms > 0) await delay(options.latency.ms);

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
  if (WRITES.has(name) && json.startsWith('{"error":0') && options.faults.dropThisOne()) {
    // Committed, but the client gets a reset instead of the reply: its outcome is unknown to it.
    res.socket?.resetAndDestroy();
    return;
  }
  // Encoded once: byteLength and then end(string) would each walk a getallsms reply of megabytes.
  const bytes = Buffer.from(json);
  res.writeHead(200, { 'content-type': CONTENT_TYPES[options.contentType], 'content-length': bytes.length });
  res.end(bytes);
}

/** /__sandbox/<action>: query and urlencoded form fields in, JSON out; 400 with `{"error": …}` when refused. */
async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, action: string, options: ServerOptions): Promise<void> {
  const body = await readBody(req);
  if (body === null) return sendHtml(res, 413, 'Request Entity Too Large');
  const ctx: RequestContext = { params: new Map(url.searchParams), files: new Map(), origin: '' };
  if (req.method === 'POST') await readForm(req.headers['content-type'] ?? '', body, ctx);
  let status = 200;
  let result: Record<string, unknown>;
  try {
    options.sim.catchUp();
    result = await options.control(action, ctx.params);
  } catch (error) {
    status = error instanceof ControlError ? error.status : 400;
    result = { error: error instanceof Error ? error.message : String(error) };
  }
  const json = JSON.stringify(result);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
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
      form = await new Request('http://127.0.0.1/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(body),
      }).formData();
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
