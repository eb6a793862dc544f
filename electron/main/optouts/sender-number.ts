import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

// The number a reply came from, as the gateway wrote it: "+5511987654321" usually, but phones and operators also
// give "5511987654321" (country code, no "+"), "11 98765-4321" or "011987654321" (national), with spaces or dashes.
// The opt-out list and the Inbox keep it in E.164, so a STOP from "11 98765-4321" matches the contact
// "+55 11 98765-4321" that the campaign would send to.

/** E.164 when the number can be read (nationally in the account's country first, then with its own code); else as written, trimmed. */
export function senderE164(raw: string, country?: string | null): string {
  const text = raw.trim();
  const digits = text.replace(/\D/g, '');
  if (digits === '') return text;
  if (text.startsWith('+')) return `+${digits}`;
  if (text.startsWith('00')) return `+${digits.slice(2)}`;
  if (country) {
    const national = parsePhoneNumberFromString(text, country as CountryCode);
    if (national?.isValid()) return national.number;
  }
  const international = parsePhoneNumberFromString(`+${digits}`);
  return international?.isValid() ? international.number : text;
}
