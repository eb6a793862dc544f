import { describe, expect, it } from 'vitest';
import { notificationText } from '../../../electron/main/devices/notification-text';
import { translator } from '../../../shared/i18n';

// Main speaks from the same catalogue as the renderer: notifications in the language chosen in Settings,
// with real plural forms.

const offline = { title: 'Front desk', deviceId: 7, online: false, waiting: 0, agoMs: 3 * 60_000 };

describe('desktop notifications from the shared catalogue', () => {
  it('words a phone going offline in English and in Portuguese', () => {
    expect(notificationText('en', offline)).toEqual({
      title: 'Front desk is offline',
      body: 'Last seen 3 min ago. Messages wait on the gateway until it is back.',
    });
    expect(notificationText('pt-BR', offline)).toEqual({
      title: 'Front desk está offline',
      body: 'Visto há 3 min. As mensagens esperam no gateway até ele voltar.',
    });
  });

  it('uses singular and plural forms instead of "message(s)"', () => {
    const back = { ...offline, online: true };
    expect(notificationText('en', { ...back, waiting: 1 }).body).toBe('It will now send 1 waiting message.');
    expect(notificationText('en', { ...back, waiting: 12 }).body).toBe('It will now send the 12 waiting messages.');
    expect(notificationText('pt-BR', { ...back, waiting: 1 }).body).toBe('Agora vai enviar 1 mensagem na fila.');
    expect(notificationText('pt-BR', { ...back, waiting: 12 }).body).toBe('Agora vai enviar as 12 mensagens na fila.');
    expect(notificationText('en', { ...back, waiting: 0 }).body).toBe('It is polling the gateway again.');
  });

  it('rounds "last seen" to the unit a person would say, and names an untitled phone', () => {
    expect(notificationText('en', { ...offline, agoMs: 60 * 60_000 }).body).toMatch(/^Last seen 1 h ago\./);
    expect(notificationText('en', { ...offline, agoMs: 50 * 3600_000 }).body).toMatch(/^Last seen 2 days ago\./);
    expect(notificationText('en', { ...offline, agoMs: 24 * 3600_000 }).body).toMatch(/^Last seen 24 h ago\./);
    expect(notificationText('pt-BR', { ...offline, agoMs: 72 * 3600_000 }).body).toMatch(/^Visto há 3 dias\./);
    expect(notificationText('pt-BR', { ...offline, agoMs: 26 * 3600_000 }).body).toMatch(/^Visto há 26 h\./);
    expect(notificationText('en', { ...offline, agoMs: null }).body).toMatch(/^It has not been seen yet\./);
    expect(notificationText('pt-BR', { ...offline, title: '' }).title).toBe('Celular 7 está offline');
  });
});

describe('one translator per language', () => {
  it('keeps the languages apart (no shared global language)', () => {
    const en = translator('en');
    const pt = translator('pt-BR');
    expect(en('tray.quit')).toBe('Quit Relay Desk');
    expect(pt('tray.quit')).toBe('Sair do Relay Desk');
    expect(en('tray.open')).toBe('Open Relay Desk');
  });
});
