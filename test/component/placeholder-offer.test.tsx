import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initI18n } from '../../renderer/src/i18n';
import { PlaceholderButtons } from '../../renderer/src/composer/PlaceholderButtons';
import { BlankValues } from '../../renderer/src/composer/BlankValues';

// A campaign to a tag offers the fields its contacts were imported with: {cidade} beside the header it came
// from ("Cidade"), so a shop owner finds their own column; a click puts the placeholder in the message.

beforeAll(async () => {
  await initI18n('en');
});

const columns = ['name', 'phone', 'cidade', 'data_de_nascimento'];
const labels = { cidade: 'Cidade', data_de_nascimento: 'Data de nascimento' };

describe('the placeholders a campaign to a tag offers', () => {
  it('shows each kept field with its header and inserts its placeholder', async () => {
    await i18next.changeLanguage('en');
    const onInsert = vi.fn();
    render(<PlaceholderButtons columns={columns} labels={labels} onInsert={onInsert} />);
    const group = screen.getByRole('group', { name: 'Columns you can use' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['{name}', '{phone}', '{cidade} · Cidade', '{data_de_nascimento} · Data de nascimento']);
    await userEvent.click(within(group).getByRole('button', { name: 'Insert {cidade} (the column “Cidade”)' }));
    expect(onInsert).toHaveBeenCalledWith('cidade');
    // {name} and {phone} are every list's own: no header to show.
    expect(within(group).getByRole('button', { name: 'Insert name' })).toBeTruthy();
  });

  it('says the same in Portuguese', async () => {
    await i18next.changeLanguage('pt-BR');
    render(<PlaceholderButtons columns={columns} labels={labels} onInsert={() => {}} />);
    const group = screen.getByRole('group', { name: 'Colunas que você pode usar' });
    expect(within(group).getByRole('button', { name: 'Inserir {data_de_nascimento} (a coluna “Data de nascimento”)' })).toBeTruthy();
    await i18next.changeLanguage('en');
  });

  it('a CSV’s columns have no labels: only the placeholders', async () => {
    render(<PlaceholderButtons columns={['Nome', 'Pedido']} onInsert={() => {}} />);
    expect(screen.getByRole('button', { name: 'Insert Pedido' }).textContent).toBe('{Pedido}');
  });
});

describe('recipients a placeholder leaves empty', () => {
  const preview = {
    rowsWithBlanks: 3,
    blanksByPlaceholder: { cidade: 3, pedido: 1 },
    blankRows: [
      { phone: '+5511987650002', name: 'Bia', blanks: ['cidade'] },
      { phone: '+5511987650003', name: '', blanks: ['cidade', 'pedido'] },
    ],
  };

  it('are counted and named before anything is sent, per placeholder', async () => {
    await i18next.changeLanguage('en');
    render(<BlankValues preview={preview} />);
    const notice = screen.getByTestId('blank-values');
    expect(within(notice).getByText('3 recipients have an empty column in this message: they are sent with that part blank.')).toBeTruthy();
    expect(
      within(notice)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['{cidade} is empty for 3: Bia, +5511987650003 and 1 more', '{pedido} is empty for 1: +5511987650003']);
  });

  it('in Portuguese too', async () => {
    await i18next.changeLanguage('pt-BR');
    render(<BlankValues preview={preview} />);
    expect(
      within(screen.getByTestId('blank-values'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['{cidade} está vazio para 3: Bia, +5511987650003 e mais 1', '{pedido} está vazio para 1: +5511987650003']);
    await i18next.changeLanguage('en');
  });

  it('say nothing when every recipient has every value', () => {
    const { container } = render(<BlankValues preview={{ rowsWithBlanks: 0, blanksByPlaceholder: {}, blankRows: [] }} />);
    expect(container.textContent).toBe('');
  });
});
