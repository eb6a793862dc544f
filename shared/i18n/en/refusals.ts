// Refusals main throws, in words people read (AppError.key = `refusals.<name>`, params interpolated). Every
// refusal main can throw has its words here in both languages: test/unit/i18n/refusals.test.ts walks them.
// English. The Portuguese words are in ../pt-BR/refusals.ts, with the same keys.

export type RefusalWords = typeof refusalsEn;

export const refusalsEn = {
  replyEmpty: 'Write a reply first.',
  replyNoConversation: 'There is no conversation with this number: a reply answers someone who wrote to you.',
  replyNoNumber: 'This sender has no phone number, so it cannot be answered.',
  replyInFlight: 'A reply to this customer is on its way: wait for it before sending another.',
  newsletterPlaceholder:
    'A newsletter cannot fill in {{placeholders}}: the gateway sends the same text to everyone, so customers would read “{{placeholder}}” as written. Nothing was sent. Send it as a personalised campaign to the same tags instead.',
  newsletterPlaceholderCli:
    'A newsletter cannot fill in {{placeholders}}: customers would read “{{placeholder}}” as written. Nothing was sent. Use relay campaign --tag "{{tags}}" instead.',
  newsletterOptedOut_one:
    '{{count}} contact in these tags opted out, and a newsletter goes to whole tags: send it as a campaign without them, or include them on purpose.',
  newsletterOptedOut_other:
    '{{count}} contacts in these tags opted out, and a newsletter goes to whole tags: send it as a campaign without them, or include them on purpose.',
  everyoneOptedOut: 'Every contact in these tags opted out: there is nobody to send to.',
  newsletterAgain:
    'The same newsletter may already have been created (the gateway’s reply was lost): look for it in the app on the phone before creating it again.',
  newsletterInProgress:
    'The same newsletter is being created right now by another Relay Desk window or relay command: it is created once; look for it there.',
  newsletterCreated:
    'This newsletter was already created (same title, text, tags, phone and time). Confirm to create it again (relay: add --again).',
  newsletterUnknown:
    'The gateway’s reply was lost: the newsletter may have been created. Look in the app on the phone before creating it again.',
  tagNotInRegistry: 'This tag is not in the list of tags: import contacts into it or add it by its number first.',
  noSuchTag: 'There is no tag “{{tag}}” in this account: import contacts into it first.',
  optOutsUnread:
    'The latest replies could not be read, so a customer who just replied STOP might be missed. Nothing was sent: try again in a moment.',
  pickImageAgain: 'Choose the image again (it was chosen before the app restarted).',
  notAnImage: '“{{name}}” is not an image (JPEG, PNG, WebP or GIF). Choose a photo or picture.',
  imageTooLarge: '“{{name}}” is {{mb, number(maximumFractionDigits: 1)}} MB: too large to be a photo to send. Choose a smaller image.',
  imageOverLimitCli:
    '“{{name}}” is {{mb, number(maximumFractionDigits: 1)}} MB; an image can be at most {{maxMb}} MB. Nothing was sent. Make it smaller (resize it, or save it as a lower-quality JPEG) and send again — or send it from the Relay Desk app, which shrinks photos by itself.',
  cannotReadFile: '“{{name}}” could not be read: check the path and that you may open it.',
  imageStillTooLarge:
    '“{{name}}” is still {{kb, number}} KB after making it smaller; at most {{maxMb}} MB can be sent. Choose a smaller image.',
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
  campaignAllHandedOver:
    'Every message of this campaign is already with the gateway: it cannot be stopped from here (the gateway cannot recall them).',
  // Everywhere else in main and the CLI (contacts, files, jobs, settings, session, history, the gateway).
  newsletterOptedOutCli_one:
    '{{count}} contact in these tags opted out, and a newsletter goes to whole tags. Say which: --opted-out campaign (sent as a campaign to everyone else) or --opted-out include.',
  newsletterOptedOutCli_other:
    '{{count}} contacts in these tags opted out, and a newsletter goes to whole tags. Say which: --opted-out campaign (sent as a campaign to everyone else) or --opted-out include.',
  placeholderNoColumn:
    'The message’s {{placeholder}} matches no column of this list, so customers would read it as written. Nothing was sent: use a column’s name, or take it out.',
  placeholderNoColumnSuggest:
    'The message’s {{placeholder}} matches no column of this list (did you mean {{suggestions}}?), so customers would read it as written. Nothing was sent.',
  placeholderAmbiguous:
    'The message’s {{placeholder}} could be more than one column ({{suggestions}}): write the column’s exact name. Nothing was sent.',
  singlePlaceholder:
    'A single message fills in nothing: the customer would read “{{placeholder}}” as written. Nothing was sent. Write the words themselves (the customer’s name, for example), or send a campaign, which fills it in for each person.',
  placeholderLookalike:
    '“{{placeholder}}” would reach customers as written: Relay Desk fills in placeholders in braces, like {nome}. Nothing was sent.',
  newsletterTooOld: 'This newsletter is more than {{days}} days old: see its messages in Messages instead.',
  planTooLong:
    'The phones’ daily limits and quiet hours would stretch this campaign over more than {{days}} days: raise the limits, shorten the quiet hours or add a phone.',
  notATimeZone: '“{{zone}}” is not a time zone: choose one from the list.',
  notATimeOfDay: '“{{text}}” is not a time of day: write it as HH:MM, for example 21:00.',
  choosingUnavailable: 'Choosing files is not available here.',
  savingUnavailable: 'Saving files is not available here.',
  pdfUnavailable: 'Saving as PDF is not available here: use Print instead.',
  accountFileUnopened:
    'This account’s data file {{file}} could not be opened. Quit Relay Desk and open it again; if it keeps happening, restart the computer.',
  fileCheckClosed: 'This file check was closed: choose the file again.',
  noSuchLine: 'There is no row on line {{line}} in this file.',
  fileStillReading: 'The file is still being checked: import it once it is read to the end.',
  fileNotImportable: 'This file cannot be imported: choose it again.',
  reportNotSaved: 'The report could not be saved there (the folder may be read-only or the disk full): choose another place.',
  reportNotWritten:
    'The report could not be written to {{path}} (the folder may be missing or read-only, or the disk full): choose another path.',
  reportWhenRead: 'The report is ready once the whole file is read.',
  importGone: 'This import is no longer in the history.',
  reportNotKept: 'The report of “{{name}}” was not kept (only the newest imports keep theirs).',
  contactGone: 'This contact is no longer in the tag.',
  tagGone: 'This tag is no longer in Relay Desk.',
  fileUnreadable: 'The file could not be read (it may have been moved, deleted or opened by another program): choose it again.',
  fileChanged: '“{{name}}” changed after it was checked: check it again, then import.',
  droppedEmpty: 'The dropped file is empty.',
  correctWhenRead: 'Rows can be corrected once the whole file is read.',
  tagUnknown:
    'Creating the tag “{{title}}” got no answer: it may or may not exist. On the Contacts screen, under Import history, send it again or leave it out; or import into an existing tag.',
  tagRefused: 'The gateway refused to create the tag “{{title}}”. {{reason}}',
  tagStopped: 'The tag “{{title}}” was not created: it stopped before it finished. Import again to create it.',
  tagNotYet: 'The tag “{{title}}” is not created yet (the gateway is not answering). Import again once it is back.',
  tagName: 'Enter a name for the tag.',
  chooseTag: 'Choose at least one tag.',
  notATag: 'This tag (“{{id}}”) is not one of this account’s: choose it from the list.',
  enterPhone: 'Enter a phone number.',
  dateInvalid: 'This date is not valid: choose a day and time.',
  gatewayTrouble: 'Something went wrong while talking to the gateway. Try again in a moment.',
  gatewayRefused: 'The gateway refused the request: “{{words}}”.',
  gatewayRefusedNoWords: 'The gateway refused the request.',
  gatewayUnreachableCli: 'Could not reach the gateway at {{server}}: check --server and the network.',
  noCredentialsCli:
    'No credentials: sign in once in the Relay Desk app on this computer (same server), or set RELAY_TOKEN, or RELAY_EMAIL and RELAY_PASSWORD, in the environment.',
  signInCancelled: 'Sign-in was cancelled.',
  sandboxNotStarted: 'The built-in sandbox could not be started. Quit Relay Desk and open it again.',
  settingInvalid: 'This setting cannot be saved as it is: check what was typed and try again.',
  settingsNotSaved:
    'Your settings could not be saved: check that the disk is not full and that Relay Desk may write to its folder, then try again.',
  jobGone: 'This task does not exist (any more).',
  jobRunningElsewhere: 'This task is running in another Relay Desk window or relay command. Stop it there first.',
  jobKindUnknown: 'This version of Relay Desk cannot run this kind of task ({{kind}}): update Relay Desk.',
  closingNoStart: 'Relay Desk is closing: no task can start now.',
  closedWhilePreparing: 'Relay Desk closed while the task was being prepared. Start it again.',
  onlyRunningPause: 'Only a running task can be paused.',
  jobFinished: 'This task has already finished.',
  jobPreparing: 'This task is still being prepared: try again in a moment.',
  rangeTooLong: 'That period is too long for this view: choose a shorter period, or days instead of hours.',
  syncFromPast: 'Choose a day in the past to sync from.',
  historyTooLarge:
    'The gateway’s replies stay too large to read, even for a short stretch of time. The sync stopped after {{requests}} requests; the messages already stored are kept. Ask the gateway’s support, then sync again.',
};
