import type { screensEn } from '../en/screens';

// Palavras em português do Brasil: screens (the same keys as ../en/screens.ts).

export const screensPtBR: typeof screensEn = {
  signOut: {
    title: 'Sair com trabalho por terminar?',
    intro: 'O Relay Desk ainda está cuidando disto nesta conta:',
    running: 'em andamento',
    paused: 'pausado',
    waiting: 'aguardando você',
    progress: '{{done}} de {{total}} feitos',
    what: 'Enquanto você estiver desconectado, isso espera: nada mais é entregue aos seus aparelhos. Continua quando você entrar de novo nesta conta; se fechar o Relay Desk ou usar outra conta antes, espera até você retomar.',
    gateway: 'Campanhas e mensagens já entregues ao gateway continuam sendo enviadas pelos seus aparelhos no horário delas.',
    confirm: 'Sair',
    stay: 'Continuar conectado',
  },
  settings: {
    advanced: 'Avançado',
    advancedHint: 'Só mude isto se o SMSGateway24 lhe deu outro endereço de servidor.',
    countrySearch: 'Buscar países',
    countryNone: 'Nenhum país corresponde a “{{query}}”.',
    zoneCurrent: 'Atual',
    zoneOption: '{{city}} ({{offset}})',
    zoneSystem: 'Igual ao deste computador: {{city}} ({{offset}})',
    regions: {
      Africa: 'África',
      America: 'Américas',
      Antarctica: 'Antártida',
      Arctic: 'Ártico',
      Asia: 'Ásia',
      Atlantic: 'Atlântico',
      Australia: 'Austrália',
      Europe: 'Europa',
      Indian: 'Oceano Índico',
      Pacific: 'Pacífico',
      Etc: 'Outros',
    },
  },
  devices: {
    subscriptionInactiveWhy:
      'Sem uma assinatura ativa do SMSGateway24, este aparelho pode não receber as mensagens dele: elas podem ficar esperando na fila.',
    subscriptionInactiveNext: 'Renove-a na sua conta no site do SMSGateway24 e depois clique em “Atualizar agora”.',
    subscriptionWaiting_one: '{{count}} mensagem está esperando por ele.',
    subscriptionWaiting_other: '{{count}} mensagens estão esperando por ele.',
  },
  failureRate: {
    usual: '{{rate}} das mensagens finalizadas hoje falharam ({{failed}} de {{finished}}), como de costume nesta conta.',
    unusual: '{{rate}} das mensagens de hoje falharam ({{failed}} de {{finished}}); o normal é {{usual}}.',
    noHistory: '{{rate}} das mensagens finalizadas hoje falharam ({{failed}} de {{finished}}).',
  },
  dialogs: {
    openContacts: 'Escolha um arquivo de contatos',
    openCampaignFile: 'Escolha os destinatários (CSV)',
    openImage: 'Escolha uma imagem',
    saveProblems: 'Salvar as linhas que não serão importadas',
    saveCampaignReport: 'Salvar o relatório da campanha',
  },
  disabled: {
    noPhone: 'Escolha um aparelho primeiro.',
    noRecipients: 'Escolha quem vai receber primeiro.',
    noMessage: 'Escreva a mensagem primeiro.',
    checking: 'Verificando…',
    problems: 'Corrija os problemas acima primeiro.',
    past: 'O horário escolhido já passou.',
    nobodyLeft: 'Ninguém desta lista pode receber a mensagem.',
    imageOnSms: 'Um SMS não leva imagem: escolha um canal de WhatsApp ou remova a imagem.',
    noTime: 'Escolha a data e a hora primeiro.',
  },
};
