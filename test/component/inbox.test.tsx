import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { ConversationPage, ConversationView, ReplyResult, ThreadView } from '../../shared/ipc';
import { FakeBridge, pending, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';

// The Inbox over a FakeBridge: conversations with names and numbers as people write them, a thread that
// says which campaign or newsletter each message came from and marks a STOP, the reply box that sends
// once on the phone the customer wrote to, and the opted-out customer who cannot be answered.

const NOW = Date.now();
const settings =
  (language: 'en' | 'pt-BR' | null = null) =>
  () => ({ settings: { ...settingsIn(language)().settings, timeZone: 'America/Sao_Paulo' }, corruptFileMovedTo: null, resetFields: [] });

const conversation = (key: string, fields: Partial<ConversationView> = {}): ConversationView => ({
  key,
  phone: `+${key}`,
  name: null,
  unread: 0,
  replies: 1,
  last: { id: 1, body: 'Obrigado!', at: NOW - 60_000, incoming: true },
  lastReplyAt: NOW - 60_000,
  optedOut: false,
  ...fields,
});

const ANA = conversation('5511987650001', {
  name: 'Ana Souza',
  unread: 2,
  last: { id: 3, body: 'Vale no domingo também?', at: NOW - 60_000, incoming: true },
});
const BRUNO = conversation('5511987650002', { optedOut: true, last: { id: 5, body: 'PARAR', at: NOW - 3_600_000, incoming: true } });

const page = (conversations: ConversationView[]): ConversationPage => ({
  conversations,
  nextCursor: null,
  counts: { unreadConversations: 1, unreadReplies: 2, conversations: conversations.length },
});

const anaThread = (extra: Partial<ThreadView> = {}): ThreadView => ({
  key: ANA.key,
  phone: ANA.phone,
  name: 'Ana Souza',
  optedOut: false,
  unread: 2,
  messages: [
    {
      id: 1,
      incoming: false,
      body: 'Black Friday: 30% em tudo',
      at: NOW - 86_400_000,
      status: 7,
      deviceId: 7,
      sim: 0,
      campaign: { id: 4, title: 'Black Friday' },
      newsletter: null,
      single: false,
      optOut: false,
    },
    {
      id: 2,
      incoming: false,
      body: 'Novidades de junho',
      at: NOW - 7_200_000,
      status: 8,
      deviceId: 7,
      sim: 0,
      campaign: null,
      newsletter: { id: 42, title: 'Junho' },
      single: false,
      optOut: false,
    },
    {
      id: 3,
      incoming: true,
      body: 'Vale no domingo também?',
      at: NOW - 60_000,
      status: 5,
      deviceId: 7,
      sim: 1,
      campaign: null,
      newsletter: null,
      single: false,
      optOut: false,
    },
  ],
  olderCursor: null,
  pending: [],
  replyFrom: { deviceId: 7, sim: 1 },
  ...extra,
});

function bridge(thread: ThreadView = anaThread(), language: 'en' | 'pt-BR' | null = null) {
  return new FakeBridge({
    'settings:get': settings(language),
    'inbox:list': () => page([ANA, BRUNO]),
    'inbox:counts': () => page([]).counts,
    'inbox:thread': ({ key }) =>
      key === ANA.key
        ? thread
        : anaThread({
            key: BRUNO.key,
            phone: BRUNO.phone,
            name: null,
            optedOut: true,
            unread: 0,
            messages: [{ ...thread.messages[2]!, body: 'PARAR', optOut: true }],
          }),
    'inbox:markRead': () => ({ unreadConversations: 0, unreadReplies: 0, conversations: 2 }),
  });
}

describe('the Inbox', () => {
  it('lists one conversation per customer: the contact name, the number in national format, the last words and the unread count', async () => {
    await renderApp({ bridge: bridge(), path: '/inbox' });
    const rows = await screen.findAllByTestId('conversation');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^Ana Souza.*\(11\) 98765-0001Vale no domingo também\?2 unread$/),
      expect.stringMatching(/^\(11\) 98765-0002.*PARAROpted out$/),
    ]);
    expect(screen.getByText('2 unread replies')).toBeTruthy();
  });

  it('opens a thread: what was sent with its campaign or newsletter, what the customer wrote, and reads it', async () => {
    const { user, bridge: fake } = await renderApp({ bridge: bridge(), path: '/inbox' });
    await user.click((await screen.findAllByTestId('conversation'))[0]!);
    const messages = await screen.findAllByTestId('thread-message');
    expect(messages.map((m) => m.querySelector('p')!.textContent)).toEqual([
      'Campaign: Black Friday',
      'Newsletter: Junho',
      'Vale no domingo também?',
    ]);
    expect(messages[1]!.textContent).toMatch(/Not delivered/);
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.channel === 'inbox:markRead').map((c) => c.input)).toEqual([{ key: ANA.key, read: true }]),
    );
    expect(screen.getByText(/Goes out from Phone 7, SIM 2/)).toBeTruthy();
  });

  it('sends a reply once: the button is busy while it leaves, then the box empties and says it is queued', async () => {
    const thread = anaThread();
    let answer!: (result: ReplyResult) => void;
    const fake = bridge(thread);
    fake.answer('inbox:reply', () => new Promise<ReplyResult>((resolve) => (answer = resolve)));
    const { user } = await renderApp({ bridge: fake, path: `/inbox?c=${ANA.key}` });
    const box = await screen.findByLabelText('Reply');
    await user.type(box, 'Vale sim!');
    const send = screen.getByRole('button', { name: 'Send reply' });
    await user.click(send);
    const busy = await screen.findByRole('button', { name: 'Sending…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    await user.click(busy);
    expect(fake.calls.filter((c) => c.channel === 'inbox:reply').map((c) => c.input)).toEqual([{ key: ANA.key, body: 'Vale sim!' }]);
    answer({
      send: {
        id: 1,
        to: ANA.phone,
        body: 'Vale sim!',
        deviceId: 7,
        sim: 1,
        urgent: false,
        test: false,
        image: null,
        sendAt: null,
        customerId: 900,
        smsId: 77,
        state: 'queued',
        reason: null,
        status: 1,
        createdAt: NOW,
      },
      thread,
    });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Reply queued on the phone.');
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('does not offer a reply to a customer who opted out, and marks their STOP', async () => {
    await renderApp({ bridge: bridge(anaThread(), 'pt-BR'), path: `/inbox?c=${BRUNO.key}`, language: 'pt-BR' });
    expect(await screen.findByText(/Este cliente se descadastrou/)).toBeTruthy();
    expect(screen.queryByLabelText('Resposta')).toBeNull();
    const stop = screen.getAllByTestId('thread-message')[0]!;
    expect(within(stop).getByText(/Descadastro/)).toBeTruthy();
  });

  it('shows a reply that is not in the history yet as on its way', async () => {
    const fake = bridge(
      anaThread({
        pending: [
          {
            id: 9,
            to: ANA.phone,
            body: 'Vale sim!',
            deviceId: 7,
            sim: 1,
            urgent: false,
            test: false,
            image: null,
            sendAt: null,
            customerId: 900,
            smsId: 77,
            state: 'queued',
            reason: null,
            status: 1,
            createdAt: NOW,
          },
        ],
      }),
    );
    await renderApp({ bridge: fake, path: `/inbox?c=${ANA.key}` });
    expect((await screen.findByTestId('thread-pending')).textContent).toBe('Vale sim!Queued on the phone');
  });

  it('says what the inbox is for while no one has replied', async () => {
    const fake = bridge();
    fake.answer('inbox:list', () => ({ ...page([]), counts: { unreadConversations: 0, unreadReplies: 0, conversations: 0 } }));
    fake.answer('inbox:thread', () => pending());
    await renderApp({ bridge: fake, path: '/inbox' });
    expect(await screen.findByText(/No replies yet/)).toBeTruthy();
  });
});
