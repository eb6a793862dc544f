import type { SendingWords } from '../en/sending';

// Palavras em português do Brasil: sending (the same keys as ../en/sending.ts).

export const sendingPtBR: SendingWords = {
  placeholder: {
    asCampaign: 'Enviar como campanha para as mesmas etiquetas',
    prefilledTag: 'Etiqueta: {{tags}}',
    prefilledTags: 'Etiquetas: {{tags}}',
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
  state: {
    finishedWithFailed_one: 'Concluído com {{count}} falha',
    finishedWithFailed_other: 'Concluído com {{count}} falhas',
    startsAt: 'Começa {{when}}',
  },
  stop: {
    title: 'Parar esta campanha',
    stoppable_one: '{{count}} mensagem ainda não está com o gateway: ainda pode ser pausada ou cancelada.',
    stoppable_other: '{{count}} mensagens ainda não estão com o gateway: ainda podem ser pausadas ou canceladas.',
    stoppablePaused_one: '{{count}} mensagem ainda não está com o gateway: retome para enviá-la, ou cancele-a.',
    stoppablePaused_other: '{{count}} mensagens ainda não estão com o gateway: retome para enviá-las, ou cancele-as.',
    noneLeft: 'Todas as mensagens já estão com o gateway: ele não as devolve, então esta campanha não pode mais ser parada.',
    keptHere:
      'Guardada neste computador até {{when}}, depois entregue ao gateway. Até lá pode ser parada; este computador precisa estar ligado e o Relay Desk aberto nesse horário.',
    handedOver: 'Entregue ao gateway quando foi criada: sai mesmo com este computador desligado, e não pode ser parada.',
    paused: 'Pausada: nada mais sai até você retomar.',
    cancelled: 'Cancelada: as mensagens que ainda estavam aqui nunca foram enviadas.',
    pause: 'Pausar',
    resume: 'Retomar',
    cancel: 'Cancelar o restante',
    cancelTitle_one: 'Cancelar a {{count}} mensagem ainda não enviada?',
    cancelTitle_other: 'Cancelar as {{count}} mensagens ainda não enviadas?',
    cancelBody: 'Elas nunca serão enviadas. As que já estão com o gateway saem de qualquer jeito.',
    cancelConfirm: 'Sim, cancelar',
  },
  handOver: {
    legend: 'Até o horário',
    gateway: 'Entregar ao gateway agora: sai mesmo com este computador desligado, mas não pode ser parado.',
    keepHere: 'Guardar aqui até pouco antes do horário: pode ser parado, mas este computador precisa estar ligado.',
  },
  confirm: {
    title: 'Enviar esta campanha?',
    who: 'Para: {{who}}',
    howMany_one: '{{count}} destinatário',
    howMany_other: '{{count}} destinatários',
    when: 'Quando: {{when}}',
    now: 'Quando: agora',
    phones: 'De: {{phones}}',
    segments_one: '{{count}} SMS no total',
    segments_other: '{{count}} SMS no total',
    optedOut_one: '{{count}} destinatário que pediu para sair fica de fora',
    optedOut_other: '{{count}} destinatários que pediram para sair ficam de fora',
    send: 'Enviar agora',
    schedule: 'Agendar',
    review: 'Revisar e enviar…',
  },
};
