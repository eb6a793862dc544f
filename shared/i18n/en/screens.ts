// Words of the app's frame and small screen details: the sidebar, the sign-out question, the Settings
// lists (country, time zone, Advanced), the Devices subscription, the failure rate, file-dialog titles.
// English and Português do Brasil, same keys; counted words use `_one` / `_other`.
// English. The Portuguese words are in ../pt-BR/screens.ts, with the same keys.

export const screensEn = {
  signOut: {
    title: 'Sign out with work unfinished?',
    intro: 'Relay Desk is still working on this for the account:',
    running: 'still running',
    paused: 'paused',
    waiting: 'waiting for you',
    progress: '{{done}} of {{total}} done',
    what: 'While you are signed out it waits: nothing more is handed to your phones. It carries on when you sign in again to this account; if you close Relay Desk or use another account first, it waits until you resume it.',
    gateway: 'Newsletters and messages already handed to the gateway are still sent by your phones at their time.',
    confirm: 'Sign out',
    stay: 'Stay signed in',
  },
  settings: {
    advanced: 'Advanced',
    advancedHint: 'Only change this if SMSGateway24 gave you another server address.',
    countrySearch: 'Search countries',
    countryNone: 'No country matches “{{query}}”.',
    zoneCurrent: 'Current',
    zoneOption: '{{city}} ({{offset}})',
    zoneSystem: 'Same as this computer: {{city}} ({{offset}})',
    regions: {
      Africa: 'Africa',
      America: 'Americas',
      Antarctica: 'Antarctica',
      Arctic: 'Arctic',
      Asia: 'Asia',
      Atlantic: 'Atlantic',
      Australia: 'Australia',
      Europe: 'Europe',
      Indian: 'Indian Ocean',
      Pacific: 'Pacific',
      Etc: 'Other',
    },
  },
  devices: {
    subscriptionInactiveWhy:
      'Without an active SMSGateway24 subscription this phone may not get its messages: they can stay waiting in its queue.',
    subscriptionInactiveNext: 'Renew it in your account on the SMSGateway24 site, then press “Refresh now”.',
    subscriptionWaiting_one: '{{count}} message is waiting for it.',
    subscriptionWaiting_other: '{{count}} messages are waiting for it.',
  },
  failureRate: {
    usual: '{{rate}} of today’s finished messages failed ({{failed}} of {{finished}}), as usual for this account.',
    unusual: '{{rate}} of today’s messages failed ({{failed}} of {{finished}}); usually {{usual}}.',
    noHistory: '{{rate}} of today’s finished messages failed ({{failed}} of {{finished}}).',
  },
  dialogs: {
    openContacts: 'Choose a file of contacts',
    openCampaignFile: 'Choose the recipients (CSV)',
    openImage: 'Choose an image',
    saveProblems: 'Save the rows that will not be imported',
    saveCampaignReport: 'Save the campaign report',
  },
  disabled: {
    noPhone: 'Choose a phone first.',
    noRecipients: 'Choose who receives it first.',
    noMessage: 'Write the message first.',
    checking: 'Checking…',
    problems: 'Fix the problems above first.',
    past: 'The chosen time has passed.',
    nobodyLeft: 'Nobody on this list can receive it.',
    imageOnSms: 'An SMS cannot carry an image: choose a WhatsApp channel or remove the image.',
    noTime: 'Pick the date and time first.',
  },
};
