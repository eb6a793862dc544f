// Words of what goes out (issue 17): newsletter placeholders, current opt-outs, WhatsApp image + text, stopping
// campaigns, the confirmation step. English and Português do Brasil, same keys.

export const sendingEn = {
  placeholder: {
    asCampaign: 'Send as a personalised campaign to the same tags',
    prefilled_one: 'Tag: {{tags}}',
    prefilled_other: 'Tags: {{tags}}',
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
};

export type SendingWords = typeof sendingEn;

export const sendingPtBR: SendingWords = {
  placeholder: {
    asCampaign: 'Enviar como envio personalizado para as mesmas tags',
    prefilled_one: 'Tag: {{tags}}',
    prefilled_other: 'Tags: {{tags}}',
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
};
