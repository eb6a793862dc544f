import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import type { PhoneReading } from '../../../electron/main/preflight/phone';

/**
 * What the library reads in `input` for `country`, and whether a lane's reading is exactly it: the same
 * E.164 number, its digits, and landline exactly when the library says FIXED_LINE.
 */
export function library(input: string, country: CountryCode, reading: PhoneReading) {
  const number = parsePhoneNumberFromString(input, country);
  const type = number?.getType();
  const same =
    reading.ok &&
    number?.number === reading.phone &&
    reading.digits === Number(reading.phone.slice(1)) &&
    type !== undefined &&
    (type === 'FIXED_LINE') === reading.landline;
  return { same, number: number?.number, type };
}
