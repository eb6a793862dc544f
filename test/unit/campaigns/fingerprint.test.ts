import { describe, expect, it } from 'vitest';
import { campaignFingerprint } from '../../../electron/main/campaigns/fingerprint';

const messages = [
  { phone: '+5511987650001', body: 'Olá Ana, seu pedido saiu' },
  { phone: '+5511987650002', body: 'Olá Bruno, seu pedido saiu' },
];
const phones = [
  { deviceId: 7, sim: 0 },
  { deviceId: 9, sim: 1 },
];

describe('campaignFingerprint', () => {
  const base = campaignFingerprint({ messages, phones });

  it('is the same for the same campaign in another order or with numbers written differently', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const reordered = campaignFingerprint({
      messages: [
        { phone: '+55 11 98765-0002', body: 'Olá Bruno, seu pedido saiu' },
        { phone: '+55 (11) 98765-0001', body: 'Ola\u0301 Ana, seu pedido saiu ' },
      ],
      phones: [...phones].reverse(),
    });
    expect(reordered).toBe(base);
  });

  it('differs when a body, a recipient or a phone differs', () => {
    const other = [
      campaignFingerprint({ messages: [messages[0]!, { ...messages[1]!, body: 'Olá Bruno, seu pedido chegou' }], phones }),
      campaignFingerprint({ messages: [messages[0]!, { ...messages[1]!, phone: '+5511987650003' }], phones }),
      campaignFingerprint({ messages: [messages[0]!], phones }),
      campaignFingerprint({ messages, phones: [{ deviceId: 7, sim: 0 }] }),
      campaignFingerprint({
        messages,
        phones: [
          { deviceId: 7, sim: 1 },
          { deviceId: 9, sim: 1 },
        ],
      }),
    ];
    expect(new Set([base, ...other]).size).toBe(other.length + 1);
  });

  it('tells a recipient listed twice from one listed once', () => {
    const twice = campaignFingerprint({ messages: [...messages, messages[0]!], phones });
    expect(twice).not.toBe(base);
  });
});
