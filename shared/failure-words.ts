// What each failure status means and what to do about it, in plain words (en, pt-BR). Keys follow the
// catalogue's shape: failures.<code>.title / .what / .todo. To be merged into shared/i18n/.

export const en = {
  failures: {
    8: {
      title: 'Not delivered',
      what: 'The phone sent the message, but the operator reported that it did not reach the recipient: the number may be wrong, switched off for a long time, or refusing messages.',
      todo: 'Check the number with the person. Sending again right away usually fails the same way; try later or reach them another way.',
    },
    9: {
      title: 'Not sent',
      what: 'The phone tried to send the message and Android reported a general failure, often the operator refusing it or a SIM without credit.',
      todo: 'Check that the SIM has credit and can send an SMS by hand, then send the failed messages again.',
    },
    10: {
      title: 'Not sent: no signal',
      what: 'The phone had no mobile signal when it tried to send.',
      todo: 'Move the phone to where it has signal and check that the SIM is active, then send the failed messages again.',
    },
    11: {
      title: 'Not sent: message could not be built',
      what: 'Android could not prepare the message for the SIM (a "null PDU"), usually a passing SIM or phone glitch.',
      todo: 'Restart the phone. If it happens again, try the other SIM or a shorter message, then send the failed messages again.',
    },
    12: {
      title: 'Not sent: radio off',
      what: "The phone's mobile radio was off: airplane mode was on or the SIM was turned off.",
      todo: 'Turn airplane mode off and make sure the SIM is enabled, then send the failed messages again.',
    },
    100: {
      title: 'Not sent: app not allowed to send',
      what: 'Android did not let the SMSGateway24 app send: its permission to send SMS is missing or was taken back.',
      todo: 'On the phone, open Settings › Apps › SMSGateway24 › Permissions and allow SMS. Only then send the failed messages again.',
    },
    101: {
      title: 'Not sent: sending blocked on the phone',
      what: 'The phone does not allow apps to send SMS at all (a system or work-profile restriction, or the operator).',
      todo: 'Lift the restriction on the phone (SMS permission, work profile, parental controls) or choose another phone, then send the failed messages again.',
    },
  },
};

export type FailureWords = typeof en;

export const ptBR: FailureWords = {
  failures: {
    8: {
      title: 'Não entregue',
      what: 'O celular enviou a mensagem, mas a operadora informou que ela não chegou ao destinatário: o número pode estar errado, desligado há muito tempo ou recusando mensagens.',
      todo: 'Confirme o número com a pessoa. Reenviar na hora costuma falhar do mesmo jeito; tente mais tarde ou fale com ela de outra forma.',
    },
    9: {
      title: 'Não enviada',
      what: 'O celular tentou enviar a mensagem e o Android informou uma falha geral, muitas vezes a operadora recusando o envio ou um chip sem crédito.',
      todo: 'Verifique se o chip tem crédito e consegue enviar um SMS manualmente; depois reenvie as mensagens que falharam.',
    },
    10: {
      title: 'Não enviada: sem sinal',
      what: 'O celular estava sem sinal da operadora quando tentou enviar.',
      todo: 'Leve o celular para um lugar com sinal e verifique se o chip está ativo; depois reenvie as mensagens que falharam.',
    },
    11: {
      title: 'Não enviada: a mensagem não pôde ser montada',
      what: 'O Android não conseguiu preparar a mensagem para o chip ("PDU nulo"), geralmente uma falha passageira do chip ou do celular.',
      todo: 'Reinicie o celular. Se acontecer de novo, tente o outro chip ou uma mensagem mais curta; depois reenvie as mensagens que falharam.',
    },
    12: {
      title: 'Não enviada: rádio desligado',
      what: 'O rádio do celular estava desligado: modo avião ativado ou chip desativado.',
      todo: 'Desative o modo avião e confirme que o chip está ativado; depois reenvie as mensagens que falharam.',
    },
    100: {
      title: 'Não enviada: o app não tem permissão para enviar',
      what: 'O Android não deixou o app SMSGateway24 enviar: a permissão de SMS não foi dada ou foi retirada.',
      todo: 'No celular, abra Configurações › Apps › SMSGateway24 › Permissões e permita SMS. Só depois reenvie as mensagens que falharam.',
    },
    101: {
      title: 'Não enviada: envio bloqueado no celular',
      what: 'O celular não permite que apps enviem SMS (restrição do sistema, do perfil de trabalho ou da operadora).',
      todo: 'Remova a restrição no celular (permissão de SMS, perfil de trabalho, controle dos pais) ou escolha outro celular; depois reenvie as mensagens que falharam.',
    },
  },
};
