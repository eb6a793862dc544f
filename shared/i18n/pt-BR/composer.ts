import type { ComposerWords } from '../en/composer';

// Palavras em português do Brasil: composer (the same keys as ../en/composer.ts).

export const composerPtBR: ComposerWords = {
  steps: {
    label: 'Etapas',
    recipients: 'Destinatários',
    message: 'Mensagem',
    when: 'Quando e aparelhos',
    review: 'Revisão',
    position: 'Etapa {{n}} de {{total}}',
  },
  back: 'Voltar',
  next: 'Avançar',
  toReview: 'Revisar',
  disabled: {
    noTitle: 'Dê um título primeiro.',
    noMessageOrImage: 'Escreva a mensagem ou escolha uma imagem primeiro.',
    checkingImage: 'A imagem ainda está sendo preparada.',
    noTestNumber: 'Digite o número que recebe o teste.',
  },
  noTags: 'Ainda não há etiquetas.',
  noTagsLink: 'Importe contatos primeiro',
  campaign: {
    recipients: 'Quem recebe esta campanha?',
    message: 'O que ela diz?',
    when: 'Quando, e de quais aparelhos?',
  },
  newsletter: {
    recipients: 'Quais etiquetas recebem esta newsletter?',
    message: 'O que ela diz?',
    when: 'Quando, e de qual aparelho?',
  },
  send: {
    composeTitle: 'Quem recebe e o que diz',
    title: 'Enviar esta mensagem?',
    to_one: 'Para {{count}} número: {{numbers}}',
    to_other: 'Para {{count}} números: {{numbers}}',
    more_one: '… e mais {{count}}',
    more_other: '… e mais {{count}}',
    optedOut_one: 'Fica de fora, {{count}} descadastrado: {{numbers}}',
    optedOut_other: 'Ficam de fora, {{count}} descadastrados: {{numbers}}',
    from: 'De: {{phone}} · {{channel}}',
    urgent: 'Urgente: passa na frente da fila do aparelho',
    segments_one: '{{count}} SMS por número',
    segments_other: '{{count}} SMS por número',
    segmentsTotal_one: '{{count}} SMS no total',
    segmentsTotal_other: '{{count}} SMS no total',
    whatsApp: 'No WhatsApp: sem contagem de SMS',
    image: 'Imagem: {{name}} · {{size}}',
    textFirst: 'O texto vai como uma mensagem própria logo antes da imagem.',
    noText: 'Sem texto: só a imagem.',
  },
};
