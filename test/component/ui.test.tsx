import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initI18n } from '../../renderer/src/i18n';
import { ConfirmDialog, DataTable, ProgressBar, type DataColumn } from '../../renderer/src/ui';

// The shared pieces as a user meets them: a 10,000-row table that renders only what is on screen,
// sorts from its headers and moves by keyboard; a progress line with rate and time left.

interface Contact {
  id: number;
  name: string;
  phone: string;
}
const contacts: Contact[] = Array.from({ length: 10_000 }, (_, i) => ({
  id: i + 1,
  name: `Contact ${String(10_000 - i).padStart(5, '0')}`,
  phone: `+55 11 9${String(i).padStart(8, '0')}`,
}));
const columns: DataColumn<Contact>[] = [
  { id: 'name', header: 'Name', value: (c) => c.name },
  { id: 'phone', header: 'Phone', value: (c) => c.phone, sortable: false },
];

// jsdom does no layout: give the scroll box the height a window would have, and let scrolling move it.
const saved = ['clientHeight', 'scrollHeight', 'scrollTop', 'scrollTo'].map(
  (name) =>
    [
      name,
      Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ?? Object.getOwnPropertyDescriptor(Element.prototype, name),
    ] as const,
);
const offsets = new WeakMap<Element, number>();
beforeAll(async () => {
  await initI18n('en');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 360 });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get: () => 36 * 10_001 });
  Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
    configurable: true,
    get() {
      return offsets.get(this) ?? 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
    configurable: true,
    value(this: HTMLElement, options: ScrollToOptions) {
      offsets.set(this, options.top ?? 0);
      this.dispatchEvent(new Event('scroll'));
    },
  });
});
afterAll(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  }
});

const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Contacts' }))
    .getAllByRole('row')
    .slice(1);

describe('DataTable', () => {
  it('renders a window of rows, not all ten thousand, and says how many there are', () => {
    render(<DataTable label="Contacts" rows={contacts} columns={columns} rowId={(c) => String(c.id)} />);
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.textContent).toContain('Contact 10000');
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('10001');
    expect(screen.getByText('10,000 rows')).toBeTruthy();
  });

  it('sorts by a header, says so to assistive technology, and leaves unsortable columns alone', async () => {
    const user = userEvent.setup();
    render(<DataTable label="Contacts" rows={contacts} columns={columns} rowId={(c) => String(c.id)} />);
    const nameHeader = screen.getByRole('columnheader', { name: /Name/ });
    await user.click(within(nameHeader).getByRole('button'));
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(bodyRows()[0]!.textContent).toContain('Contact 00001');
    await user.click(within(nameHeader).getByRole('button'));
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(bodyRows()[0]!.textContent).toContain('Contact 10000');
    expect(within(screen.getByRole('columnheader', { name: 'Phone' })).queryByRole('button')).toBeNull();
  });

  it('moves through rows by keyboard with one tab stop, reaches the last row, and opens with Enter', async () => {
    const user = userEvent.setup();
    const opened: number[] = [];
    render(<DataTable label="Contacts" rows={contacts} columns={columns} rowId={(c) => String(c.id)} onOpen={(c) => opened.push(c.id)} />);
    await user.tab(); // the Name header's sort button
    await user.tab(); // the rows
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('2');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('4');
    await user.keyboard('{Enter}');
    expect(opened).toEqual([3]);
    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('10001'));
    expect(document.activeElement?.textContent).toContain('Contact 00001');
    expect(bodyRows().filter((row) => row.tabIndex === 0)).toHaveLength(1);
  });

  it('says so when there is nothing to show', () => {
    render(<DataTable label="Contacts" rows={[]} columns={columns} rowId={(c) => String(c.id)} />);
    expect(screen.getByText('Nothing to show.')).toBeTruthy();
    expect(screen.getByText('0 rows')).toBeTruthy();
  });
});

describe('ProgressBar', () => {
  it('reads done, total, rate and time left, with plural forms', () => {
    const { rerender } = render(<ProgressBar label="Import" done={1200} total={5000} ratePerSecond={38.04} etaSeconds={100} />);
    expect(screen.getByRole('progressbar', { name: 'Import' }).getAttribute('value')).toBe('1200');
    expect(screen.getByText('1,200 of 5,000 · 38 per second · about 2 minutes left')).toBeTruthy();
    rerender(<ProgressBar label="Import" done={4999} total={5000} ratePerSecond={1} etaSeconds={1} />);
    expect(screen.getByText('4,999 of 5,000 · 1 per second · about 1 second left')).toBeTruthy();
    rerender(<ProgressBar label="Import" done={0} total={5000} />);
    expect(screen.getByText('0 of 5,000 · estimating the time left…')).toBeTruthy();
    rerender(<ProgressBar label="Import" done={5000} total={5000} ratePerSecond={40} etaSeconds={0} />);
    expect(screen.getByText('5,000 of 5,000 · 40 per second')).toBeTruthy();
  });

  it('speaks Portuguese too', async () => {
    await i18next.changeLanguage('pt-BR');
    render(<ProgressBar label="Importação" done={10} total={100} etaSeconds={7200} />);
    expect(screen.getByText('10 de 100 · faltam cerca de 2 horas')).toBeTruthy();
    await i18next.changeLanguage('en');
  });
});

describe('ConfirmDialog', () => {
  it('asks before the step: Cancel or Escape call onCancel, the step is pressed once while it runs', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    const { rerender } = render(
      <ConfirmDialog
        title="Remove +5511987650000?"
        confirm="Remove"
        onCancel={() => calls.push('cancel')}
        onConfirm={() => calls.push('confirm')}
      >
        <p>They will get messages again.</p>
      </ConfirmDialog>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Remove +5511987650000?' });
    expect(dialog.textContent).toContain('They will get messages again.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(calls).toEqual(['cancel', 'confirm', 'cancel']);

    rerender(
      <ConfirmDialog title="Send 3 messages again?" busy onCancel={() => calls.push('cancel')} onConfirm={() => calls.push('confirm')}>
        <p>A new send.</p>
      </ConfirmDialog>,
    );
    const yes = within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes' });
    expect((yes as HTMLButtonElement).disabled).toBe(true);
    await user.click(yes);
    expect(calls).toEqual(['cancel', 'confirm', 'cancel']);
  });
});
