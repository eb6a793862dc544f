import type { messagesMainEn } from '../en/messages-main';

// Palavras em português do Brasil: messages-main (the same keys as ../en/messages-main.ts).

export const messagesMainPtBR: typeof messagesMainEn = {
  tray: 'Hoje — enviadas: {{sent}} · entregues: {{delivered}} · com falha: {{failed}} · aguardando: {{waiting}}',
  failures: {
    title_one: '{{count}} mensagem falhou',
    title_other: '{{count}} mensagens falharam',
    body_one: '{{count}} de {{finished}} mensagens concluídas nos últimos {{minutes}} minutos falhou. Abra Mensagens para ver o motivo.',
    body_other:
      '{{count}} de {{finished}} mensagens concluídas nos últimos {{minutes}} minutos falharam. Abra Mensagens para ver o motivo.',
  },
  waiting: {
    title_one: '{{count}} mensagem está esperando demais',
    title_other: '{{count}} mensagens estão esperando demais',
    body_one: '{{count}} mensagem não foi enviada há mais de {{minutes}} minutos. Verifique se o celular dela está online.',
    body_other: '{{count}} mensagens não foram enviadas há mais de {{minutes}} minutos. Verifique se os celulares delas estão online.',
  },
  exportTitle: 'Exportar mensagens em CSV',
  status: {
    new: 'Nova',
    queued: 'Na fila do celular',
    taken: 'Recebida pelo celular',
    incoming: 'Recebida',
    sent: 'Enviada',
    delivered: 'Entregue',
    notDelivered: 'Não entregue',
    failedGeneric: 'Não enviada: falha',
    failedNoService: 'Não enviada: sem serviço',
    failedNullPdu: 'Não enviada: PDU nulo',
    failedRadioOff: 'Não enviada: rádio desligado',
    failedNotAllowedOnPhone: 'Não enviada: não permitido no celular',
    failedNotAllowed: 'Não enviada: não permitido',
  },
};
