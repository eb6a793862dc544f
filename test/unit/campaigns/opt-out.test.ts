import { describe, expect, it } from 'vitest';
import { detectOptOut, normaliseReply } from '../../../electron/main/optouts/detect';
import { MESSAGE_LANGUAGES, OPT_OUT_FOOTERS, optOutFooterCost, withOptOutFooter } from '../../../shared/opt-out-footer';
import { countSms } from '../../../shared/sms';

describe('detectOptOut', () => {
  it.each([
    ['STOP', 'stop', 'en'],
    ['stop', 'stop', 'en'],
    ['  Stop.  ', 'stop', 'en'],
    ['STOP!!!', 'stop', 'en'],
    ['Stop sending me these', 'stop', 'en'],
    ['unsubscribe', 'unsubscribe', 'en'],
    ['Opt-out', 'opt out', 'en'],
    ['Remove me from your list', 'remove me', 'en'],
    ['cancel', 'cancel', 'en'],
    ['QUIT please', 'quit', 'en'],
    ['Please stop', 'stop', 'en'],
    ['Por favor, sair', 'sair', 'pt'],
    ['Sair', 'sair', 'pt'],
    [' sáir ', 'sair', 'pt'],
    ['SAIR da lista', 'sair', 'pt'],
    ['🛑 PARAR', 'parar', 'pt'],
    ['Pare de me mandar mensagem', 'pare', 'pt'],
    ['Descadastrar', 'descadastrar', 'pt'],
    ['me descadastre por favor', 'me descadastre', 'pt'],
    ['CANCELAR', 'cancelar', 'pt'],
    ['Cancelar, obrigado', 'cancelar', 'pt'],
    ['BAJA', 'baja', 'es'],
    ['Dar de baja', 'dar de baja', 'es'],
    ['darme de baja por favor', 'darme de baja', 'es'],
    ['Alto', 'alto', 'es'],
    ['¡Basta!', 'basta', 'es'],
    // Forms a real phone keyboard produces: accents, capitals, punctuation, leading spaces, greetings.
    ['SAÍR', 'sair', 'pt'],
    ['sair', 'sair', 'pt'],
    ['Parar por favor', 'parar', 'pt'],
    ['STOP.', 'stop', 'en'],
    ['   stop', 'stop', 'en'],
    ['UNSUBSCRIBE', 'unsubscribe', 'en'],
    ['Oi, SAIR', 'sair', 'pt'],
    ['Boa tarde! Parar.', 'parar', 'pt'],
    // A clear request later in a short reply.
    ['Oi, quero sair da lista', 'quero sair', 'pt'],
    ['Olá, não quero mais receber essas mensagens', 'nao quero mais receber', 'pt'],
    ['Por gentileza me tirem da lista', 'me tirem da lista', 'pt'],
    ['Hi, can you unsubscribe me?', 'unsubscribe', 'en'],
    ['No, stop sending', 'stop sending', 'en'],
    ['quiero darme de baja', 'darme de baja', 'es'],
    ['Por favor no me envíen más', 'no me envien', 'es'],
  ])('%j opts out (%s, %s)', (body, keyword, language) => {
    expect(detectOptOut(body)).toEqual({ keyword, language });
  });

  it.each([
    "don't stop sending",
    'I will stop by the shop', // a keyword after another word is a sentence, not a command
    'Cancelar o pedido 123',
    'cancel my order',
    'Alto volume na loja?',
    'The end of the month works',
    'Stopover in Lisbon', // a longer word that starts with the keyword
    'Saira amanhã',
    'Quando vai sair meu pedido?', // "sair" mid-sentence is "come out", not a request
    'Não quero sair da lista', // turned around by the word right before
    'Boa tarde',
    'Obrigado!',
    '',
    '   ',
    '👍',
  ])('%j does not opt out', (body) => {
    expect(detectOptOut(body)).toBeNull();
  });

  it('folds case, accents, punctuation and spacing', () => {
    expect(normaliseReply('  ¡DÁR   de-BAJA!! ')).toBe('dar de baja');
  });
});

describe('opt-out footers', () => {
  it('has a footer for every language, each naming a keyword the detection knows', () => {
    for (const language of MESSAGE_LANGUAGES) {
      const footer = OPT_OUT_FOOTERS[language];
      const keyword = footer.split(' ')[1]!;
      expect(detectOptOut(keyword)?.language, footer).toBeDefined();
    }
  });

  it('keeps every footer in GSM-7, so it never turns a message into Unicode by itself', () => {
    for (const language of MESSAGE_LANGUAGES) expect(countSms(OPT_OUT_FOOTERS[language]).encoding).toBe('gsm7');
  });

  it('puts the footer on its own line and counts what it adds', () => {
    expect(withOptOutFooter('Promo today!  \n', 'en')).toBe('Promo today!\nReply STOP to opt out');
    const short = optOutFooterCost('Promo today!', 'en');
    expect(short).toMatchObject({ extraSegments: 0 });
    expect(short.after.units).toBe(12 + 1 + 21);
    const full = optOutFooterCost('a'.repeat(150), 'pt');
    expect(full.before.segments).toBe(1);
    expect(full.after.segments).toBe(2);
    expect(full.extraSegments).toBe(1);
    // A Unicode body stays Unicode; the footer costs its length in UCS-2 units.
    const unicode = optOutFooterCost('Promoção hoje', 'pt');
    expect(unicode.after.encoding).toBe('ucs2');
    expect(unicode.after.units).toBe(13 + 1 + OPT_OUT_FOOTERS.pt.length);
  });
});
