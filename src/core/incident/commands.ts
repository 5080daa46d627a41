/**
 * Comment commands on an incident: `/ack`, `/resolve [note]`, `/sev 1|2|3`, `/escalate`,
 * `/confirm`, `/route TEAM`, `/not-incident REASON`.
 *
 * A command is the first line of a comment and starts at its first column: `/sev 1` quoted,
 * indented (a code block) or further down is text, not a command. Only people may command: the
 * bot never obeys itself or any other bot. Who may run what is decided in two steps: everyone in
 * the roster, and the repository's owner, members and collaborators, may use the commands; the
 * commands that page people (`/sev 1`, `/sev 2`, `/escalate`, `/confirm`) also need, from someone
 * outside the roster, write or triage permission on the repository (a read-only member may not
 * wake anyone).
 */
import type { Command } from './engine.js';

export type ParsedCommand = { ok: true; command: Command } | { ok: false; reply: string } | undefined;

export const COMMAND_HELP =
  '`/ack`, `/resolve [note]`, `/sev 1|2|3`, `/escalate`, `/confirm`, `/route TEAM`, `/not-incident REASON`';

/** The command on the comment's first line, at column 0; undefined when the comment is not a command. */
export function parseCommand(body: string): ParsedCommand {
  const first = body.split(/\r\n|\r|\n/)[0] ?? '';
  // Only a slash in the very first column: an indented line is a code block in markdown.
  if (!first.startsWith('/')) return undefined;
  const line = first.trimEnd();
  const match = /^\/([a-z-]+)(?:[ \t]+(.*))?$/i.exec(line);
  if (!match) return undefined;
  const name = (match[1] as string).toLowerCase();
  const rest = (match[2] ?? '').trim();
  switch (name) {
    case 'ack':
      return { ok: true, command: { name: 'ack' } };
    case 'resolve':
      return { ok: true, command: { name: 'resolve', ...(rest ? { note: rest } : {}) } };
    case 'escalate':
      return { ok: true, command: { name: 'escalate' } };
    case 'confirm':
      return { ok: true, command: { name: 'confirm' } };
    case 'sev': {
      if (!/^[123]$/.test(rest)) return { ok: false, reply: '`/sev` takes 1, 2 or 3, for example `/sev 1`.' };
      return { ok: true, command: { name: 'sev', severity: Number(rest) as 1 | 2 | 3 } };
    }
    case 'route': {
      const team = rest.replace(/^team:/, '');
      if (!/^[a-z0-9][a-z0-9-]*$/.test(team))
        return { ok: false, reply: '`/route` takes a team id, for example `/route platform`.' };
      return { ok: true, command: { name: 'route', team } };
    }
    case 'not-incident':
      if (!rest) return { ok: false, reply: '`/not-incident` takes a reason, so the reporter knows why.' };
      return { ok: true, command: { name: 'not-incident', reason: rest } };
    default:
      return { ok: false, reply: `\`/${name}\` is not a command here. Commands: ${COMMAND_HELP}.` };
  }
}

export interface Commenter {
  login: string;
  /** GitHub's author_association of the comment. */
  association: string;
  /** GitHub's user type: "User" or "Bot". */
  type?: string;
}

/** A bot, or this system's own account (which may be a machine user of type "User"). */
export function isBot(commenter: Commenter, botLogin: string): boolean {
  return (
    commenter.type === 'Bot' ||
    commenter.login.endsWith('[bot]') ||
    commenter.login.toLowerCase() === botLogin.toLowerCase()
  );
}

/** People in the roster, and the repository's owners, members and collaborators; never a bot. */
export function mayCommand(
  commenter: Commenter,
  inRoster: (login: string) => boolean,
  botLogin = '',
): boolean {
  if (isBot(commenter, botLogin)) return false;
  if (inRoster(commenter.login)) return true;
  return ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(commenter.association);
}

/** The commands that wake people. */
export function pagesPeople(command: Command): boolean {
  return (
    command.name === 'escalate' ||
    command.name === 'confirm' ||
    (command.name === 'sev' && command.severity < 3)
  );
}

/**
 * May this commenter run a paging command? The roster and the repository's owner may; anyone else
 * needs write or triage permission (`permission` is GitHub's answer for them: admin, maintain,
 * write, triage, read or none).
 */
export function mayPage(
  commenter: Commenter,
  inRoster: (login: string) => boolean,
  permission: string | undefined,
  botLogin = '',
): boolean {
  if (isBot(commenter, botLogin)) return false;
  if (inRoster(commenter.login) || commenter.association === 'OWNER') return true;
  return ['admin', 'maintain', 'write', 'triage'].includes(permission ?? 'none');
}

export function refusal(login: string): string {
  return `Thanks @${login}. Incident commands are for the on-call roster and the repository's members, so nothing changed. If this needs attention, say so in a comment and the on-call people will see it.`;
}

export function pagingRefusal(login: string, command: string): string {
  return `Thanks @${login}. \`/${command}\` pages people, so it is for the on-call roster and for people who can triage or write to this repository, and nothing changed. If this needs someone now, say so in a comment: the on-call people see it, and anyone on the roster can confirm it.`;
}
