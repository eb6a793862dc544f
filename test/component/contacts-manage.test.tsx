import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { ContactView, TagView } from '../../shared/ipc';
import { FakeBridge, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';

// Contacts people can manage from their row: a name corrected, a number opted out (or back in, after a
// question), a contact removed from the tag here with what the gateway keeps said plainly, a tag saved as CSV.

const savedHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 }));
afterAll(() => {
  if (savedHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', savedHeight);
});

const tag: TagView = { id: 41, title: 'Clientes', contacts: 2, createdHere: true, createdAt: 1_746_000_000_000 };
const ana: ContactView = { phone: '+5511987650001', name: 'Ana', contactId: 1, addedAt: 1_746_000_000_000, optedOut: false };
const bia: ContactView = { phone: '+5511987650002', name: 'Bia', contactId: 2, addedAt: 1_746_000_000_000, optedOut: true };

function bridgeWith(extra: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  return new FakeBridge({
    'jobs:list': () => [],
    'contacts:tags': () => [tag],
    'contacts:imports': () => [],
    'contacts:list': () => ({ rows: [ana, bia], total: 2, fields: [] }),
    'contacts:updateContact': (input) => ({ ...ana, name: input.name }),
    'contacts:removeContact': () => undefined,
    'contacts:exportTag': () => ({ saved: true, name: 'Clientes.csv', rows: 2 }),
    'optouts:add': () => ({ added: 1, invalid: [] }),
    'optouts:remove': () => ({ removed: 1 }),
    ...extra,
  });
}

/** Opens a contact's row (its actions show under the table). */
async function open(user: Awaited<ReturnType<typeof renderApp>>['user'], name: string) {
  await user.click(await screen.findByText(name));
  return screen.findByTestId('contact-panel');
}

describe('managing contacts', () => {
  it('edits a name, saying the gateway keeps its own copy', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/contacts?tag=41' });
    await open(user, 'Ana');
    await user.click(await screen.findByRole('button', { name: 'Edit: Ana' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the contact +5511987650001' });
    expect(within(dialog).getByText(/The gateway keeps the name it was imported with/)).toBeTruthy();
    const field = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.clear(field);
    await user.type(field, 'Ana Souza');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(bridge.callsTo('contacts:updateContact')).toEqual([{ tagId: 41, phone: '+5511987650001', name: 'Ana Souza' }]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('edits the fields kept from the import with the name; the list shows them', async () => {
    const withCity = { ...ana, fields: { cidade: 'Recife', data_de_nascimento: '12/04' } };
    const bridge = bridgeWith({
      'contacts:list': () => ({
        rows: [withCity, bia],
        total: 2,
        fields: [
          { key: 'cidade', header: 'Cidade' },
          { key: 'data_de_nascimento', header: 'Data de nascimento' },
        ],
      }),
    });
    const { user } = await renderApp({ bridge, path: '/contacts?tag=41' });
    // Two fields: a column each, under the file's own headers.
    const table = await screen.findByRole('table', { name: 'Contacts in Clientes' });
    expect(within(table).getByRole('columnheader', { name: /^Cidade/ })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: /^Data de nascimento/ })).toBeTruthy();
    expect(within(table).getByText('Recife')).toBeTruthy();
    await open(user, 'Ana');
    await user.click(await screen.findByRole('button', { name: 'Edit: Ana' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the contact +5511987650001' });
    const fields = within(dialog).getByTestId('contact-fields');
    expect(within(fields).getByText('Fields kept from the import')).toBeTruthy();
    expect(within(fields).getByText('Campaigns to this tag fill {cidade} with these. Leave one empty to remove it.')).toBeTruthy();
    const city = within(fields).getByRole('textbox', { name: 'Cidade {cidade}' });
    expect((city as HTMLInputElement).value).toBe('Recife');
    await user.clear(city);
    await user.type(city, 'Olinda');
    await user.clear(within(fields).getByRole('textbox', { name: 'Data de nascimento {data_de_nascimento}' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(bridge.callsTo('contacts:updateContact')).toEqual([
        { tagId: 41, phone: '+5511987650001', name: 'Ana', fields: { cidade: 'Olinda', data_de_nascimento: '' } },
      ]),
    );
  });

  it('opts a contact out only after a question, and back in after another', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/contacts?tag=41' });
    await open(user, 'Ana');
    await user.click(await screen.findByRole('button', { name: 'Opt out: Ana' }));
    const ask = await screen.findByRole('dialog', { name: 'Opt Ana out?' });
    expect(bridge.callsTo('optouts:add')).toHaveLength(0);
    await user.click(within(ask).getByRole('button', { name: 'Opt out' }));
    await waitFor(() => expect(bridge.callsTo('optouts:add')).toEqual([{ phones: ['+5511987650001'] }]));

    // Bia is opted out: her row says so and offers to opt her back in.
    expect(screen.getAllByText('Opted out').length).toBeGreaterThan(0);
    await open(user, 'Bia');
    await user.click(await screen.findByRole('button', { name: 'Opt back in: Bia' }));
    const back = await screen.findByRole('dialog', { name: 'Opt Bia back in?' });
    expect(within(back).getByText(/Only do this if \+5511987650002 asked to receive your messages again/)).toBeTruthy();
    await user.click(within(back).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('optouts:remove')).toHaveLength(0);
  });

  it('removes a contact from the tag here, saying the gateway keeps it and a newsletter still reaches it; saves the tag as CSV', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/contacts?tag=41' });
    await open(user, 'Ana');
    await user.click(await screen.findByRole('button', { name: 'Remove from this tag: Ana' }));
    const ask = await screen.findByRole('dialog', { name: 'Remove Ana from Clientes?' });
    expect(within(ask).getByText(/The gateway keeps the contact in the tag .* so a newsletter to Clientes still reaches it/)).toBeTruthy();
    await user.click(within(ask).getByRole('button', { name: 'Remove from this tag' }));
    await waitFor(() => expect(bridge.callsTo('contacts:removeContact')).toEqual([{ tagId: 41, phone: '+5511987650001' }]));
    await user.click(screen.getByRole('button', { name: 'Save as CSV…' }));
    expect(await screen.findByText('2 contacts saved in Clientes.csv.')).toBeTruthy();
  });

  it('in Portuguese', async () => {
    const bridge = bridgeWith({ 'settings:get': settingsIn('pt-BR') });
    const { user } = await renderApp({ bridge, path: '/contacts?tag=41', language: 'pt-BR' });
    await open(user, 'Ana');
    await user.click(await screen.findByRole('button', { name: 'Tirar desta etiqueta: Ana' }));
    const ask = await screen.findByRole('dialog', { name: 'Tirar Ana de Clientes?' });
    expect(within(ask).getByText(/um boletim para Clientes ainda chega a ele/)).toBeTruthy();
    await user.click(within(ask).getByRole('button', { name: 'Cancelar' }));
    expect(screen.getByRole('button', { name: 'Editar: Ana' })).toBeTruthy();
    await open(user, 'Bia');
    expect(await screen.findByRole('button', { name: 'Recadastrar: Bia' })).toBeTruthy();
  });
});
