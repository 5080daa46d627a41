/**
 * What the demo leaves behind, to read after the story: the handoff issue, the trade check's PR
 * comment (as it read after each run), the publish pull request, every issue with its comments,
 * every Slack message (JSON, and Markdown to read), and every request GitHub and Slack received,
 * tagged with the step and who made it. The calendars, the report and the status page are written
 * by their steps.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScriptState } from './script.js';
import type { DemoWorld } from './world.js';

/** The files this module writes, removed before a run so that none is left from an earlier one. */
export const ARTIFACT_FILES = [
  'story.md',
  'handoff-issue.md',
  'pr-comment.md',
  'publish-pr.md',
  'github-issues.md',
  'slack-messages.json',
  'slack-messages.md',
  'github-requests.json',
  'slack-requests.json',
  'report.md',
  'index.html',
];

/** Writes the artifacts; returns their paths relative to `outDir` (with the calendars and report). */
export async function writeArtifacts(
  world: DemoWorld,
  state: ScriptState,
  outDir: string,
): Promise<string[]> {
  const files = new Map<string, string>();

  if (state.handoffIssue !== undefined) {
    const issue = world.issue(state.handoffIssue);
    files.set(
      'handoff-issue.md',
      `# #${issue.number} ${issue.title}\n\nAssigned to ${issue.assignees.map((user) => `@${user.login}`).join(', ')}; labels ${world.labels(issue.number).join(', ')}.\n\n---\n\n${issue.body ?? ''}\n`,
    );
  }
  if (state.tradePull !== undefined && state.tradeComments.length > 0) {
    const pull = world.issue(state.tradePull);
    const versions = state.tradeComments.map(
      (version, index) =>
        `## ${index === 0 ? 'The comment' : 'The same comment, edited'} ${version.when}\n\n${version.body}\n`,
    );
    files.set(
      'pr-comment.md',
      `# The validate-pr comment on PR #${pull.number}: ${pull.title}\n\nOne comment, updated in place on every run of the check.\n\n${versions.join('\n')}`,
    );
  }
  if (state.publishPull !== undefined) {
    const pull = world.issue(state.publishPull);
    files.set('publish-pr.md', `# PR #${pull.number}: ${pull.title}\n\n${pull.body ?? ''}\n`);
  }
  files.set('github-issues.md', issuesTranscript(world));

  const messages = world.slackMessages().map((message) => ({
    at: message.at.toISO({ suppressMilliseconds: true }),
    to: message.to,
    kind: message.kind,
    ...(message.key ? { key: message.key } : {}),
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
  }));
  files.set(
    'slack-messages.json',
    `${JSON.stringify({ messages, changes: slackChanges(world) }, null, 2)}\n`,
  );
  files.set('slack-messages.md', slackTranscript(world));
  files.set('github-requests.json', `${JSON.stringify(world.githubLog(), null, 2)}\n`);
  files.set('slack-requests.json', `${JSON.stringify(world.slackLog(), null, 2)}\n`);

  for (const [name, text] of files) await writeFile(path.join(outDir, name), text);
  const written = [...files.keys()];
  if (state.reportFile) written.push(path.relative(outDir, state.reportFile));
  if (state.siteFile) written.push(path.relative(outDir, state.siteFile));
  for (const file of state.calendarFiles) written.push(`calendars/${file}`);
  return written;
}

/** The user group and topic changes the tick made, in order, with the step that made them. */
export function slackChanges(world: DemoWorld): { step: number; what: string; value: string }[] {
  const people = (ids: string) =>
    ids
      .split(',')
      .map((id) => world.people.find((person) => person.slack === id.trim())?.github ?? id.trim())
      .join(', ');
  return world
    .slackLog()
    .filter(
      (entry) => entry.ok && ['usergroups.users.update', 'conversations.setTopic'].includes(entry.method),
    )
    .map((entry) =>
      entry.method === 'conversations.setTopic'
        ? { step: entry.step, what: `#incidents topic`, value: String(entry.args.topic ?? '') }
        : { step: entry.step, what: '@oncall user group', value: people(String(entry.args.users ?? '')) },
    );
}

function slackTranscript(world: DemoWorld): string {
  const lines = [
    '# Slack during the demo',
    '',
    `Times in ${world.zone}. Every message the bot posted, in order: pages (DMs and #incidents posts), reminders, the handoff.`,
    '',
  ];
  for (const message of world.slackMessages()) {
    const what =
      message.kind === 'page' ? ` (page ${message.key})` : message.kind === 'reminder' ? ' (reminder)' : '';
    lines.push(`## ${message.at.toFormat('ccc yyyy-MM-dd HH:mm')} → ${message.to}${what}`, '');
    lines.push(...message.text.split('\n').map((line) => `> ${line}`), '');
  }
  lines.push('# User group and topic changes', '');
  for (const change of slackChanges(world))
    lines.push(`- step ${change.step}: ${change.what} → ${change.value}`);
  lines.push('');
  return lines.join('\n');
}

/** Every issue and pull request with its labels and comments, as a reader of the repository sees them. */
function issuesTranscript(world: DemoWorld): string {
  const repo = world.repoRecord;
  const lines = [
    '# GitHub after the demo',
    '',
    `The issues and pull requests of ${repo.owner.login}/${repo.name}, oldest first.`,
    '',
  ];
  for (const issue of [...repo.issues.values()].sort((a, b) => a.number - b.number)) {
    const kind = issue.pull ? 'pull request' : 'issue';
    lines.push(`## #${issue.number} ${issue.title}`, '');
    lines.push(
      `${kind} by @${issue.user.login}, ${issue.state}${issue.pull?.mergedAt ? ' (merged)' : ''}; labels: ${world.labels(issue.number).join(', ') || 'none'}; assignees: ${issue.assignees.map((user) => user.login).join(', ') || 'none'}`,
      '',
    );
    if (issue.body) lines.push(...issue.body.split('\n').map((line) => `> ${line}`), '');
    for (const comment of world.comments(issue.number)) {
      lines.push(`### comment by @${comment.author}`, '', comment.body, '');
    }
  }
  return `${lines.join('\n')}\n`;
}
