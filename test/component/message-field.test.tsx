import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { MessageField } from '../../renderer/src/composer/MessageField';
import { initI18n } from '../../renderer/src/i18n';

// The message field's placeholder buttons put {column} at the caret and leave the caret after it. The caret is
// placed as the new text is drawn, not a frame later: a person (or a script) who clicks elsewhere in the text
// right after an insert and inserts again gets the second placeholder where they clicked.

function Harness() {
  const [value, setValue] = useState('Oi , seu pedido  saiu para entrega.');
  return <MessageField label="Message" value={value} onChange={setValue} columns={['nome', 'pedido']} />;
}

const nextFrame = () => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

describe('the message field', () => {
  it('keeps the caret where it was put right after an insert, even when a frame passes before the next insert', async () => {
    await initI18n('en');
    render(<Harness />);
    const body = screen.getByRole<HTMLTextAreaElement>('textbox', { name: /^Message/ });
    body.setSelectionRange(3, 3);
    fireEvent.click(screen.getByRole('button', { name: 'Insert nome' }));
    expect(body.value).toBe('Oi {nome}, seu pedido  saiu para entrega.');
    expect(body.selectionStart).toBe('Oi {nome}'.length);
    // Placed in the double space at once; a frame passes (where a late caret move would land); then the insert.
    const gap = body.value.indexOf('  ') + 1;
    body.setSelectionRange(gap, gap);
    await nextFrame();
    fireEvent.click(screen.getByRole('button', { name: 'Insert pedido' }));
    expect(body.value).toBe('Oi {nome}, seu pedido {pedido} saiu para entrega.');
    expect(body.selectionStart).toBe(gap + '{pedido}'.length);
  });
});
