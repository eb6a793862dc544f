import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { GatewayError, bodySnippet, scrubSecrets, toAppFailure } from '../../../electron/main/gateway/errors';
import type { Endpoint, GatewayErrorKind } from '../../../electron/main/gateway/errors';
import { classifyTransportError, decodeReply } from '../../../electron/main/gateway/http';
import { Semaphore, backoffDelayMs } from '../../../electron/main/lib/limiter';

const TOKEN = '0123456789abcdef0123456789abcdef';

function decodeError(endpoint: Endpoint, status: number, body: string, contentType = 'application/json'): GatewayError {
  try {
    decodeReply(endpoint, status, contentType, body, [TOKEN]);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeReply', () => {
  it('accepts error:0 and hands back the JSON', () => {
    expect(decodeReply('getsmsstatus', 200, 'application/json', '{"error":0,"status":1}', []).data).toEqual({ error: 0, status: 1 });
  });

  it('HTTP status other than 200 is a bad reply; 5xx may be retried, 404 not', () => {
    const e500 = decodeError('getallsms', 500, '<html>oops</html>', 'text/html');
    expect([e500.kind, e500.transient, e500.httpStatus]).toEqual(['bad-reply', true, 500]);
    const e404 = decodeError('getallsms', 404, 'Not found', 'text/plain');
    expect([e404.kind, e404.transient]).toEqual(['bad-reply', false]);
  });

  it('a JSON body is read whatever its Content-Type (PHP sends text/html)', () => {
    for (const type of ['text/html; charset=UTF-8', 'text/plain', '', 'application/octet-stream']) {
      expect(decodeReply('getsmsstatus', 200, type, ' {"error":0,"status":1}\n', []).data.status).toBe(1);
    }
  });

  it('HTML or truncated JSON with 200 is a transient bad reply; an HTML page is named as such', () => {
    const page = decodeError('getallsms', 200, '<!doctype html><p>proxy</p>', 'application/json');
    expect([page.kind, page.transient, page.problem]).toEqual(['bad-reply', true, 'the server answered an HTML page']);
    expect(page.toLogLine()).toContain('the server answered an HTML page');
    const truncated = decodeError('getallsms', 200, '{"error":0,"smss":{"1":{"id":');
    expect([truncated.kind, truncated.transient, truncated.bodySnippet]).toEqual(['bad-reply', true, '{"error":0,"smss":{"1":{"id":']);
    expect(truncated.problem).not.toContain('HTML');
  });

  it('no error field: a success when the payload is there, a protocol failure when it is not', () => {
    expect(decodeReply('getalldevices', 200, 'text/html', '{"count":0,"device":[]}', []).data.count).toBe(0);
    expect(decodeReply('getallsms', 200, 'text/html', '{"count":"1","message":"Ok","smss":[]}', []).data.count).toBe('1');
    expect(decodeReply('addsms', 200, 'text/html', '{"sms_id":"7","message":"saved"}', []).data.sms_id).toBe('7');
    const missing = decodeError('getsmsstatus', 200, '{"message":"Ok"}');
    expect([missing.kind, missing.transient]).toEqual(['bad-reply', false]);
    // addalotofsms has no payload: without error:0 nobody can say the messages were queued.
    expect(decodeError('addalotofsms', 200, '{"message":"Sms has been saved successfully"}').message).toMatch(
      /may or may not have been queued/,
    );
  });

  it('error:1 → wrong-credentials on gettoken, maybe-invalid-token when a token endpoint blames the token, else refused', () => {
    expect(decodeError('gettoken', 200, '{"error":1,"message":"Login or password incorrect"}').kind).toBe('wrong-credentials');
    const expired = decodeError('getallsms', 200, '{"error":1,"message":"Token is not valid"}');
    expect([expired.kind, expired.transient, expired.gatewayMessage]).toEqual(['maybe-invalid-token', false, 'Token is not valid']);
    // Shown as the gateway's refusal, not as a sign-out: only the session's confirming read signs out.
    expect(toAppFailure(expired).code).toBe('gateway-refused');
    for (const limit of ['Too many requests for this token', 'Rate limit exceeded for token', 'Token: try again later']) {
      expect(decodeError('getalldevices', 200, JSON.stringify({ error: 1, message: limit })).kind).toBe('refused');
    }
    const refused = decodeError('addsms', 200, '{"error":1,"message":"Device not found"}');
    expect([refused.kind, refused.gatewayMessage]).toEqual(['refused', 'Device not found']);
    expect(refused.message).toContain('Device not found');
    expect(decodeError('addsms', 200, '{"error":"1"}').kind).toBe('refused');
  });

  it('a garbled reply to a write warns that it may have been queued', () => {
    expect(decodeError('addsms', 200, 'garbage').message).toMatch(/may or may not have been queued — check Messages/);
  });
});

describe('classifyTransportError', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });

  it('reads: timeouts are timeout, broken connections network; all may be retried', () => {
    expect(classifyTransportError('getallsms', err('UND_ERR_HEADERS_TIMEOUT'))).toMatchObject({ kind: 'timeout', transient: true });
    expect(classifyTransportError('getallsms', err('UND_ERR_CONNECT_TIMEOUT'))).toMatchObject({ kind: 'timeout', transient: true });
    expect(classifyTransportError('getallsms', err('ECONNRESET'))).toMatchObject({ kind: 'network', transient: true });
    expect(classifyTransportError('getallsms', err('ECONNREFUSED'))).toMatchObject({ kind: 'network', transient: true });
  });

  it('writes: sent without reply is unknown-outcome; never connected is network; neither retried', () => {
    for (const code of ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ECONNRESET', 'UND_ERR_SOCKET', 'EWHATEVER']) {
      expect(classifyTransportError('addsms', err(code))).toMatchObject({ kind: 'unknown-outcome', transient: false });
    }
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT']) {
      const failure = classifyTransportError('savepaket', err(code));
      expect(failure).toMatchObject({ kind: 'network', transient: false });
      expect(failure.message).toContain('was not sent');
    }
    expect(classifyTransportError('addsms', err('ECONNRESET')).message).toBe(
      'The gateway did not confirm the request. The message may or may not have been queued — check Messages before sending again.',
    );
  });

  it('finds the code inside an AggregateError (happy eyeballs)', () => {
    const aggregate = new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')], 'connect failed');
    expect(classifyTransportError('addsms', aggregate).kind).toBe('network');
  });
});

describe('toAppFailure', () => {
  it('maps every kind to its AppFailure code, keeping the user message', () => {
    const codes = {
      'wrong-credentials': 'wrong-credentials',
      'invalid-token': 'invalid-token',
      refused: 'gateway-refused',
      timeout: 'timeout',
      network: 'network',
      'bad-reply': 'bad-reply',
      'unknown-outcome': 'unknown-outcome',
      'maybe-invalid-token': 'gateway-refused',
      'too-large': 'bad-reply',
      cancelled: 'network',
    } as const satisfies Record<GatewayErrorKind, string>;
    for (const [kind, code] of Object.entries(codes)) {
      const failure = toAppFailure(new GatewayError(kind as keyof typeof codes, 'Say this', { endpoint: 'addsms' }));
      expect(failure.toAppError()).toEqual({ code, message: 'Say this' });
    }
  });

  it('passes AppFailure through and hides other errors', () => {
    const validation = new AppFailure('validation', 'Enter a phone number.', 'phone');
    expect(toAppFailure(validation)).toBe(validation);
    expect(toAppFailure(new Error(`boom ${TOKEN}`)).toAppError()).toEqual({
      code: 'internal',
      message: 'Something went wrong while talking to the gateway.',
      key: 'refusals.gatewayTrouble',
    });
  });
});

describe('secrets', () => {
  it('scrubs the token in raw, JSON and form shapes, and any 32-hex run', () => {
    const text = `token=${TOKEN}&x=1 {"token":"short-secret"} ${TOKEN.toUpperCase()} pass=hunter22`;
    const scrubbed = scrubSecrets(text, [TOKEN]);
    expect(scrubbed).not.toContain(TOKEN);
    expect(scrubbed).not.toContain(TOKEN.toUpperCase());
    expect(scrubbed).not.toContain('short-secret');
    expect(scrubbed).not.toContain('hunter22');
  });

  it('scrubs a password with special characters, raw and URL-encoded', () => {
    const password = 'p@ss w+rd&1';
    const scrubbed = scrubSecrets(`echo ${password} / ${new URLSearchParams({ p: password }).toString()}`, [password]);
    expect(scrubbed).not.toContain(password);
    expect(scrubbed).not.toContain('w%2Brd');
  });

  it('snippets are at most ~200 bytes, scrubbed before cutting', () => {
    const body = `${'x'.repeat(190)}${TOKEN}${'y'.repeat(500)}`;
    const snippet = bodySnippet(body, [TOKEN]);
    expect(Buffer.byteLength(snippet)).toBeLessThanOrEqual(204);
    expect(snippet).not.toMatch(/0123456789/);
  });

  it('an error carries no token in message, log line or inspection', () => {
    const failure = decodeError('getallsms', 500, `<html>token=${TOKEN} failed for ${TOKEN}</html>`, 'text/html');
    for (const text of [failure.message, failure.toLogLine(), inspect(failure), JSON.stringify(failure)]) {
      expect(text).not.toContain(TOKEN);
    }
  });
});

describe('limiter and backoff', () => {
  it('full jitter: uniform in [0, base·2^attempt), capped', () => {
    expect(backoffDelayMs(0, 100, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, 100, () => 0.5)).toBe(400);
    expect(backoffDelayMs(20, 100, () => 0.5)).toBe(5000);
    expect(backoffDelayMs(2, 100, () => 0)).toBe(0);
  });

  it('lets at most `limit` tasks run and serves the rest in order', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const gates = [0, 1, 2, 3].map(() => {
      let resolve = (): void => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const runs = gates.map((gate, i) =>
      semaphore.run(async () => {
        order.push(i);
        await gate.promise;
      }),
    );
    await new Promise(setImmediate);
    expect([semaphore.inFlight, semaphore.queued, order]).toEqual([2, 2, [0, 1]]);
    gates[1]?.resolve();
    await runs[1];
    expect(order).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    await Promise.all(runs);
    expect(semaphore.inFlight).toBe(0);
  });

  it('close() rejects waiting work', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const waiting = semaphore.acquire();
    semaphore.close();
    await expect(waiting).rejects.toThrow(/closed/);
    release();
  });
});
