import type { RefusalWords } from '../en/refusals';

// Palavras em português do Brasil: refusals (the same keys as ../en/refusals.ts).

export const refusalsPtBR: RefusalWords = {
  replyEmpty: 'Escreva a resposta primeiro.',
  replyNoConversation: 'Não há conversa com este número: uma resposta responde a quem escreveu para você.',
  replyNoNumber: 'Este remetente não tem número de telefone, então não pode ser respondido.',
  replyInFlight: 'Uma resposta a este cliente está a caminho: espere por ela antes de enviar outra.',
  newsletterPlaceholder:
    'Uma newsletter não preenche {{placeholders}}: o gateway envia o mesmo texto para todos, então os clientes leriam “{{placeholder}}” do jeito que está. Nada foi enviado. Envie como campanha para as mesmas etiquetas.',
  newsletterPlaceholderCli:
    'Uma newsletter não preenche {{placeholders}}: os clientes leriam “{{placeholder}}” do jeito que está. Nada foi enviado. Use relay campaign --tag "{{tags}}".',
  newsletterOptedOut_one:
    '{{count}} contato destas etiquetas está descadastrado, e uma newsletter vai para as etiquetas inteiras: envie como campanha sem ele, ou inclua-o de propósito.',
  newsletterOptedOut_other:
    '{{count}} contatos destas etiquetas estão descadastrados, e uma newsletter vai para as etiquetas inteiras: envie como campanha sem eles, ou inclua-os de propósito.',
  everyoneOptedOut: 'Todos os contatos destas etiquetas estão descadastrados: não há para quem enviar.',
  newsletterAgain:
    'Esta mesma newsletter pode já ter sido criada (a resposta do gateway se perdeu): procure-a no app do celular antes de criá-la de novo.',
  newsletterInProgress:
    'Esta mesma newsletter está sendo criada agora por outra janela do Relay Desk ou outro comando relay: ela é criada uma vez só; procure-a lá.',
  newsletterCreated:
    'Esta newsletter já foi criada (mesmo título, texto, etiquetas, celular e horário). Confirme para criá-la de novo (relay: acrescente --again).',
  newsletterUnknown: 'A resposta do gateway se perdeu: a newsletter pode ter sido criada. Veja no app do celular antes de criá-la de novo.',
  tagNotInRegistry: 'Esta etiqueta não está na lista de etiquetas: importe contatos para ela ou adicione-a pelo número primeiro.',
  noSuchTag: 'Não existe a etiqueta “{{tag}}” nesta conta: importe contatos para ela primeiro.',
  optOutsUnread:
    'Não foi possível ler as últimas respostas, então um cliente que acabou de responder SAIR poderia receber a mensagem. Nada foi enviado: tente de novo em instantes.',
  pickImageAgain: 'Escolha a imagem de novo (ela foi escolhida antes de o app reiniciar).',
  notAnImage: '“{{name}}” não é uma imagem (JPEG, PNG, WebP ou GIF). Escolha uma foto ou figura.',
  imageTooLarge:
    '“{{name}}” tem {{mb, number(maximumFractionDigits: 1)}} MB: grande demais para ser uma foto a enviar. Escolha uma imagem menor.',
  imageOverLimitCli:
    '“{{name}}” tem {{mb, number(maximumFractionDigits: 1)}} MB; uma imagem pode ter no máximo {{maxMb}} MB. Nada foi enviado. Diminua a imagem (redimensione, ou salve como JPEG de qualidade menor) e envie de novo — ou envie pelo app Relay Desk, que reduz fotos sozinho.',
  cannotReadFile: 'Não foi possível ler “{{name}}”: confira o caminho e se você tem permissão para abri-lo.',
  imageStillTooLarge: '“{{name}}” ainda tem {{kb, number}} KB depois de reduzida; o máximo é {{maxMb}} MB. Escolha uma imagem menor.',
  sameCampaign:
    'Esta é a mesma campanha que “{{title}}” (mesmos destinatários, mensagens e celulares): {{queued}} dos {{recipients}} destinatários entraram na fila. Para enviar de novo aos {{recipients}}, confirme “Enviar de novo” (relay: acrescente --again).',
  campaignNeedsAttention:
    'A campanha {{campaignId}} (“{{title}}”) não terminou: {{queued}} de {{recipients}} destinatários estão confirmados na fila e {{chunks}} lotes não estão confirmados. Rode o mesmo comando com --send-missing para enviar só aos destinatários que o gateway não tem (ninguém recebe duas vezes).',
  nothingToFinish: 'Não há uma execução anterior desta campanha para terminar: rode sem --send-missing para enviá-lo.',
  noSuchCampaign: 'Esta campanha não existe (mais).',
  noSuchNewsletter: 'Esta newsletter não existe (mais).',
  pickFileAgain: 'Escolha o arquivo de novo (ele foi escolhido antes de o app reiniciar).',
  phoneNotOnAccount: 'O celular {{phone}} não está mais nesta conta: escolha outro celular.',
  nobodyToSend: 'Não há para quem enviar: todos os números estão descadastrados, são inválidos ou repetidos.',
  nothingToRetry: 'Não há falhas que possam ser enviadas de novo.',
  nobodyMissing: 'Nenhum destinatário está faltando.',
  noPhoneCanSend: 'Nenhum dos celulares escolhidos pode enviar agora: estão offline ou sem capacidade hoje.',
  quietHoursSame: 'O horário de silêncio precisa começar e terminar em horas diferentes.',
  imageOnlyWhatsApp: 'Imagens só vão pelo WhatsApp: um SMS não leva imagem. Escolha WhatsApp ou WhatsApp Business, ou remova a imagem.',
  writeAMessage: 'Escreva uma mensagem (ou anexe uma imagem no WhatsApp).',
  campaignKeptHere:
    'A mesma campanha (“{{title}}”) está guardada aqui para depois: abra-a para pausar, cancelar ou deixar sair no horário.',
  campaignCancelled: 'Esta campanha foi cancelada: nada dela pode ser enviado.',
  campaignAllHandedOver: 'Todas as mensagens desta campanha já estão com o gateway: não dá para pará-la daqui (o gateway não as devolve).',
  newsletterOptedOutCli_one:
    '{{count}} contato destas etiquetas está descadastrado, e uma newsletter vai para as etiquetas inteiras. Diga como: --opted-out campaign (enviada como campanha a todos os outros) ou --opted-out include.',
  newsletterOptedOutCli_other:
    '{{count}} contatos destas etiquetas estão descadastrados, e uma newsletter vai para as etiquetas inteiras. Diga como: --opted-out campaign (enviada como campanha a todos os outros) ou --opted-out include.',
  placeholderNoColumn:
    'O {{placeholder}} da mensagem não corresponde a nenhuma coluna desta lista, então os clientes o leriam do jeito que está. Nada foi enviado: use o nome de uma coluna, ou tire-o.',
  placeholderNoColumnSuggest:
    'O {{placeholder}} da mensagem não corresponde a nenhuma coluna desta lista (você quis dizer {{suggestions}}?), então os clientes o leriam do jeito que está. Nada foi enviado.',
  placeholderAmbiguous:
    'O {{placeholder}} da mensagem pode ser mais de uma coluna ({{suggestions}}): escreva o nome exato da coluna. Nada foi enviado.',
  singlePlaceholder:
    'Uma mensagem avulsa não preenche nada: o cliente leria “{{placeholder}}” do jeito que está. Nada foi enviado. Escreva as palavras mesmo (o nome do cliente, por exemplo), ou envie uma campanha, que preenche para cada pessoa.',
  placeholderLookalike:
    '“{{placeholder}}” chegaria aos clientes do jeito que está: o Relay Desk preenche campos entre chaves, como {nome}. Nada foi enviado.',
  newsletterTooOld: 'Esta newsletter tem mais de {{days}} dias: veja as mensagens dela em Mensagens.',
  planTooLong:
    'Os limites diários e o horário de silêncio dos celulares estenderiam esta campanha por mais de {{days}} dias: aumente os limites, encurte o horário de silêncio ou acrescente um celular.',
  notATimeZone: '“{{zone}}” não é um fuso horário: escolha um da lista.',
  notATimeOfDay: '“{{text}}” não é uma hora do dia: escreva no formato HH:MM, por exemplo 21:00.',
  choosingUnavailable: 'Escolher arquivos não está disponível aqui.',
  savingUnavailable: 'Salvar arquivos não está disponível aqui.',
  pdfUnavailable: 'Salvar como PDF não está disponível aqui: use Imprimir.',
  accountFileUnopened:
    'Não foi possível abrir o arquivo de dados desta conta, {{file}}. Feche o Relay Desk e abra de novo; se continuar, reinicie o computador.',
  fileCheckClosed: 'Esta verificação de arquivo foi fechada: escolha o arquivo de novo.',
  noSuchLine: 'Não há linha {{line}} neste arquivo.',
  fileStillReading: 'O arquivo ainda está sendo verificado: importe quando ele for lido até o fim.',
  fileNotImportable: 'Este arquivo não pode ser importado: escolha-o de novo.',
  reportNotSaved: 'Não foi possível salvar o relatório ali (a pasta pode ser somente leitura ou o disco estar cheio): escolha outro lugar.',
  reportNotWritten:
    'Não foi possível gravar o relatório em {{path}} (a pasta pode não existir ou ser somente leitura, ou o disco estar cheio): escolha outro caminho.',
  reportWhenRead: 'O relatório fica pronto quando o arquivo inteiro for lido.',
  importGone: 'Esta importação não está mais no histórico.',
  reportNotKept: 'O relatório de “{{name}}” não foi guardado (só as importações mais recentes guardam o seu).',
  contactGone: 'Este contato não está mais na etiqueta.',
  tagGone: 'Esta etiqueta não está mais no Relay Desk.',
  fileUnreadable: 'Não foi possível ler o arquivo (ele pode ter sido movido, apagado ou aberto por outro programa): escolha-o de novo.',
  fileChanged: '“{{name}}” mudou depois de verificado: verifique de novo e então importe.',
  droppedEmpty: 'O arquivo solto aqui está vazio.',
  correctWhenRead: 'As linhas podem ser corrigidas quando o arquivo inteiro for lido.',
  tagUnknown:
    'A criação da etiqueta “{{title}}” ficou sem resposta: ela pode existir ou não. Na tela Contatos, em Histórico de importações, envie de novo ou deixe de fora; ou importe para uma etiqueta que já existe.',
  tagRefused: 'O gateway recusou criar a etiqueta “{{title}}”. {{reason}}',
  tagStopped: 'A etiqueta “{{title}}” não foi criada: parou antes de terminar. Importe de novo para criá-la.',
  tagNotYet: 'A etiqueta “{{title}}” ainda não foi criada (o gateway não está respondendo). Importe de novo quando ele voltar.',
  tagName: 'Digite um nome para a etiqueta.',
  chooseTag: 'Escolha pelo menos uma etiqueta.',
  notATag: 'Esta etiqueta (“{{id}}”) não é desta conta: escolha-a na lista.',
  enterPhone: 'Digite um número de telefone.',
  dateInvalid: 'Esta data não é válida: escolha um dia e uma hora.',
  gatewayTrouble: 'Algo deu errado na conversa com o gateway. Tente de novo em instantes.',
  gatewayRefused: 'O gateway recusou o pedido: “{{words}}”.',
  gatewayRefusedNoWords: 'O gateway recusou o pedido.',
  gatewayUnreachableCli: 'Não foi possível falar com o gateway em {{server}}: confira --server e a rede.',
  noCredentialsCli:
    'Sem credenciais: entre uma vez no app Relay Desk neste computador (mesmo servidor), ou defina RELAY_TOKEN, ou RELAY_EMAIL e RELAY_PASSWORD, no ambiente.',
  signInCancelled: 'O login foi cancelado.',
  sandboxNotStarted: 'Não foi possível iniciar o ambiente de teste embutido. Feche o Relay Desk e abra de novo.',
  settingInvalid: 'Esta configuração não pode ser salva assim: confira o que foi digitado e tente de novo.',
  settingsNotSaved:
    'Não foi possível salvar suas configurações: verifique se o disco não está cheio e se o Relay Desk pode gravar na pasta dele, depois tente de novo.',
  jobGone: 'Esta tarefa não existe (mais).',
  jobRunningElsewhere: 'Esta tarefa está rodando em outra janela do Relay Desk ou em outro comando relay. Pare-a lá primeiro.',
  jobKindUnknown: 'Esta versão do Relay Desk não sabe rodar este tipo de tarefa ({{kind}}): atualize o Relay Desk.',
  closingNoStart: 'O Relay Desk está fechando: nenhuma tarefa pode começar agora.',
  closedWhilePreparing: 'O Relay Desk fechou enquanto a tarefa era preparada. Comece-a de novo.',
  onlyRunningPause: 'Só uma tarefa em andamento pode ser pausada.',
  jobFinished: 'Esta tarefa já terminou.',
  jobPreparing: 'Esta tarefa ainda está sendo preparada: tente de novo em instantes.',
  rangeTooLong: 'Este período é longo demais para esta visão: escolha um período menor, ou dias em vez de horas.',
  syncFromPast: 'Escolha um dia no passado a partir do qual sincronizar.',
  historyTooLarge:
    'As respostas do gateway continuam grandes demais para ler, mesmo para um trecho curto de tempo. A sincronização parou depois de {{requests}} pedidos; as mensagens já guardadas continuam. Fale com o suporte do gateway e sincronize de novo.',
};
