import type { Sandbox } from '../../electron/sandbox/index';

// Plain-fetch helpers for the sandbox tests: they speak the wire format directly, so the sandbox is
// tested on its own, independent of the gateway client.

export type Reply = Record<string, unknown> & { error?: number; message?: string };

export async function call(
  sandbox: Sandbox,
  endpoint: string,
  params: Record<string, string | number>,
  method: 'GET' | 'POST' = 'GET',
): Promise<Reply> {
  const form = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res =
    method === 'GET'
      ? await fetch(`${sandbox.baseUrl}${endpoint}?${form.toString()}`)
      : await fetch(`${sandbox.baseUrl}${endpoint}`, { method: 'POST', body: form });
  if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${endpoint}`);
  return (await res.json()) as Reply;
}

export async function signIn(sandbox: Sandbox): Promise<string> {
  const reply = await call(sandbox, 'gettoken', { email: sandbox.demo.email, pass: sandbox.demo.password });
  if (typeof reply.token !== 'string') throw new Error(`sign-in failed: ${String(reply.message)}`);
  return reply.token;
}

export async function statusOf(sandbox: Sandbox, token: string, smsId: number): Promise<number> {
  const reply = await call(sandbox, 'getsmsstatus', { token, sms_id: smsId });
  if (reply.error !== 0) throw new Error(String(reply.message));
  return reply.status as number;
}

export async function addSms(sandbox: Sandbox, token: string, fields: Record<string, string | number>): Promise<number> {
  const reply = await call(sandbox, 'addsms', { token, body: 'Hello from the test', ...fields }, 'POST');
  if (reply.error !== 0) throw new Error(String(reply.message));
  return reply.sms_id as number;
}

export interface Row {
  id: number;
  sendto: string;
  body: string;
  customerid: number | null;
  status: number;
  urgent: true | null;
  senttime: { date: string } | null;
  paketid: number | null;
  pakettitle: string | null;
  paketbody: string | null;
}

export async function messages(sandbox: Sandbox, token: string, filter: Record<string, string | number> = {}): Promise<Row[]> {
  const reply = await call(sandbox, 'getallsms', { token, ...filter });
  if (reply.error !== 0) throw new Error(String(reply.message));
  return Array.isArray(reply.smss) ? [] : Object.values(reply.smss as Record<string, Row>);
}

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
