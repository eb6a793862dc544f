import { expect, it } from 'vitest';
import { translator } from '../../../shared/i18n';

// Portuguese says "0 mensagens", not "0 mensagem" (its plural rule puts 0 with 1); English is unchanged.
it('counts zero as plural in Portuguese, everywhere a word is counted', () => {
  const pt = translator('pt-BR');
  expect(pt('messages.home.totalToday', { count: 0 })).toBe('0 mensagens hoje');
  expect(pt('messages.home.totalToday', { count: 1 })).toBe('1 mensagem hoje');
  expect(pt('messages.mirror.count', { count: 0 })).toBe('0 mensagens neste computador');
  expect(pt('inbox.unreadSummary', { count: 0 })).toBe('0 respostas não lidas');
  expect(translator('en')('messages.home.totalToday', { count: 0 })).toBe('0 messages today');
});
