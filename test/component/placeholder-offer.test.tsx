import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initI18n } from '../../renderer/src/i18n';
import { PlaceholderButtons } from '../../renderer/src/composer/PlaceholderButtons';

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
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['{name}', '{phone}', '{cidade} · Cidade', '{data_de_nascimento} · Data de nascimento']);
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
