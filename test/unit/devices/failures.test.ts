import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../electron/main/gateway';
import { AppFailure } from '../../../shared/errors';
import { failureCode, isUnreachable } from '../../../electron/main/devices/failures';

describe('reading what the gateway client threw', () => {
  it('maps the real GatewayError kinds to app error codes', () => {
    const err = (kind: ConstructorParameters<typeof GatewayError>[0]) => new GatewayError(kind, 'x', { endpoint: 'getalldevices' });
    expect(failureCode(err('network'))).toBe('network');
    expect(failureCode(err('timeout'))).toBe('timeout');
    expect(failureCode(err('bad-reply'))).toBe('bad-reply');
    expect(failureCode(err('invalid-token'))).toBe('invalid-token');
    expect(failureCode(err('refused'))).toBe('gateway-refused');
  });

  it('reads AppFailure codes and calls anything else internal', () => {
    expect(failureCode(new AppFailure('not-signed-in', 'x'))).toBe('not-signed-in');
    expect(failureCode(new TypeError('boom'))).toBe('internal');
    expect(failureCode('nope')).toBe('internal');
  });

  it('counts only transport failures as the gateway being unreachable', () => {
    expect(['timeout', 'network', 'bad-reply'].every((c) => isUnreachable(c as never))).toBe(true);
    expect(isUnreachable('gateway-refused')).toBe(false);
    expect(isUnreachable('internal')).toBe(false);
  });
});
