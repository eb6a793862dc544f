import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import {
  addManySmsFields,
  addSmsFields,
  encodeForm,
  formatGatewayDateTime,
  formatPaketDateTime,
  joinTagIds,
  messageQueryFields,
  saveContactFields,
  savePaketFields,
} from '../../../electron/main/gateway/format';

const at = new Date('2024-03-05T07:08:09Z');

describe('dates', () => {
  it('addsms / getallsms: "YYYY-MM-DD HH:MM:SS" on the server wall clock', () => {
    expect(formatGatewayDateTime(at, 'UTC')).toBe('2024-03-05 07:08:09');
    expect(formatGatewayDateTime(at, 'Europe/Paris')).toBe('2024-03-05 08:08:09');
    expect(formatGatewayDateTime(at, 'America/Los_Angeles')).toBe('2024-03-04 23:08:09');
    expect(formatGatewayDateTime(at, '+05:30')).toBe('2024-03-05 12:38:09');
  });

  it('savepaket: PHP "d.m.Y H:i:s" with every part zero-padded', () => {
    expect(formatPaketDateTime(at, 'UTC')).toBe('05.03.2024 07:08:09');
    expect(formatPaketDateTime(new Date('2024-12-31T23:00:00Z'), 'Europe/Paris')).toBe('01.01.2025 00:00:00');
  });

  it('midnight is 00, never 24', () => {
    expect(formatGatewayDateTime(new Date('2024-06-01T00:00:00Z'), 'UTC')).toBe('2024-06-01 00:00:00');
  });

  it('refuses an invalid Date', () => {
    expect(() => formatGatewayDateTime(new Date('nope'), 'UTC')).toThrow(AppFailure);
  });
});

describe('form encoding', () => {
  it('sends + in a phone number as %2B so it does not become a space', () => {
    const encoded = encodeForm({ sendto: '+4917612345678', body: 'a b+c' });
    expect(encoded).toBe('sendto=%2B4917612345678&body=a+b%2Bc');
    expect(new URLSearchParams(encoded).get('sendto')).toBe('+4917612345678');
  });

  it('joins tag ids with commas and refuses empty or bad lists', () => {
    expect(joinTagIds([12, 13, 14])).toBe('12,13,14');
    expect(() => joinTagIds([])).toThrow(AppFailure);
    expect(() => joinTagIds([1.5])).toThrow(AppFailure);
  });
});

describe('endpoint fields', () => {
  it('addsms: sim defaults to 0, flags 0/1, optional fields left out', () => {
    expect(addSmsFields({ sendTo: '+15551234', body: 'hi', deviceId: 260 }, 'UTC')).toEqual({
      sendto: '+15551234',
      body: 'hi',
      device_id: '260',
      sim: '0',
    });
    expect(addSmsFields({ sendTo: '1', body: 'x', deviceId: 2, sim: 3, sendAt: at, customerId: 77, urgent: true }, 'Europe/Paris')).toEqual(
      { sendto: '1', body: 'x', device_id: '2', sim: '3', timetosend: '2024-03-05 08:08:09', customerid: '77', urgent: '1' },
    );
  });

  it('addsms: a body is required unless an image is attached', () => {
    expect(() => addSmsFields({ sendTo: '1', deviceId: 2 }, 'UTC')).toThrow(/message or attach an image/);
    const image = { data: new Uint8Array([1]), fileName: 'a.png', mimeType: 'image/png' as const };
    expect(addSmsFields({ sendTo: '1', deviceId: 2, image }, 'UTC')).not.toHaveProperty('body');
  });

  it('addalotofsms: one datajson field holding the token and typed smsdata', () => {
    const fields = addManySmsFields(
      'tok',
      [
        { sendTo: '+1', body: 'a', deviceId: 5 },
        { sendTo: '+2', body: 'b', deviceId: 5, sim: 1, sendAt: at, customerId: 9, urgent: false },
      ],
      'UTC',
    );
    expect(Object.keys(fields)).toEqual(['datajson']);
    expect(JSON.parse(fields.datajson ?? '')).toEqual({
      token: 'tok',
      smsdata: [
        { sendto: '+1', body: 'a', device_id: 5, sim: 0 },
        { sendto: '+2', body: 'b', device_id: 5, sim: 1, timetosend: '2024-03-05 07:08:09', customerid: 9, urgent: 0 },
      ],
    });
  });

  it('addalotofsms: names the failing item', () => {
    try {
      addManySmsFields(
        'tok',
        [
          { sendTo: '+1', body: 'a', deviceId: 5 },
          { sendTo: '+2', deviceId: 5 },
        ],
        'UTC',
      );
      expect.unreachable();
    } catch (err) {
      expect((err as AppFailure).field).toBe('items.1.body');
    }
  });

  it('getallsms: every filter, onlycount for counting', () => {
    expect(
      messageQueryFields(
        {
          deviceId: 1,
          status: 7,
          from: at,
          to: new Date('2024-03-06T00:00:00Z'),
          sim: 2,
          customerId: 3,
          phone: '+33 6',
          newestFirst: true,
          timeZone: 'Australia/Sydney',
        },
        'UTC',
        true,
      ),
    ).toEqual({
      device_id: '1',
      status: '7',
      begindate: '2024-03-05 07:08:09',
      enddate: '2024-03-06 00:00:00',
      sim: '2',
      customerid: '3',
      phone: '+33 6',
      onlycount: '1',
      orderbydesc: '1',
      timezone: 'Australia/Sydney',
    });
    expect(messageQueryFields({}, 'UTC')).toEqual({});
  });

  it('savecontact: sends tag_id and ctag_id, fullname only when given', () => {
    expect(saveContactFields({ phone: '+1', tagId: 8303, name: ' Ana ' })).toEqual({
      phone: '+1',
      tag_id: '8303',
      ctag_id: '8303',
      fullname: 'Ana',
    });
    expect(saveContactFields({ phone: '+1', tagId: 8303 })).not.toHaveProperty('fullname');
  });

  it('savepaket: comma-joined tags, paket date format, "0" for now', () => {
    expect(savePaketFields({ title: 'T', deviceId: 4, body: 'B', tagIds: [12, 13], sendAt: at }, 'UTC')).toEqual({
      title: 'T',
      device_id: '4',
      body: 'B',
      tags: '12,13',
      sim: '0',
      time_to_send: '05.03.2024 07:08:09',
    });
    expect(savePaketFields({ title: 'T', deviceId: 4, body: 'B', tagIds: [1] }, 'UTC').time_to_send).toBe('0');
  });
});
