/**
 * Malformed API answers through the committed bundles: GitHub and Slack answering with a proxy's
 * HTML error page (status 502, and 200) or with JSON cut off mid-way, before or after the write
 * was made. A sev:1 opens at 03:00 with the fault in place, then the tick of 03:05 (the pages'
 * retry) finds the service back. Each run must fail clearly (exit 1, an ::error:: line that is
 * neither a JavaScript engine's message nor the page itself, no stack trace) or recover; after
 * the tick every page is delivered once, with one record, one page comment and one reply
 * (world.ts measures it from the emulators' state, after every request settled).
 */
import type { Fault } from '../../src/emulators/github/index.js';
import type { SlackFault } from '../../src/emulators/slack/faults.js';
import type { ActionRun } from '../../test/helpers/action-runner.js';
import { type CaseResult, Observer } from './measure.js';
import { measureWorld, recorded, settled, startWorld, type World } from './world.js';

const SEV1_PAGES = ['#incidents 1:step-0', '@ana 1:step-0', '@ben 1:step-0', '@cy 1:step-0', '@eli 1:step-0'];
const SEV1_COMMENTS = ['1 incident-record', '1 page:1:step-0', '1 reply:triage'];
const COMMENTS_PATH = '/repos/{owner}/{repo}/issues/{n}/comments';
const COMMENT_PATH = '/repos/{owner}/{repo}/issues/comments/{id}';
/**
 * What an ::error:: line must not say: a JavaScript engine's message (the code misread the answer
 * far from where it came) or the malformed answer itself (an HTML page, a JSON fragment).
 */
const UNCLEAR =
  /Cannot (?:read|set) propert|Cannot use 'in' operator|is not a function|is not iterable|of undefined|Unexpected (?:token|end of JSON)|<!DOCTYPE|<html|"documentation_url"/i;

export interface ResponseCase {
  name: string;
  inject: (w: World) => void;
}

const gh = (name: string, fault: Fault): ResponseCase => ({ name, inject: (w) => void w.gh.inject(fault) });
const slack = (name: string, fault: SlackFault): ResponseCase => ({
  name,
  inject: (w) => void w.slack.inject(fault),
});

export function responseCases(): ResponseCase[] {
  return [
    gh('GitHub: an HTML 502 page on a comment create, before the write', {
      method: 'POST',
      path: COMMENTS_PATH,
      kind: 'malformed',
      body: 'html',
      status: 502,
    }),
    gh('GitHub: an HTML page with status 200 on reading the comments', {
      method: 'GET',
      path: COMMENTS_PATH,
      kind: 'malformed',
      body: 'html',
      status: 200,
      times: 2,
    }),
    gh('GitHub: JSON cut off (status 200) on a comment create, after the write', {
      method: 'POST',
      path: COMMENTS_PATH,
      kind: 'malformed',
      body: 'truncated-json',
      status: 200,
      afterWrite: true,
    }),
    gh('GitHub: JSON cut off (status 200) on the record update, after the write', {
      method: 'PATCH',
      path: COMMENT_PATH,
      kind: 'malformed',
      body: 'truncated-json',
      status: 200,
      afterWrite: true,
    }),
    slack('Slack: an HTML 502 page on every post', {
      method: 'chat.postMessage',
      kind: 'malformed',
      body: 'html',
      status: 502,
      times: 20,
    }),
    slack('Slack: JSON cut off (status 200) after a post was made', {
      method: 'chat.postMessage',
      kind: 'malformed',
      body: 'truncated-json',
      status: 200,
      afterWrite: true,
    }),
  ];
}

/** The bundles run with the inputs of the reliability world (scenarios.ts does the same). */
async function world(): Promise<World> {
  const w = await startWorld();
  (w.s as unknown as { run: (a: string, n: string, e: unknown) => Promise<ActionRun> }).run = (
    action,
    eventName,
    event,
  ) => w.action(action, event, eventName, { rotation: '', 'heartbeat-threshold-minutes': '0' });
  return w;
}

export async function responseCase(input: ResponseCase): Promise<CaseResult> {
  const obs = new Observer(input.name);
  const w = await world();
  try {
    w.s.at('2027-01-06T03:00');
    input.inject(w);
    const opened = await w.s.openIncident({ down: 'Yes', system: 'gravity' });
    w.runs.push({ label: 'incident opened', run: opened.run });
    await settled(w);
    const fired = w.gh.log.some((entry) => entry.fault) || w.slack.log.some((entry) => entry.fault);
    if (!fired) obs.count('crashes', 1, 'the malformed answer was never sent: the case tested nothing');
    // The service is back for the next ticks.
    (w.gh as unknown as { faults: { clear(): void } }).faults.clear();
    (w.slack as unknown as { faults: { clear(): void } }).faults.clear();
    // The tick of 03:05 is when the pages' retry is due.
    w.s.at('2027-01-06T03:05');
    await recorded(w, 'tick 03:05', w.s.tick());
    // A failed run says so on an ::error:: line, without a stack trace (crashIn, via measureWorld).
    for (const { label, run } of w.runs) {
      const errors = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.startsWith('::error'));
      if (run.code === 1 && errors.length === 0) {
        obs.count('crashes', 1, `${label}: exit 1 without an ::error:: line saying why`);
      }
      const unclear = errors.find((line) => UNCLEAR.test(line));
      if (unclear) obs.count('crashes', 1, `${label}: an unclear error: ${unclear.slice(0, 160)}`);
      // Not damage: how the run answered, for the report's notes.
      if (errors.length > 0)
        obs.findings.push(`note: ${label} exit ${run.code}: ${errors[0]?.slice(0, 160)}`);
    }
    await measureWorld(obs, w, { pages: SEV1_PAGES, comments: SEV1_COMMENTS });
  } catch (err) {
    obs.count('crashes', 1, `the case itself failed: ${(err as Error).message}`);
  } finally {
    await w.close();
  }
  return obs.result();
}
