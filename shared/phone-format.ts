import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

// Numbers as people write them: national format for numbers of the account's country ("(11) 98765-4321"),
// international for the others ("+44 7700 900123"). A text that is not a number (an operator's "VIVO")
// stays as it is.

export function formatPhone(phone: string, country: string): string {
  const text = phone.trim();
  // Digits alone: a national number of the country, else an international one written without its "+".
  let parsed = parsePhoneNumberFromString(text, country as CountryCode);
  if ((!parsed || !parsed.isValid()) && /^\d{8,}$/.test(text)) parsed = parsePhoneNumberFromString(`+${text}`);
  if (!parsed || !parsed.isPossible()) return text;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}
