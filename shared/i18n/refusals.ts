// Refusals main throws, in words people read (AppError.key = `refusals.<name>`, params interpolated). Every
// refusal main can throw has its words here in both languages: test/unit/i18n/refusals.test.ts walks them.

export const refusalsEn = {
  replyEmpty: 'Write a reply first.',
  replyNoConversation: 'There is no conversation with this number: a reply answers someone who wrote to you.',
  replyNoNumber: 'This sender has no phone number, so it cannot be answered.',
  replyInFlight: 'A reply to this customer is on its way: wait for it before sending another.',
  newsletterPlaceholder:
    'A newsletter cannot fill in {{placeholders}}: the gateway sends the same text to everyone, so customers would read “{{placeholder}}” as written. Nothing was sent. Send it as a personalised campaign to the same tags instead.',
  newsletterPlaceholderCli:
    'A newsletter cannot fill in {{placeholders}}: customers would read “{{placeholder}}” as written. Nothing was sent. Use relay campaign --tag "{{tags}}" instead.',
  newsletterOptedOut_one: '{{count}} contact in these tags opted out, and a newsletter goes to whole tags: send it as a campaign without them, or include them on purpose.',
  newsletterOptedOut_other: '{{count}} contacts in these tags opted out, and a newsletter goes to whole tags: send it as a campaign without them, or include them on purpose.',
  everyoneOptedOut: 'Every contact in these tags opted out: there is nobody to send to.',
  newsletterAgain: 'The same newsletter may already have been created (the gateway’s reply was lost): look for it in the app on the phone before creating it again.',
  newsletterInProgress: 'The same newsletter is being created right now by another Relay Desk window or relay command: it is created once; look for it there.',
  newsletterCreated: 'This newsletter was already created (same title, text, tags, phone and time). Confirm to create it again (relay: add --again).',
  newsletterUnknown: 'The gateway’s reply was lost: the newsletter may have been created. Look in the app on the phone before creating it again.',
  tagNotInRegistry: 'This tag is not in the list of tags: import contacts into it or add it by its number first.',
  noSuchTag: 'There is no tag “{{tag}}” in this account: import contacts into it first.',
  optOutsUnread: 'The latest replies could not be read, so a customer who just replied STOP might be missed. Nothing was sent: try again in a moment.',
  pickImageAgain: 'Choose the image again (it was chosen before the app restarted).',
  notAnImage: '“{{name}}” is not an image (JPEG, PNG, WebP or GIF). Choose a photo or picture.',
  imageTooLarge: '“{{name}}” is {{kb}} KB: too large to be a photo to send. Choose a smaller image.',
  imageStillTooLarge: '“{{name}}” is still {{kb}} KB after making it smaller; at most {{max}} KB can be sent. Choose a smaller image.',
  sameCampaign:
    'This is the same campaign as “{{title}}” (same recipients, messages and phones): {{queued}} of its {{recipients}} recipients were queued. To send it to all {{recipients}} again, confirm “Send again” (relay: add --again).',
  campaignNeedsAttention:
    'Campaign {{campaignId}} (“{{title}}”) did not finish: {{queued}} of {{recipients}} recipients are confirmed queued and {{chunks}} batches are not confirmed. Run the same command with --send-missing to send only the recipients the gateway does not have (nobody gets it twice).',
  nothingToFinish: 'There is no earlier run of this campaign to finish: run it without --send-missing to send it.',
  noSuchCampaign: 'This campaign does not exist (any more).',
  noSuchNewsletter: 'This newsletter does not exist (any more).',
  pickFileAgain: 'Choose the file again (it was chosen before the app restarted).',
  phoneNotOnAccount: 'Phone {{phone}} is not on this account any more: choose another phone.',
  nobodyToSend: 'There is nobody to send to: every number is opted out, invalid or a repeat.',
  nothingToRetry: 'There are no failures that can be sent again.',
  nobodyMissing: 'No recipient is missing.',
  noPhoneCanSend: 'None of the chosen phones can send now: they are offline or have no capacity left today.',
  quietHoursSame: 'Quiet hours must start and end at different times.',
  imageOnlyWhatsApp: 'Images go only through WhatsApp: an SMS cannot carry one. Choose WhatsApp or WhatsApp Business, or remove the image.',
  writeAMessage: 'Write a message (or attach an image on WhatsApp).',
  campaignKeptHere: 'The same campaign (“{{title}}”) is kept here for later: open it to pause, cancel or let it go at its time.',
  campaignCancelled: 'This campaign was cancelled: nothing of it can be sent any more.',
  campaignAllHandedOver: 'Every message of this campaign is already with the gateway: it cannot be stopped from here (the gateway cannot recall them).',
};

export type RefusalWords = typeof refusalsEn;

export const refusalsPtBR: RefusalWords = {
  replyEmpty: 'Escreva a resposta primeiro.',
  replyNoConversation: 'Não há conversa com este número: uma resposta responde a quem escreveu para você.',
  replyNoNumber: 'Este remetente não tem número de telefone, então não pode ser respondido.',
  replyInFlight: 'Uma resposta a este cliente está a caminho: espere por ela antes de enviar outra.',
  newsletterPlaceholder:
    'Uma newsletter não preenche {{placeholders}}: o gateway envia o mesmo texto para todos, então os clientes leriam “{{placeholder}}” do jeito que está. Nada foi enviado. Envie como campanha para as mesmas etiquetas.',
  newsletterPlaceholderCli:
    'Uma newsletter não preenche {{placeholders}}: os clientes leriam “{{placeholder}}” do jeito que está. Nada foi enviado. Use relay campaign --tag "{{tags}}".',
  newsletterOptedOut_one: '{{count}} contato destas etiquetas pediu para sair, e uma newsletter vai para as etiquetas inteiras: envie como campanha sem ele, ou inclua-o de propósito.',
  newsletterOptedOut_other: '{{count}} contatos destas etiquetas pediram para sair, e uma newsletter vai para as etiquetas inteiras: envie como campanha sem eles, ou inclua-os de propósito.',
  everyoneOptedOut: 'Todos os contatos destas etiquetas pediram para sair: não há para quem enviar.',
  newsletterAgain: 'Esta mesma newsletter pode já ter sido criada (a resposta do gateway se perdeu): procure-a no app do celular antes de criá-la de novo.',
  newsletterInProgress: 'Esta mesma newsletter está sendo criada agora por outra janela do Relay Desk ou outro comando relay: ela é criada uma vez só; procure-a lá.',
  newsletterCreated: 'Esta newsletter já foi criada (mesmo título, texto, etiquetas, celular e horário). Confirme para criá-la de novo (relay: acrescente --again).',
  newsletterUnknown: 'A resposta do gateway se perdeu: a newsletter pode ter sido criada. Veja no app do celular antes de criá-la de novo.',
  tagNotInRegistry: 'Esta etiqueta não está na lista de etiquetas: importe contatos para ela ou adicione-a pelo número primeiro.',
  noSuchTag: 'Não existe a etiqueta “{{tag}}” nesta conta: importe contatos para ela primeiro.',
  optOutsUnread: 'Não foi possível ler as últimas respostas, então um cliente que acabou de responder SAIR poderia receber a mensagem. Nada foi enviado: tente de novo em instantes.',
  pickImageAgain: 'Escolha a imagem de novo (ela foi escolhida antes de o app reiniciar).',
  notAnImage: '“{{name}}” não é uma imagem (JPEG, PNG, WebP ou GIF). Escolha uma foto ou figura.',
  imageTooLarge: '“{{name}}” tem {{kb}} KB: grande demais para ser uma foto a enviar. Escolha uma imagem menor.',
  imageStillTooLarge: '“{{name}}” ainda tem {{kb}} KB depois de reduzida; o máximo é {{max}} KB. Escolha uma imagem menor.',
  sameCampaign:
    'Este é o mesmo envio que “{{title}}” (mesmos destinatários, mensagens e celulares): {{queued}} dos {{recipients}} destinatários entraram na fila. Para enviar de novo aos {{recipients}}, confirme “Enviar de novo” (relay: acrescente --again).',
  campaignNeedsAttention:
    'O envio {{campaignId}} (“{{title}}”) não terminou: {{queued}} de {{recipients}} destinatários estão confirmados na fila e {{chunks}} lotes não estão confirmados. Rode o mesmo comando com --send-missing para enviar só aos destinatários que o gateway não tem (ninguém recebe duas vezes).',
  nothingToFinish: 'Não há uma execução anterior deste envio para terminar: rode sem --send-missing para enviá-lo.',
  noSuchCampaign: 'Este envio não existe (mais).',
  noSuchNewsletter: 'Esta campanha não existe (mais).',
  pickFileAgain: 'Escolha o arquivo de novo (ele foi escolhido antes de o app reiniciar).',
  phoneNotOnAccount: 'O celular {{phone}} não está mais nesta conta: escolha outro celular.',
  nobodyToSend: 'Não há para quem enviar: todos os números pediram para sair, são inválidos ou repetidos.',
  nothingToRetry: 'Não há falhas que possam ser enviadas de novo.',
  nobodyMissing: 'Nenhum destinatário está faltando.',
  noPhoneCanSend: 'Nenhum dos celulares escolhidos pode enviar agora: estão offline ou sem capacidade hoje.',
  quietHoursSame: 'O horário de silêncio precisa começar e terminar em horas diferentes.',
  imageOnlyWhatsApp: 'Imagens só vão pelo WhatsApp: um SMS não leva imagem. Escolha WhatsApp ou WhatsApp Business, ou remova a imagem.',
  writeAMessage: 'Escreva uma mensagem (ou anexe uma imagem no WhatsApp).',
  campaignKeptHere: 'O mesmo envio (“{{title}}”) está guardado aqui para depois: abra-o para pausar, cancelar ou deixar sair no horário.',
  campaignCancelled: 'Este envio foi cancelado: nada dele pode ser enviado.',
  campaignAllHandedOver: 'Todas as mensagens deste envio já estão com o gateway: não dá para pará-lo daqui (o gateway não as devolve).',
};
