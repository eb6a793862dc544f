import type { ErrorCode } from '../../errors';
import { campaignsEn, failuresEn } from './campaigns';
import { contactsEn } from './contacts';
import { desktopEn } from './desktop';
import { jobsEn } from './jobs';
import { refusalsEn } from './refusals';
import { sendingEn } from './sending';
import { screensEn } from './screens';
import { composerEn } from './composer';
import { messagesMainEn } from './messages-main';
import { messagesEn } from './messages';
import { inboxEn } from './inbox';
import { resultsEn } from './results';
import { cliEn } from './cli';

// English words for the renderer and main alike. pt-BR.ts must have exactly the same keys (checked by its
// type and a unit test). Counted words use i18next plural keys (`_one` / `_other`) with {{count}}.
export const en = {
  app: { name: 'Relay Desk' },
  common: {
    save: 'Save',
    saved: 'Saved',
    cancel: 'Cancel',
    retry: 'Try again',
    loading: 'Loading…',
    close: 'Close',
    yes: 'Yes',
    no: 'No',
    never: 'never',
    unknown: 'unknown',
  },
  nav: {
    label: 'Sections',
    home: 'Home',
    inbox: 'Inbox',
    devices: 'Devices',
    contacts: 'Contacts',
    newsletters: 'Newsletters',
    campaigns: 'Campaigns',
    messages: 'Messages',
    send: 'Send',
    optOuts: 'Opt-outs',
    settings: 'Settings',
  },
  status: {
    signedInAs: 'Signed in as {{email}}',
    server: 'Server: {{server}}',
    sandbox: 'Sandbox (no real messages are sent)',
    gatewayOk: 'Gateway answers',
    gatewayDown: 'Gateway unreachable since {{time}}',
    gatewayUnknown: 'Checking gateway…',
    keychain: 'Token kept in: {{backend}}',
    backend: { keytar: 'OS keychain', safeStorage: 'encrypted file', memory: 'memory (this run only)' },
    signOut: 'Sign out',
  },
  signIn: {
    title: 'Sign in to SMSGateway24',
    intro: 'Use the email and password of your SMSGateway24 account. Your password is used once and never stored.',
    email: 'Email',
    password: 'Password',
    advanced: 'Advanced',
    server: 'Server address',
    submit: 'Sign in',
    submitting: 'Signing in…',
    or: 'or',
    trySandbox: 'Try without an account',
    trySandboxHint: 'Opens a built-in practice gateway with three simulated phones. Nothing is really sent.',
    version: 'Version {{version}}',
    ended: {
      expired: 'Your session expired. Please sign in again.',
      unreadable: 'Your saved sign-in could not be read. Please sign in again.',
      'sandbox-not-restarted': 'The practice gateway could not be started again. Please sign in again.',
    },
  },
  storage: {
    title: 'Keep you signed in?',
    body: 'This computer has no protected password store, so your sign-in would be saved without encryption. Anyone with access to your user account could read it.',
    store: 'Save it anyway',
    memory: 'Only for this session',
  },
  home: {
    title: 'Welcome to Relay Desk',
    about: 'About this app',
    version: 'Version',
    platform: 'System',
    locale: 'Language of the system',
  },
  settings: {
    title: 'Settings',
    language: 'Language',
    languageSystem: 'Same as the system',
    server: 'Server address',
    serverHint: 'Used the next time you sign in.',
    defaultDevice: 'Default phone',
    noDefaultDevice: 'None',
    defaultSim: 'Default SIM / channel',
    sim: { '0': 'SIM 1 (SMS)', '1': 'SIM 2 (SMS)', '2': 'WhatsApp Business', '3': 'WhatsApp', '4': 'RCS (slot 1)', '5': 'RCS (slot 2)' },
    pollSeconds: 'Check phones every (seconds)',
    historyDays: 'Message history kept on this computer',
    historyDaysHint: 'After you sign in, the last days come first; the rest is read in the background.',
    historyDaysOption_one: 'The last {{count}} day',
    historyDaysOption_other: 'The last {{count}} days',
    defaultCountry: 'Default country for phone numbers',
    defaultCountryHint: 'Numbers written without a country code (+55…) are read as numbers of this country.',
    timeZone: 'Time zone for dates',
    notifications: 'Desktop notifications',
    notifyOffline: 'When a phone goes offline',
    notifyOnline: 'When a phone comes back online',
    corruptNotice: 'Your settings file could not be read, so the defaults are in use. The old file was kept as {{file}}.',
    resetNotice: 'Some settings were not valid and are back to their defaults: {{fields}}. The original file was kept as {{file}}.',
  },
  devices: {
    title: 'Devices',
    refresh: 'Refresh now',
    refreshing: 'Refreshing…',
    empty: 'No phones are linked to this account yet. Install the SMSGateway24 app on an Android phone and sign in there.',
    online: 'Online',
    offline: 'Offline',
    lastSeen: 'Last seen {{when}}',
    neverSeen: 'Never seen',
    number: 'Number',
    sims: 'SIM cards',
    roaming: 'roaming',
    appVersion: 'App {{version}}',
    appOutdated: 'Update available: install the latest SMSGateway24 app on this phone.',
    subscription: 'Subscription',
    subscriptionActive: 'active',
    subscriptionInactive: 'inactive',
    pollEvery: 'Checks in every {{seconds}} s',
    queue: 'Queue',
    queueCounts: '{{waiting}} waiting · {{taken}} taken by the phone',
    queueUnknown: 'Queue not available',
    history: 'Last 24 hours',
    historySince: 'Since {{time}} (while Relay Desk was open)',
    historyLabel: 'Online history of {{title}}: {{online}} online, {{offline}} offline',
    events: 'Events this session',
    noEvents: 'No phone has gone offline or come back since you opened Relay Desk.',
    wentOffline: '{{title}} went offline',
    cameOnline: '{{title}} is back online',
    unreachable: 'Gateway unreachable since {{time}}. Showing the last known state.',
    lastPoll: 'Updated {{when}}',
    dismiss: 'Dismiss',
    filter: { label: 'Show', all: 'All', online: 'Online', offline: 'Offline' },
    noneMatch: 'No phone matches this filter.',
  },
  contacts: contactsEn,
  notifications: {
    unnamed: 'Phone {{id}}',
    backOnline: '{{name}} is back online',
    willSend_one: 'It will now send {{count}} waiting message.',
    willSend_other: 'It will now send the {{count}} waiting messages.',
    pollingAgain: 'It is polling the gateway again.',
    offline: '{{name}} is offline',
    neverSeen: 'It has not been seen yet.',
    seenMinutes: 'Last seen {{count}} min ago.',
    seenHours: 'Last seen {{count}} h ago.',
    seenDays_one: 'Last seen {{count}} day ago.',
    seenDays_other: 'Last seen {{count}} days ago.',
    waitNote: 'Messages wait on the gateway until it is back.',
  },
  tray: {
    open: 'Open Relay Desk',
    quit: 'Quit Relay Desk',
    tooltip: 'Relay Desk — watching your gateway phones',
  },
  forms: {
    required: 'Please fill this in.',
    email: 'Enter an email address, like name@example.com.',
    url: 'Enter a web address that starts with https://.',
    tooLong: 'Use at most {{maximum}} characters.',
    atLeast: 'Enter {{minimum}} or more.',
    atMost: 'Enter {{maximum}} or less.',
    wholeNumber: 'Enter a whole number.',
    invalid: 'This value is not valid.',
    server: {
      empty: 'Enter the gateway address, for example https://smsgateway24.com/getdata/.',
      tooLong: 'This address is too long.',
      notUrl: 'This is not a web address: it should start with https://.',
      credentials: 'The address must not contain a user name or password.',
      notHttps:
        'Use an address that starts with https://. Over plain http your password and session could be read by anyone on the network (http:// works only for this computer, such as http://127.0.0.1).',
      scheme: 'The address must start with https://.',
    },
  },
  routeError: {
    title: 'This screen ran into a problem',
    body: 'Relay Desk could not show this screen. Nothing you saved is lost.',
    notFound: 'There is no screen at this address.',
    details: 'Details',
    back: 'Back to Home',
    retry: 'Try again',
  },
  table: {
    empty: 'Nothing to show.',
    rows_one: '{{count, number}} row',
    rows_other: '{{count, number}} rows',
  },
  progress: {
    counts: '{{done}} of {{total}}',
    rate: '{{rate}} per second',
    etaSeconds_one: 'about {{count}} second left',
    etaSeconds_other: 'about {{count}} seconds left',
    etaMinutes_one: 'about {{count}} minute left',
    etaMinutes_other: 'about {{count}} minutes left',
    etaHours_one: 'about {{count}} hour left',
    etaHours_other: 'about {{count}} hours left',
    etaUnknown: 'estimating the time left…',
  },
  campaigns: campaignsEn,
  failures: failuresEn,
  messagesMain: messagesMainEn,
  inbox: inboxEn,
  results: resultsEn,
  cli: cliEn,
  messages: messagesEn,
  jobs: jobsEn,
  refusals: refusalsEn,
  sending: sendingEn,
  desktop: desktopEn,
  screens: screensEn,
  composer: composerEn,
  errors: {
    generic: 'Something went wrong.',
    validation: 'Something in this form cannot be used as it is. Check what was typed and try again.',
    'unknown-channel': 'Relay Desk could not handle this request.',
    'forbidden-sender': 'This request did not come from Relay Desk.',
    'not-signed-in': 'Please sign in first.',
    'invalid-token': 'Your session expired. Please sign in again.',
    timeout: 'The gateway took too long to answer. Please try again.',
    network: 'The gateway could not be reached. Check the internet connection.',
    'bad-reply': 'The gateway sent a reply Relay Desk could not read. Please try again later.',
    'unknown-outcome': 'The gateway did not confirm the request. It may or may not have been queued: check Messages before sending again.',
    keychain: 'The sign-in could not be kept in the system keychain.',
    'disk-full':
      "The disk that holds Relay Desk's data is full ({{file}}). Free some space on it, then try again: nothing already recorded is lost, and nothing is sent twice.",
    'storage-read-only':
      'Relay Desk cannot write its data file {{file}}: the file or its folder is read-only. Give your user write access to that folder, then try again.',
    'storage-damaged':
      "Relay Desk's data file {{file}} is damaged or is not a Relay Desk database. Quit Relay Desk, move that file somewhere safe (support may recover its tags and campaigns), then start again: the message history syncs again from the gateway.",
    'storage-busy':
      "Relay Desk's data file {{file}} stayed locked by another program for too long. Close other programs using it (a backup or sync tool, another copy of Relay Desk), then try again.",
    'storage-too-new':
      "Relay Desk's data file {{file}} was written by a newer version of Relay Desk. Update Relay Desk to open it; the file was not changed.",
    internal: 'Something went wrong. Please try again.',
  },
};

/** Codes whose text is the gateway's own words (AppError.message), shown as they come. */
export const GATEWAY_WORDED_CODES = ['wrong-credentials', 'gateway-refused'] as const satisfies readonly ErrorCode[];
export type WordedErrorCode = Exclude<ErrorCode, (typeof GATEWAY_WORDED_CODES)[number]>;

// Every other AppError code has a text: a new code without one fails to compile.
const _everyErrorHasText: Record<WordedErrorCode, string> = en.errors;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;
