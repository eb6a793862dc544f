import type { cliEn } from '../en/cli';

// Palavras em português do Brasil: cli (the same keys as ../en/cli.ts).

export const cliPtBR: typeof cliEn = {
  optOutsAdded_one: '{{count}} nova resposta de descadastro incluída na lista de descadastros.',
  optOutsAdded_other: '{{count}} novas respostas de descadastro incluídas na lista de descadastros.',
  historyWritten_one: '{{count}} mensagem gravada em {{path}}.',
  historyWritten_other: '{{count}} mensagens gravadas em {{path}}.',
  campaignQueued_one: 'Campanha {{id}}: {{queued}} de {{count}} destinatário na fila em {{chunks}} de {{total}} lotes.',
  campaignQueued_other: 'Campanha {{id}}: {{queued}} de {{count}} destinatários na fila em {{chunks}} de {{total}} lotes.',
  optedOutLeftOut_one: '{{count}} destinatário descadastrado deixado de fora.',
  optedOutLeftOut_other: '{{count}} destinatários descadastrados deixados de fora.',
  unconfirmed_one:
    'Mais {{count}} destinatário foi entregue ao gateway sem resposta registrada: a próxima execução o confere antes de enviar qualquer outra coisa (nada é enviado duas vezes).',
  unconfirmed_other:
    'Mais {{count}} destinatários foram entregues ao gateway sem resposta registrada: a próxima execução os confere antes de enviar qualquer outra coisa (nada é enviado duas vezes).',
  notFound_one: '{{count}} destinatário não encontrado no gateway',
  notFound_other: '{{count}} destinatários não encontrados no gateway',
  listLine_one: '{{count}} destinatário, {{delivered}} entregues, {{failed}} com falha',
  listLine_other: '{{count}} destinatários, {{delivered}} entregues, {{failed}} com falha',
  notHandedOver_one: '{{count}} mensagem ainda não entregue ao gateway',
  notHandedOver_other: '{{count}} mensagens ainda não entregues ao gateway',
  sentAsCampaign_one: 'Enviada como campanha {{id}} para {{count}} contato.',
  sentAsCampaign_other: 'Enviada como campanha {{id}} para {{count}} contatos.',
  newsletterCreated_one: 'Newsletter {{id}} criada para {{count}} contato. Toque em Iniciar no app do celular {{device}} para enviá-la.',
  newsletterCreated_other: 'Newsletter {{id}} criada para {{count}} contatos. Toque em Iniciar no app do celular {{device}} para enviá-la.',
};
