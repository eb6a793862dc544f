// One number, however it is written.

/**
 * The gateway stores numbers without spaces ("+49 157 5298" → "+491575298"), and a number may come back with
 * or without its "+" or as "00…": compare digits only, international prefix dropped.
 */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return phone.trim().startsWith('00') ? digits.slice(2) : digits;
}
