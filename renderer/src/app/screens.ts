import type { ComponentType } from 'react';
import type { Messages } from '../../../shared/i18n';
import { HomePage } from '../pages/home/HomePage';
import { DevicesPage } from '../pages/devices/DevicesPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { ContactsPage } from '../pages/contacts/ContactsPage';
import { NewslettersPage } from '../pages/newsletters/NewslettersPage';
import { CampaignsPage } from '../pages/campaigns/CampaignsPage';
import { SendPage } from '../pages/send/SendPage';
import { MessagesPage } from '../pages/messages/MessagesPage';

// Every screen of the app, in navigation order. Adding a screen = one entry here (its words under `nav.`
// in the catalogue).

export type ScreenId = Exclude<keyof Messages['nav'], 'label'>;

export interface Screen {
  id: ScreenId;
  Component: ComponentType;
}

export const SCREENS: readonly Screen[] = [
  { id: 'home', Component: HomePage },
  { id: 'devices', Component: DevicesPage },
  { id: 'contacts', Component: ContactsPage },
  { id: 'newsletters', Component: NewslettersPage },
  { id: 'campaigns', Component: CampaignsPage },
  { id: 'messages', Component: MessagesPage },
  { id: 'send', Component: SendPage },
  { id: 'settings', Component: SettingsPage },
];

export const HOME: ScreenId = 'home';

/** The hash path of a screen, e.g. "/devices" (the app's URL is index.html#/devices?show=offline). */
export const screenPath = (id: ScreenId) => `/${id}`;
