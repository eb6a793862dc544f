import { describe, expect, it } from 'vitest';
import { GATEWAY_DEFAULTS } from '../../../electron/main/gateway';
import { JOB_DEFAULTS } from '../../../electron/main/jobs';

// "A graceful stop never leaves an unknown outcome behind": the stop waits for requests in flight, so it must
// wait at least as long as a write can take before its own deadline ends it.
describe('graceful stop and write deadlines', () => {
  it('a graceful stop waits longer than any write can take', () => {
    expect(JOB_DEFAULTS.stopTimeoutMs).toBeGreaterThan(GATEWAY_DEFAULTS.writeTimeoutMs);
    // …and a write's deadline is its own: reads may take longer (retries), writes are never retried.
    expect(GATEWAY_DEFAULTS.writeTimeoutMs).toBeLessThanOrEqual(GATEWAY_DEFAULTS.requestTimeoutMs);
  });
});
