import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { FakeBridge, refuse } from './fake-bridge';
import { renderApp } from './render-app';
import { phone, settingsView, snapshot } from './phones';

// The Send screen with an image (issue 17): on WhatsApp it says the text goes as its own message before the
// image and shows no SMS counter; a photo over the limit is shrunk in the renderer (canvas; stubbed here, the e2e
// runs the real one) and handed to main; a file that is not an image gets a sentence and the old preview goes;
// sizes in KB below a megabyte, in MB from one up (the limit reads "5 MB"); a single-SIM phone offers no "SIM 2".

vi.mock('../../renderer/src/pages/send/shrink-image', () => ({ shrinkImage: vi.fn(async () => 'data:image/jpeg;base64,/9j/4AAQ') }));

/** The account's one phone, Front desk, online with one SIM. */
const phones = () => snapshot([phone(7, 'Front desk')]);
const settings = () => settingsView({ defaultDeviceId: 7, defaultSim: 2, timeZone: 'UTC' });
const small = {
  imageId: 'img-1',
  name: 'promo.png',
  size: 348_160,
  mimeType: 'image/png' as const,
  dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
};

describe('Send screen with an image', () => {
  it('on WhatsApp: no SMS counter, says the text goes first, sizes in KB; a single-SIM phone offers no SIM 2', async () => {
    const bridge = new FakeBridge({ 'settings:get': settings, 'devices:snapshot': phones, 'sending:pickImage': () => small });
    const { user } = await renderApp({ bridge, path: '/send' });
    await user.type(await screen.findByRole('textbox', { name: /^Message/ }), 'Nova coleção');
    expect(screen.queryByTestId('sms-counter')).toBeNull();
    expect(screen.getByText('WhatsApp has no SMS length limit: the text goes as one message.')).toBeTruthy();
    expect(screen.getByText('JPEG, PNG, WebP or GIF, at most 5 MB.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Choose an image…' }));
    expect((await screen.findByRole('img', { name: 'Preview of promo.png' })).closest('figure')!.textContent).toContain(
      'promo.png · 340 KB',
    );
    expect(screen.getByTestId('image-text-note').textContent).toBe(
      'On WhatsApp the text goes as its own message right before the image (two messages, same phone).',
    );
    const channels = [...screen.getByRole<HTMLSelectElement>('combobox', { name: /^Channel/ }).options].map((o) => o.textContent);
    expect(channels.some((c) => /SIM 2/.test(c ?? ''))).toBe(false);
  });

  it('a photo over the limit is made smaller here and kept by main, saying from and to', async () => {
    const bridge = new FakeBridge({
      'settings:get': settings,
      'devices:snapshot': phones,
      'sending:pickImage': () => ({
        imageId: '',
        name: 'IMG_0042.jpg',
        size: 9_437_184,
        mimeType: 'image/jpeg',
        dataUrl: 'data:image/jpeg;base64,/9j/big',
        oversize: true,
      }),
      'sending:putImage': (input) => ({
        imageId: 'img-2',
        name: 'IMG_0042.jpg',
        size: 1_258_291,
        mimeType: 'image/jpeg',
        dataUrl: input.dataUrl,
      }),
    });
    const { user } = await renderApp({ bridge, path: '/send' });
    await user.click(await screen.findByRole('button', { name: 'Choose an image…' }));
    await waitFor(() =>
      expect(screen.getByTestId('image-shrunk').textContent).toBe('The photo was 9 MB: it was made smaller to 1.2 MB so it can be sent.'),
    );
    expect(bridge.callsTo('sending:putImage')).toEqual([{ name: 'IMG_0042.jpg', dataUrl: 'data:image/jpeg;base64,/9j/4AAQ' }]);
    expect(screen.getByRole('img', { name: 'Preview of IMG_0042.jpg' })).toBeTruthy();
  });

  it('a file that is not an image: a sentence, and the old preview goes away', async () => {
    let next: 'ok' | 'pdf' = 'ok';
    const bridge = new FakeBridge({
      'settings:get': settings,
      'devices:snapshot': phones,
      'sending:pickImage': () =>
        next === 'ok'
          ? small
          : refuse('validation', 'menu.pdf is not an image', {
              field: 'imageId',
              key: 'refusals.notAnImage',
              params: { name: 'menu.pdf' },
            }),
    });
    const { user } = await renderApp({ bridge, path: '/send' });
    await user.click(await screen.findByRole('button', { name: 'Choose an image…' }));
    await screen.findByRole('img', { name: 'Preview of promo.png' });
    next = 'pdf';
    await user.click(screen.getByRole('button', { name: 'Another image…' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '“menu.pdf” is not an image (JPEG, PNG, WebP or GIF). Choose a photo or picture.',
    );
    expect(screen.queryByRole('img', { name: /Preview of/ })).toBeNull();
    expect(document.body.textContent).not.toMatch(/imageId/);
  });
});
