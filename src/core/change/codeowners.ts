/**
 * CODEOWNERS as GitHub reads it: one pattern and its owners per line, the last matching line wins,
 * a line with no owners leaves the path unowned. Patterns follow GitHub's rules: a leading or inner
 * `/` anchors to the root, a trailing `/` means everything under the folder, `*` stays within one
 * folder, `**` crosses folders, and `docs/*` does not reach into `docs/sub/`.
 */

export interface CodeOwnersLine {
  pattern: string;
  owners: string[];
  line: number;
  matches: (file: string) => boolean;
}

export function parseCodeOwners(text: string): CodeOwnersLine[] {
  const lines: CodeOwnersLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!content) return;
    const [pattern, ...owners] = content.split(/\s+/);
    if (!pattern) return;
    lines.push({ pattern, owners, line: index + 1, matches: matcher(pattern) });
  });
  return lines;
}

/** The owners of `file` (`@login`, `@org/team` or an email), or undefined when no line matches it. */
export function ownersOf(lines: readonly CodeOwnersLine[], file: string): string[] | undefined {
  let found: string[] | undefined;
  for (const line of lines) if (line.matches(file)) found = line.owners;
  return found;
}

function matcher(pattern: string): (file: string) => boolean {
  let body = pattern;
  const anchored = body.startsWith('/') || body.slice(0, -1).includes('/');
  body = body.replace(/^\/+/, '');
  const folder = body.endsWith('/');
  if (folder) body = body.replace(/\/+$/, '');
  const oneLevel = body.endsWith('/*');
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (body.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (body.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const tail = folder ? '/.*' : oneLevel ? '' : '(?:/.*)?';
  const regex = new RegExp(`${anchored ? '^' : '(?:^|.*/)'}${source}${tail}$`);
  return (file) => regex.test(file);
}
