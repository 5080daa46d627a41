/**
 * Comparing the names people go by across systems: "Inês Carvalho", "ines carvalho" and
 * "ines.carvalho@example.com" are the same person. Comparison ignores letter case, accents,
 * punctuation and spacing; nothing fuzzier, so a match is never a surprise.
 */

/** Lowercase letters and digits with single spaces: "Liam O'Brien" → "liam obrien". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The same, without spaces: how a name would be written as one word ("liamobrien"). */
export function compactName(text: string): string {
  return normalizeName(text).replace(/ /g, '');
}

const EMAIL = /^[^\s@<>()[\]:;,"]+@[^\s@<>()[\]:;,"]+\.[^\s@<>()[\]:;,"]+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** The part before "@", lowercased: "Ana.Lopez@example.com" → "ana.lopez". */
export function emailLocalPart(email: string): string {
  return email.slice(0, email.indexOf('@')).toLowerCase();
}

/** One word with no spaces that could be a username: letters, digits, ".", "_" and "-". */
export function isUsername(text: string): boolean {
  return /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u.test(text);
}

/**
 * True when `name` is how `email` is spelled out: "Jane Doe" for jane.doe@ or janedoe@, or the
 * first name for jane@. That is how PagerDuty pairs a summary's name with its ATTENDEE email.
 */
export function nameMatchesEmail(name: string, email: string): boolean {
  const local = emailLocalPart(email);
  const words = normalizeName(name).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  if (compactName(local) === words.join('')) return true;
  const firstPart = local.split(/[._+-]/)[0] ?? '';
  return compactName(firstPart) === words[0] && words.length <= 3;
}

/** A readable name from an email or a username: "jane.doe@x" → "Jane Doe". */
export function nameFromHandle(handle: string): string {
  const local = handle.includes('@') ? handle.slice(0, handle.indexOf('@')) : handle;
  const words = local.split(/[._+-]+/).filter(Boolean);
  if (words.length === 0) return handle;
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/** Lowercase ASCII letters, digits and single dashes, for placeholder logins: "Inês C." → "ines-c". */
export function slug(text: string): string {
  const value = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return value === '' ? 'person' : value;
}
