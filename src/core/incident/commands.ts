/**
 * Comment commands on an incident: `/ack`, `/resolve [note]`, `/sev 1|2|3`, `/escalate`,
 * `/route TEAM`, `/not-incident REASON`. Only people in the roster or with a member association may
 * use them; bots and everyone else get a polite refusal and nothing changes.
 */
import type { Command } from './engine.js';

export type ParsedCommand = { ok: true; command: Command } | { ok: false; reply: string } | undefined;

export const COMMAND_HELP =
  '`/ack`, `/resolve [note]`, `/sev 1|2|3`, `/escalate`, `/route TEAM`, `/not-incident REASON`';

/** The command on the comment's first line; undefined when the comment is not a command. */
export function parseCommand(body: string): ParsedCommand {
  const line = body.trimStart().split(/\r?\n/)[0]?.trim() ?? '';
  const match = /^\/([a-z-]+)(?:\s+(.*))?$/i.exec(line);
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

/** People in the roster, and the repository's owners, members and collaborators. */
export function mayCommand(commenter: Commenter, inRoster: (login: string) => boolean): boolean {
  if (commenter.type === 'Bot' || commenter.login.endsWith('[bot]')) return false;
  if (inRoster(commenter.login)) return true;
  return ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(commenter.association);
}

export function refusal(login: string): string {
  return `Thanks @${login}. Incident commands are for the on-call roster and the repository's members, so nothing changed. If this needs attention, say so in a comment and the on-call people will see it.`;
}
