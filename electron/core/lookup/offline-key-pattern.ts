/**
 * vPIC pattern keys: matching a VIN against them, and the characters they allow.
 *
 * NHTSA's decoder matches a VIN's "keys" — positions 4-8, a `|` standing for the check digit,
 * then positions 10-17 — against each pattern's `Keys` with SQL `LIKE`: `*` is any one
 * character, `[...]` a character class (ranges and `^` negation as in SQL Server), anything
 * else itself, and the key only has to match a prefix (`Keys + '%'`). Keys carrying `#` are
 * "formula" patterns: they match the VIN with its digits written as `#`.
 */

/** The characters a VIN position may hold, plus the `|` separator. */
const KEY_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789|';

/** One compiled key: per position the allowed characters, or null for "any". */
export type KeyMatcher = readonly (string | null)[];

/** The characters of `alphabet` a bracket body (without the brackets) allows. */
function classChars(body: string): string {
  const negate = body.startsWith('^');
  const spec = negate ? body.slice(1) : body;
  const allowed = new Set<string>();
  for (let i = 0; i < spec.length; i += 1) {
    const from = spec[i];
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      const to = spec[i + 2];
      for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += 1) allowed.add(String.fromCharCode(c));
      i += 2;
    } else {
      allowed.add(from);
    }
  }
  let out = '';
  for (const c of KEY_ALPHABET) if (allowed.has(c) !== negate) out += c;
  return out;
}

/** Splits a key into its positions: a single character, or a whole `[...]` class. */
function keyTokens(keys: string): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < keys.length; i += 1) {
    if (keys[i] === '[') {
      const end = keys.indexOf(']', i);
      if (end < 0) {
        tokens.push(keys.slice(i));
        break;
      }
      tokens.push(keys.slice(i, end + 1));
      i = end;
    } else {
      tokens.push(keys[i]);
    }
  }
  return tokens;
}

/** Compiles a pattern's `Keys` (case-insensitive, as vPIC's SQL Server collation compares). */
export function compileKeys(keys: string): KeyMatcher {
  return keyTokens(keys.toUpperCase()).map((t) => {
    if (t === '*' || t === '_') return null;
    if (t.startsWith('[')) return classChars(t.slice(1, -1));
    return t;
  });
}

/** True when `text` starts with something the compiled key matches. */
export function matchesKeys(matcher: KeyMatcher, text: string): boolean {
  if (text.length < matcher.length) return false;
  for (let i = 0; i < matcher.length; i += 1) {
    const allowed = matcher[i];
    if (allowed !== null && !allowed.includes(text[i])) return false;
  }
  return true;
}

/** The VIN's keys: positions 4-8, `|`, positions 10-17. */
export function vinKeys(vin: string): string {
  if (vin.length <= 3) return '';
  return vin.length > 9 ? `${vin.slice(3, 8)}|${vin.slice(9, 17)}` : vin.slice(3, 8);
}

/** The keys with every digit written as `#`, for formula patterns. */
export function formulaKeys(keys: string): string {
  return keys.replace(/[0-9]/g, '#');
}

/**
 * The value a formula pattern takes: the VIN's keys from the pattern's first `#` to its last.
 */
export function formulaValue(keys: string, patternKeys: string): string {
  const first = patternKeys.indexOf('#');
  const last = patternKeys.lastIndexOf('#');
  return first < 0 ? '' : keys.slice(first, last + 1);
}

/**
 * The characters each key position explicitly allows (`*` allows nothing here, `#` every
 * digit), as [VIN position, characters] pairs — the key's position 1 is VIN position 4.
 * vPIC uses this to tell which VIN characters no pattern accounts for.
 */
export function explicitChars(keys: string): Array<readonly [number, string]> {
  const out: Array<readonly [number, string]> = [];
  keyTokens(keys.toUpperCase()).forEach((t, index) => {
    const position = index + 4;
    if (t === '*' || t === '_' || t === '|') return;
    if (t === '#') out.push([position, '0123456789']);
    else if (t.startsWith('[')) out.push([position, classChars(t.slice(1, -1)).replace('|', '')]);
    else out.push([position, t]);
  });
  return out;
}
