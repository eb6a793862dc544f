import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { NewsletterPreview, OptedOutView } from '../../shared/ipc';
import { countSms } from '../../shared/sms';
import { ApiError, errorMessage } from '../../renderer/src/api/client';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render-app';
import { phone, settingsView, snapshot } from './phones';

// What goes out is what the user meant (issue 17), as the screens show it before anything is sent: a newsletter
// with {nome} is refused in words with a one-click personalised campaign to the same tags; opted-out recipients
// are named with the reply that opted them out (Newsletters and Send); refusals show their own words in the
// user's language, never a field name.

/** The account's one phone, Front desk, online with one SIM. */
const phones = () => snapshot([phone(7, 'Front desk')]);
let language: 'en' | 'pt-BR' = 'en';
const settings = () => settingsView({ language, defaultDeviceId: 7, timeZone: 'UTC' });
const tags = () => [{ id: 31, title: 'Clientes VIP', contacts: 120, createdHere: true, createdAt: 1 }];
const parar: OptedOutView = {
  phone: '+5511987650001',
  name: 'Ana',
  source: 'reply',
  keyword: 'parar',
  reply: 'PARAR',
  replyAt: Date.parse('2026-05-01T09:58:00Z'),
  addedAt: Date.parse('2026-05-01T09:58:10Z'),
};

const preview = (body: string, optedOut: OptedOutView[]): NewsletterPreview => ({
  recipients: 120 - optedOut.length,
  suppressed: optedOut.length,
  tagContacts: 120,
  optedOut: { count: optedOut.length, sample: optedOut.map((p) => p.phone), people: optedOut },
  unknownTags: [],
  placeholders: [...body.matchAll(/\{(\w+)\}/g)].map((m) => `{${m[1]!}}`),
  count: countSms(body),
  totalSegments: 120,
  durationMs: 600_000,
  schedule: null,
  device: { id: 7, title: 'Front desk', online: true },
});

const bridge = (optedOut: OptedOutView[] = []) =>
  new FakeBridge({
    'settings:get': settings,
    'devices:snapshot': phones,
    'contacts:tags': tags,
    'newsletters:list': () => [],
    'campaigns:list': () => [],
    'campaigns:preview': () => ({
      columns: ['nome'],
      problems: [],
      recipients: 120,
      suppressed: 0,
      optedOut: [],
      skipped: { invalid: 0, duplicates: 0, landlines: 0 },
      rows: [],
      longest: null,
      totalSegments: 120,
      rowsWithBlanks: 0,
      plan: null,
      schedule: null,
      sameAs: null,
    }),
    'optouts:list': () => ({ rows: [], total: 0 }),
    'newsletters:preview': (input) => preview(input.body, optedOut),
  });

async function review(fake: FakeBridge, body: string, lang: 'en' | 'pt-BR' = 'en') {
  language = lang;
  const rendered = await renderApp({ bridge: fake, path: '/newsletters', language: lang });
  const { user } = rendered;
  const en = lang === 'en';
  await user.click(await screen.findByRole('checkbox', { name: en ? 'Clientes VIP (120 contacts)' : 'Clientes VIP (120 contatos)' }));
  await user.click(screen.getByRole('button', { name: en ? 'Next' : 'Avançar' }));
  await user.type(await screen.findByRole('textbox', { name: en ? /^Title/ : /^Título/ }), 'Promoção');
  await user.type(screen.getByRole('textbox', { name: en ? /^Message/ : /^Mensagem/ }), body.replace(/[{[]/g, '$&$&'));
  await user.click(screen.getByRole('button', { name: en ? 'Next' : 'Avançar' }));
  await user.click(await screen.findByRole('button', { name: en ? 'Review' : 'Revisar' }));
  await screen.findByTestId('newsletter-summary');
  return rendered;
}

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('Newsletter with a {placeholder}', { timeout: 15_000 }, () => {
  it('is refused in a sentence naming it; nothing can be created; one click opens a campaign to the same tag with the same text', async () => {
    const fake = bridge();
    const { user } = await review(fake, 'Olá {nome}! Promoção');
    const refusal = screen.getByTestId('newsletter-placeholders');
    expect(within(refusal).getByRole('alert').textContent).toBe(
      'A newsletter cannot fill in {nome}: the gateway sends the same text to everyone, so customers would read “{nome}” as written. Nothing was sent. Send it as a personalised campaign to the same tags instead.',
    );
    expect(screen.queryByRole('button', { name: 'Create the newsletter' })).toBeNull();
    await user.click(within(refusal).getByRole('button', { name: 'Send as a personalised campaign to the same tags' }));
    await screen.findByRole('heading', { name: 'New campaign' });
    expect((screen.getByRole('combobox', { name: /^Tag/ }) as HTMLSelectElement).value).toBe('31');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((screen.getByRole('textbox', { name: /^Message/ }) as HTMLTextAreaElement).value).toBe('Olá {nome}! Promoção');
    expect(fake.callsTo('newsletters:create')).toEqual([]);
  }, 15_000);

  it('says the same in Portuguese', async () => {
    await review(bridge(), 'Oi {nome}', 'pt-BR');
    expect(within(screen.getByTestId('newsletter-placeholders')).getByRole('alert').textContent).toMatch(
      /^Uma newsletter não preenche \{nome\}/,
    );
    expect(screen.getByRole('button', { name: 'Enviar como campanha para as mesmas etiquetas' })).toBeTruthy();
  });
});

// Walking the steps takes a few more clicks than one form did: a loaded machine needs the time.
describe('Opted-out recipients before the button is pressed', { timeout: 15_000 }, () => {
  it('the newsletter summary names them with the reply that opted them out', async () => {
    await review(bridge([parar]), 'Promoção de maio');
    // The new step's heading has the focus (not the top of the page).
    await waitFor(() => expect(document.activeElement?.id).toBe('summary-title'));
    const people = within(screen.getByTestId('opted-out')).getByTestId('opted-out-people');
    expect(people.textContent).toContain('1 opted-out recipient is left out:');
    expect(people.textContent).toMatch(/Ana · \+5511987650001 — replied “PARAR” on /);
  });

  it('the Send screen marks an opted-out number with its reply as it is typed, before Send', async () => {
    const fake = new FakeBridge({
      'settings:get': settings,
      'devices:snapshot': phones,
      'sending:check': (input) =>
        input.to.map((phone) =>
          phone === parar.phone
            ? { input: phone, phone, state: 'opted-out', reason: null, optedOut: parar }
            : { input: phone, phone, state: 'ready', reason: null, optedOut: null },
        ),
    });
    const { user } = await renderApp({ bridge: fake, path: '/send' });
    await user.type(await screen.findByRole('textbox', { name: /^Numbers/ }), '+55 11 98765-0001, +55 11 98765-0002');
    const checked = screen.getByTestId('checked-numbers');
    await waitFor(() =>
      expect(within(checked).getByTestId('opted-out-reason').textContent).toMatch(/replied “PARAR” on .*; will not get this message/),
    );
    expect(checked.textContent).toContain('Opted out');
    expect(fake.callsTo('sending:send')).toEqual([]);
  });
});

describe('Refusals in words', () => {
  it('shows the refusal’s own words in the user’s language, else main’s sentence, never a field name', async () => {
    language = 'pt-BR';
    await renderApp({ bridge: bridge(), path: '/newsletters', language: 'pt-BR' });
    await screen.findByRole('heading', { name: 'Newsletters' });
    const keyed = new ApiError({
      code: 'validation',
      message: 'English sentence',
      field: 'optedOut',
      params: { count: 2 },
      key: 'refusals.newsletterOptedOut',
    });
    expect(errorMessage(keyed)).toMatch(/^2 contatos destas etiquetas estão descadastrados, e uma newsletter/);
    const unkeyed = new ApiError({ code: 'validation', message: 'The image is 9.0 MB; at most 5 MB can be sent.', field: 'imageId' });
    expect(errorMessage(unkeyed)).toBe('The image is 9.0 MB; at most 5 MB can be sent.');
    const schema = new ApiError({
      code: 'validation',
      message: 'This request\'s "to.0" cannot be used',
      field: 'to.0',
      key: 'errors.validation',
    });
    expect(errorMessage(schema)).not.toMatch(/to\.0|Confira "/);
  });
});
