// Text as the body search compares it: lower case, accents and other combining marks removed, so "ola"
// finds "Olá" and "GRUSSE" finds "Grüße"-like spellings only where Unicode folds them ("ß" stays "ß").
// The same function folds the stored body and the search text: both sides always agree.

const MARKS = /\p{M}+/gu;

export function foldText(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}
