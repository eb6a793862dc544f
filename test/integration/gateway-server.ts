import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayClient } from '../../electron/main/gateway';
import type { GatewayClient, GatewayClientOptions } from '../../electron/main/gateway';
import { GatewayError } from '../../electron/main/gateway';

// A small server on 127.0.0.1 that answers like the real service, or misbehaves, as each test says; and the
// real client pointed at it. Shared by the gateway-*.test.ts files that need no scripted sequence.

export const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface TestServer {
  baseUrl: string;
  /** Requests seen, by path ("/getdata/addsms"). */
  paths: string[];
  /** Form bodies seen, decoded. */
  forms: URLSearchParams[];
  handle: Handler;
  stop(): Promise<void>;
}

export async function startServer(handle: Handler): Promise<TestServer> {
  const state: TestServer = { baseUrl: '', paths: [], forms: [], handle, stop: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.paths.push(req.url ?? '');
      state.forms.push(new URLSearchParams(body));
      state.handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/getdata/`;
  state.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

/** What PHP sends by default: JSON under text/html. */
export function phpJson(value: unknown): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }).end(typeof value === 'string' ? value : JSON.stringify(value));
  };
}

/** The real client with test-sized limits; the caller closes it. */
export function clientFor(server: TestServer, logs: string[], options: GatewayClientOptions = {}): GatewayClient {
  return createGatewayClient({
    baseUrl: server.baseUrl,
    token: () => TOKEN,
    readRetries: 2,
    retryBaseDelayMs: 1,
    log: (line) => logs.push(line),
    ...options,
  });
}

export async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}
