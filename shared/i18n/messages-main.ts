// Words main says about messages: desktop notifications of the live delivery monitor, the tray's line,
// the export dialog, and status names in exports. Hooked into en.ts / pt-BR.ts under `messagesMain`.
// Counted words use i18next plural keys (`_one` / `_other`).

export const messagesMainEn = {
  tray: 'Today: {{sent}} sent · {{delivered}} delivered · {{failed}} failed · {{waiting}} waiting',
  failures: {
    title_one: '{{count}} message failed',
    title_other: '{{count}} messages failed',
    body_one: '{{count}} of {{finished}} messages that finished in the last {{minutes}} minutes failed. Open Messages to see why.',
    body_other: '{{count}} of {{finished}} messages that finished in the last {{minutes}} minutes failed. Open Messages to see why.',
  },
  waiting: {
    title_one: '{{count}} message is waiting too long',
    title_other: '{{count}} messages are waiting too long',
    body_one: '{{count}} message has not been sent for more than {{minutes}} minutes. Check that its phone is online.',
    body_other: '{{count}} messages have not been sent for more than {{minutes}} minutes. Check that their phones are online.',
  },
  exportTitle: 'Export messages as CSV',
  status: {
    new: 'New',
    queued: 'Queued on the phone',
    taken: 'Taken by the phone',
    incoming: 'Incoming',
    sent: 'Sent',
    delivered: 'Delivered',
    notDelivered: 'Not delivered',
    failedGeneric: 'Not sent: failure',
    failedNoService: 'Not sent: no service',
    failedNullPdu: 'Not sent: null PDU',
    failedRadioOff: 'Not sent: radio off',
    failedNotAllowedOnPhone: 'Not sent: not allowed on the phone',
    failedNotAllowed: 'Not sent: not allowed',
  },
};

export const messagesMainPtBR: typeof messagesMainEn = {
  tray: 'Hoje — enviadas: {{sent}} · entregues: {{delivered}} · com falha: {{failed}} · aguardando: {{waiting}}',
  failures: {
    title_one: '{{count}} mensagem falhou',
    title_other: '{{count}} mensagens falharam',
    body_one: '{{count}} de {{finished}} mensagens concluídas nos últimos {{minutes}} minutos falhou. Abra Mensagens para ver o motivo.',
    body_other: '{{count}} de {{finished}} mensagens concluídas nos últimos {{minutes}} minutos falharam. Abra Mensagens para ver o motivo.',
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
