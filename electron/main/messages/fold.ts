// Text as the body search compares it: lower case, accents and other combining marks removed, so "ola"
// finds "Olá" and "GRUSSE" finds "Grüße"-like spellings only where Unicode folds them ("ß" stays "ß").
// The same function folds the stored body and the search text: both sides always agree.

const MARKS = /\p{M}+/gu;

const NOT_ASCII = /[\u0080-\uffff]/;

export function foldText(text: string): string {
  // ASCII has nothing to decompose or strip: most bodies skip the normalisation (a 100k-row sync folds each).
  if (!NOT_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}
