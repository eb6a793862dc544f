// Bytes → text for the files people really have: UTF-8 with or without a BOM, Windows-1252 (Excel in
// Brazil and Portugal), UTF-16 LE/BE ("Unicode text" from Excel). What cannot be a CSV at all (an empty
// file, an image renamed .csv, an .xlsx workbook) is recognised from its first bytes.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Encoding, FileProblem } from './types';

const BOMS: readonly { bytes: readonly number[]; encoding: Encoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

export interface StartFacts {
  /** The encoding the byte order mark names, and how many bytes it takes. */
  bom: { encoding: Encoding; length: number } | null;
  /** UTF-16 recognised without a BOM from its pattern of NUL bytes. */
  utf16: Encoding | null;
}

const SAVE_AS_CSV = 'Open it in your spreadsheet and use File → Save As → "CSV UTF-8", then import that file.';

/** Looks at the first bytes: a problem that makes the file unimportable, or what they say about the encoding. */
export function inspectStart(sample: Uint8Array): StartFacts | FileProblem {
  if (sample.length === 0) return { code: 'empty', message: 'The file is empty: there is nothing to import.' };
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04]))
    return { code: 'spreadsheet', message: `This is an Excel workbook (.xlsx) or another zipped file, not a CSV. ${SAVE_AS_CSV}` };
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { code: 'spreadsheet', message: `This is an old Excel workbook (.xls), not a CSV. ${SAVE_AS_CSV}` };
  const kind = binaryKind(sample);
  if (kind)
    return {
      code: 'binary',
      message: `This is ${kind}, not a CSV of contacts: choose the file you exported from your spreadsheet or CRM.`,
    };

  for (const { bytes, encoding } of BOMS) {
    if (startsWith(sample, bytes)) return { bom: { encoding, length: bytes.length }, utf16: null };
  }
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { bom: null, utf16 };
  if (hasControlBytes(sample))
    return {
      code: 'binary',
      message:
        'This file is not text (it holds binary data), so it is not a CSV: choose the file you exported from your spreadsheet or CRM.',
    };
  return { bom: null, utf16: null };
}

function binaryKind(sample: Uint8Array): string | null {
  if (startsWith(sample, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(sample, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(sample, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(sample, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(sample, [0x52, 0x49, 0x46, 0x46])) return 'a media file (RIFF: WebP, WAV or AVI)';
  if (startsWith(sample, [0x1f, 0x8b])) return 'a compressed (gzip) file';
  return null;
}

/** "Unicode text" saved without a BOM: nearly every other byte is NUL (ASCII in 16 bits). */
function utf16WithoutBom(sample: Uint8Array): Encoding | null {
  const pairs = Math.min(sample.length >> 1, 4096);
  if (pairs < 2) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZero++;
    if (sample[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** NUL or other C0 controls (not tab, LF, CR, FF, and Excel's old EOF 0x1A) in a text file mean binary data. */
function hasControlBytes(sample: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) controls++;
  }
  return controls > sample.length / 100;
}

/** How many bytes at the end start a UTF-8 sequence the next chunk completes. */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

// ASCII runs read the same in every encoding we detect. (WHATWG maps the "latin1" label to windows-1252,
// so Buffer's native Latin-1 is used instead.)
const latin1 = { decode: (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };

/**
 * A streaming decoder. With the encoding unknown (no BOM, no choice), the text is ASCII until the first
 * byte ≥ 0x80: if that part of the file is valid UTF-8 it is UTF-8, otherwise Windows-1252; the ASCII
 * before it reads the same either way, so a late switch loses nothing. Line breaks come out as "\n"
 * whatever the file used (CRLF, LF, CR), so counting "\n" counts the lines an editor shows.
 */
export class StreamDecoder {
  private decoder: TextDecoder | null = null;
  private current: Encoding | null = null;
  private carry: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private pendingCR = false;
  private skip: number;
  /** Characters UTF-8 could not decode (a file mixing encodings): shown so the user can choose another. */
  replaced = 0;

  constructor(encoding: Encoding | null, bomLength: number) {
    this.skip = bomLength;
    if (encoding) this.commit(encoding);
  }

  /** The encoding in use; 'utf-8' while everything so far was ASCII. */
  get encoding(): Encoding {
    return this.current ?? 'utf-8';
  }

  decode(chunk: Uint8Array, last: boolean): string {
    if (this.skip > 0) {
      const n = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(n);
      this.skip -= n;
    }
    return this.newlines(this.decodeBytes(chunk, last), last);
  }

  private commit(encoding: Encoding): void {
    this.current = encoding;
    this.decoder = new TextDecoder(encoding, { ignoreBOM: true });
  }

  private decodeBytes(chunk: Uint8Array, last: boolean): string {
    // Windows-1252 is Latin-1 except for 0x80–0x9F; Node's Latin-1 is native and several times faster.
    if (this.current === 'windows-1252') {
      if (!hasC1(chunk)) return latin1.decode(chunk);
    }
    if (this.decoder) {
      const text = this.decoder.decode(chunk, { stream: !last });
      if (this.current === 'utf-8' && text.includes('\ufffd')) this.replaced += countOf(text, '\ufffd');
      return text;
    }
    let bytes: Uint8Array = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = new Uint8Array(0);
    }
    let high = 0;
    while (high < bytes.length && bytes[high]! < 0x80) high++;
    const ascii = latin1.decode(bytes.subarray(0, high));
    if (high === bytes.length) return ascii;
    const rest = bytes.subarray(high);
    const checkable = rest.subarray(0, rest.length - (last ? 0 : incompleteUtf8Tail(rest)));
    if (checkable.length === 0) {
      this.carry = rest.slice();
      return ascii;
    }
    this.commit(isUtf8(checkable) ? 'utf-8' : 'windows-1252');
    return ascii + this.decodeBytes(rest, last);
  }

  private newlines(text: string, last: boolean): string {
    if (this.pendingCR) {
      text = '\r' + text;
      this.pendingCR = false;
    }
    // indexOf, not includes: includes copied the whole chunk first (its text is Node's external string).
    if (text.indexOf('\r') === -1) return text;
    if (!last && text.endsWith('\r')) {
      // The "\n" of a CRLF may start the next chunk.
      this.pendingCR = true;
      text = text.slice(0, -1);
    }
    // CRLF first, by a plain search (half the cost of a regular expression over the whole text); lone CRs
    // (old Mac files), which are rare, afterwards. Same result as replacing /\r\n?/g in one pass.
    const lf = text.replaceAll('\r\n', '\n');
    return lf.indexOf('\r') === -1 ? lf : lf.replaceAll('\r', '\n');
  }
}

/**
 * Whether the bytes hold one in 0x80–0x9F, which Windows-1252 reads differently from Latin-1 (€, curly
 * quotes…). Four bytes at a time: most words are ASCII (no high bit), and a word with high bits is tested
 * for a byte 111x xxxx-masked to 100x xxxx by the zero-byte trick. Half the time of a regular expression
 * over the decoded text (~4 ms per 100k rows).
 */
function hasC1(bytes: Uint8Array): boolean {
  const skip = (4 - (bytes.byteOffset & 3)) & 3; // Int32Array views must start on a multiple of 4
  for (let i = 0; i < skip && i < bytes.length; i++) if ((bytes[i]! & 0xe0) === 0x80) return true;
  if (bytes.length <= skip) return false;
  const words = new Int32Array(bytes.buffer, bytes.byteOffset + skip, (bytes.length - skip) >> 2);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if ((w & 0x80808080) === 0) continue;
    const x = (w & 0xe0e0e0e0) ^ 0x80808080; // a 0x00 byte where the byte was 0x80–0x9F
    if (((x - 0x01010101) & ~x & 0x80808080) !== 0) return true;
  }
  for (let i = skip + words.length * 4; i < bytes.length; i++) if ((bytes[i]! & 0xe0) === 0x80) return true;
  return false;
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
