// Secrets never reach a log file or the diagnostics a user pastes into a support mail: API tokens, passwords,
// `token=` / `password=` in URLs and forms, Authorization headers, and JSON fields with secret names.
// Pure, so every shape is unit-tested.

const SECRET_KEYS = 'token|access_token|refresh_token|api_?key|apikey|password|pass|pwd|secret|authorization|cookie';
const MASK = '[redacted]';

const PATTERNS: [RegExp, string][] = [
  // "token": "abc", 'password':'x', token: "abc" (JSON and object dumps)
  [new RegExp(`((?:["'])?(?:${SECRET_KEYS})(?:["'])?\\s*[:=]\\s*)(["'])(?:\\\\.|(?!\\2).)*\\2`, 'gi'), `$1$2${MASK}$2`],
  // ?token=abc&… and form bodies token=abc; email=…&password=…
  [new RegExp(`([?&;\\s]|^)((?:${SECRET_KEYS})=)[^&\\s"'#]+`, 'gi'), `$1$2${MASK}`],
  // Authorization: Bearer xyz / Basic xyz
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${MASK}`],
  // https://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, `$1${MASK}@`],
];

/** The text with every secret it carries masked. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const SECRET_KEY = new RegExp(`^(?:${SECRET_KEYS})$`, 'i');

/** A copy of a plain value with secret-named fields masked and every string redacted (for objects in logs). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) {
    const copy = new Error(redact(value.message));
    copy.name = value.name;
    if (value.stack !== undefined) copy.stack = redact(value.stack);
    else delete copy.stack;
    return copy;
  }
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== null && item !== undefined && item !== '' ? MASK : redactValue(item, depth + 1);
  }
  return out;
}
