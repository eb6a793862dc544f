import type { ComponentType } from 'react';
import type { Messages } from '../../../shared/i18n';

// Every screen of the app, in navigation order. Adding a screen = one entry here (its words under `nav.`
// in the catalogue). Each screen's code is its own chunk, fetched the first time the screen opens, so the
// window starts with the shell only (the first script stays small as screens grow).

export type ScreenId = Exclude<keyof Messages['nav'], 'label'>;

export interface Screen {
  id: ScreenId;
  /** Loads the screen's code (a separate chunk in the build). */
  load: () => Promise<ComponentType>;
}

export const SCREENS: readonly Screen[] = [
  { id: 'home', load: async () => (await import('../pages/home/HomePage')).HomePage },
  { id: 'inbox', load: async () => (await import('../pages/inbox/InboxPage')).InboxPage },
  { id: 'devices', load: async () => (await import('../pages/devices/DevicesPage')).DevicesPage },
  { id: 'contacts', load: async () => (await import('../pages/contacts/ContactsPage')).ContactsPage },
  { id: 'newsletters', load: async () => (await import('../pages/newsletters/NewslettersPage')).NewslettersPage },
  { id: 'campaigns', load: async () => (await import('../pages/campaigns/CampaignsPage')).CampaignsPage },
  { id: 'messages', load: async () => (await import('../pages/messages/MessagesPage')).MessagesPage },
  { id: 'send', load: async () => (await import('../pages/send/SendPage')).SendPage },
  { id: 'optOuts', load: async () => (await import('../pages/opt-outs/OptOutsPage')).OptOutsPage },
  { id: 'settings', load: async () => (await import('../pages/settings/SettingsPage')).SettingsPage },
];

export const HOME: ScreenId = 'home';

/** The hash path of a screen, e.g. "/devices" (the app's URL is index.html#/devices?show=offline). */
export const screenPath = (id: ScreenId) => `/${id}`;
