import { describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../../electron/main/router';
import { invokeChannels, type Handlers } from '../../../shared/ipc';
import { AppFailure } from '../../../shared/errors';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const session = {
  signedIn: true,
  email: 'a@b.co',
  server: 'https://x.test/',
  keychainBackend: 'keytar' as const,
  sandbox: false,
  storageConsentNeeded: false,
  endedBecause: null,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  // Every channel of the contract answers "unused" unless a test says otherwise.
  const all = Object.fromEntries(invokeChannels.map((channel) => [channel, unused])) as unknown as Handlers;
  return {
    ...all,
    'app:info': () => ({ name: 'Relay Desk', version: '1.2.3', platform: 'linux', locale: 'pt-BR' }),
    'session:get': () => session,
    ...overrides,
  };
}

describe('router', () => {
  it('dispatches a valid call to its service and returns the value', async () => {
    const router = createRouter(handlers());
    await expect(router.handle('app:info', undefined)).resolves.toEqual({
      ok: true,
      value: { name: 'Relay Desk', version: '1.2.3', platform: 'linux', locale: 'pt-BR' },
    });
  });

  it('passes the parsed input to the service', async () => {
    const signIn = vi.fn(() => session);
    const router = createRouter(handlers({ 'session:signIn': signIn }));
    const input = { email: 'ana@loja.com.br', password: 'secret', server: 'https://smsgateway24.com/getdata/' };
    await expect(router.handle('session:signIn', input)).resolves.toMatchObject({ ok: true });
    expect(signIn).toHaveBeenCalledWith(input);
  });

  it('rejects invalid input with a validation AppError naming the field, without calling the service', async () => {
    const signIn = vi.fn(() => session);
    const router = createRouter(handlers({ 'session:signIn': signIn }));
    const result = await router.handle('session:signIn', { email: 'ana@loja.com.br', password: '', server: 'https://x.test/' });
    // People read errors.validation (no field name); main's sentence names it for logs and forms.
    expect(result).toEqual({
      ok: false,
      error: { code: 'validation', field: 'password', key: 'errors.validation', message: expect.stringContaining('password') },
    });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('names nested fields by path', async () => {
    const update = vi.fn(() => DEFAULT_SETTINGS);
    const router = createRouter(handlers({ 'settings:update': update }));
    const result = await router.handle('settings:update', { notifications: { deviceOffline: 'yes' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field: 'notifications.deviceOffline' } });
  });

  it('refuses unknown channels, including prototype names', async () => {
    const router = createRouter(handlers());
    for (const channel of ['devices:delete', '__proto__', 'constructor', 42]) {
      await expect(router.handle(channel, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('returns a service AppFailure as its AppError', async () => {
    const router = createRouter(
      handlers({
        'session:signIn': () => {
          throw new AppFailure('wrong-credentials', 'Login or password incorrect');
        },
      }),
    );
    const result = await router.handle('session:signIn', { email: 'a@b.co', password: 'x', server: 'https://x.test/' });
    expect(result).toEqual({ ok: false, error: { code: 'wrong-credentials', message: 'Login or password incorrect' } });
  });

  it('hides unexpected errors behind a generic message and logs the stack in main only', async () => {
    const log = vi.fn();
    const router = createRouter(
      handlers({
        'app:info': () => {
          throw new Error('ENOENT /home/ana/secret/path');
        },
      }),
      { log },
    );
    const result = await router.handle('app:info', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong. Please try again.' } });
    expect(JSON.stringify(result)).not.toContain('ENOENT');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ENOENT'));
  });
});
