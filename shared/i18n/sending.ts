// Words of what goes out (issue 17): newsletter placeholders, current opt-outs, WhatsApp image + text, stopping
// campaigns, the confirmation step. English and Português do Brasil, same keys.

export const sendingEn = {
  placeholder: {
    asCampaign: 'Send as a personalised campaign to the same tags',
    prefilledTag: 'Tag: {{tags}}',
    prefilledTags: 'Tags: {{tags}}',
    otherTags: 'Choose other recipients',
  },
  optedOut: {
    pill: 'Opted out',
    leftOut_one: '{{count}} opted-out recipient is left out:',
    leftOut_other: '{{count}} opted-out recipients are left out:',
    more_one: '… and {{count}} more',
    more_other: '… and {{count}} more',
    replied: 'replied “{{reply}}” on {{when}}',
    repliedKeyword: 'replied {{keyword}} on {{when}}',
    byHand: 'added to the opt-out list by hand on {{when}}',
    notSent: 'will not get this message',
  },
  image: {
    textFirst: 'On WhatsApp the text goes as its own message right before the image (two messages, same phone).',
    shrunk: 'The photo was {{from}}: it was made smaller to {{to}} so it can be sent.',
    cannotShrink: 'This photo could not be made small enough to send. Choose a smaller one.',
  },
  whatsApp: {
    noCounter: 'WhatsApp has no SMS length limit: the text goes as one message.',
  },
};

export type SendingWords = typeof sendingEn;

export const sendingPtBR: SendingWords = {
  placeholder: {
    asCampaign: 'Enviar como envio personalizado para as mesmas tags',
    prefilledTag: 'Tag: {{tags}}',
    prefilledTags: 'Tags: {{tags}}',
    otherTags: 'Escolher outros destinatários',
  },
  optedOut: {
    pill: 'Pediu para sair',
    leftOut_one: '{{count}} destinatário que pediu para sair fica de fora:',
    leftOut_other: '{{count}} destinatários que pediram para sair ficam de fora:',
    more_one: '… e mais {{count}}',
    more_other: '… e mais {{count}}',
    replied: 'respondeu “{{reply}}” em {{when}}',
    repliedKeyword: 'respondeu {{keyword}} em {{when}}',
    byHand: 'incluído à mão na lista de quem pediu para sair em {{when}}',
    notSent: 'não vai receber esta mensagem',
  },
  image: {
    textFirst: 'No WhatsApp o texto vai como uma mensagem própria logo antes da imagem (duas mensagens, mesmo celular).',
    shrunk: 'A foto tinha {{from}}: foi reduzida para {{to}} para poder ser enviada.',
    cannotShrink: 'Não foi possível reduzir esta foto o bastante para enviar. Escolha uma menor.',
  },
  whatsApp: {
    noCounter: 'O WhatsApp não tem limite de tamanho de SMS: o texto vai como uma mensagem só.',
  },
};
