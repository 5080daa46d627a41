/**
 * A local Slack for tests and `oncall demo`: a real HTTP server on 127.0.0.1 that speaks the Web
 * API subset the project uses (form-encoded or JSON bodies, a Bearer token, Slack's `{ ok }`
 * envelope), keeps a workspace in memory, injects faults on demand and logs every call.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InFlight } from '../in-flight.js';
import { type SlackFault, SlackFaultQueue } from './faults.js';
import { methods } from './methods.js';
import { serveSlack } from './pipeline.js';
import { formatSlackViolation, type SlackRequestLogEntry, type SlackViolation } from './request-log.js';
import { DEFAULT_BOT_SCOPES } from './scopes.js';
import { SlackSeeder } from './seed.js';
import { type Clock, type SlackMessageRecord, SlackStore, type SlackUserRecord } from './state.js';

export interface SlackEmulatorOptions {
  /** The clock for message timestamps and topic times; the real clock when omitted. */
  now?: Clock;
  /** Port on 127.0.0.1; 0 (the default) takes any free port. */
  port?: number;
  /** The only tokens accepted (others get `invalid_auth`); any token when omitted. */
  tokens?: string[];
  teamId?: string;
  /** The app's bot user name. */
  botName?: string;
  /** The bot token's OAuth scopes (default: every scope the emulated methods can need). */
  scopes?: readonly string[];
}

export class SlackEmulator {
  /** The server root, e.g. "http://127.0.0.1:40123". */
  readonly url: string;
  /** The Web API root to give the WebClient as `slackApiUrl`, e.g. "http://127.0.0.1:40123/api/". */
  readonly apiUrl: string;
  readonly store: SlackStore;
  readonly seed: SlackSeeder;
  /** Every call served, in order. */
  readonly log: SlackRequestLogEntry[] = [];
  /** Every call Slack would refuse as misuse, or that the emulator cannot answer. */
  readonly violations: SlackViolation[] = [];
  private readonly faults = new SlackFaultQueue();
  private readonly inFlight = new InFlight();
  private grantedScopes: readonly string[] = DEFAULT_BOT_SCOPES;

  private constructor(
    private readonly server: Server,
    url: string,
    store: SlackStore,
  ) {
    this.url = url;
    this.apiUrl = `${url}/api/`;
    this.store = store;
    this.seed = new SlackSeeder(store);
  }

  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const store = new SlackStore(
      options.now ?? (() => new Date()),
      options.teamId ?? 'T0ONCALL',
      options.botName ?? 'oncall',
    );
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const emulator = new SlackEmulator(server, url, store);
    if (options.scopes) emulator.setScopes(options.scopes);
    const tokens = options.tokens ? new Set(options.tokens) : undefined;
    const deps = {
      baseUrl: url,
      store,
      methods,
      faults: emulator.faults,
      log: emulator.log,
      violations: emulator.violations,
      acceptsToken: (token: string) => !tokens || tokens.has(token),
      scopes: () => emulator.grantedScopes,
    };
    server.on('request', (req, res) => {
      // serveSlack() answers every error itself; this only covers a client that hung up mid-answer.
      emulator.inFlight.track(() => serveSlack(deps, req, res)).catch(() => res.destroy());
    });
    return emulator;
  }

  /** The app's bot user (every call acts as it). */
  get bot(): SlackUserRecord {
    return this.store.bot;
  }

  /** The bot token's scopes now. */
  get scopes(): readonly string[] {
    return this.grantedScopes;
  }

  /**
   * Reinstalls the app with these scopes: later calls report them in `x-oauth-scopes`, and a
   * call whose scope is missing is answered `missing_scope`, as Slack does.
   */
  setScopes(scopes: readonly string[]): this {
    this.grantedScopes = [...scopes];
    return this;
  }

  /** Queues a fault for the next `times` calls of its method. */
  inject(fault: SlackFault): this {
    this.faults.add(fault);
    return this;
  }

  /**
   * Resolves when no call is being served: every post a client sent, even one it stopped waiting
   * for (a timeout), has landed or failed.
   */
  settled(): Promise<void> {
    return this.inFlight.settled();
  }

  /** Faults queued that have not yet fired as often as asked. */
  pendingFaults(): SlackFault[] {
    return this.faults.pending();
  }

  /** Calls of a method (all when omitted), in order. */
  requests(method?: string): SlackRequestLogEntry[] {
    return this.log.filter((entry) => method === undefined || entry.method === method);
  }

  /**
   * Messages posted, in order; only those in `channel` when given (a conversation id, or a user id
   * for the bot's DM with them).
   */
  messages(channel?: string): SlackMessageRecord[] {
    if (channel === undefined) return [...this.store.messages];
    const dm = [...this.store.conversations.values()].find((c) => c.kind === 'im' && c.user === channel);
    const id = dm?.id ?? channel;
    return this.store.messages.filter((message) => message.channel === id);
  }

  /** The members of a user group now. */
  groupMembers(groupId: string): string[] {
    const group = this.store.userGroups.get(groupId);
    if (!group) throw new Error(`no user group ${groupId}`);
    return [...group.users];
  }

  /** A channel's topic now. */
  topic(channelId: string): string {
    const channel = this.store.conversations.get(channelId);
    if (!channel) throw new Error(`no conversation ${channelId}`);
    return channel.topic.value;
  }

  /** Returns the violations recorded so far and forgets them (for tests that expect some). */
  takeViolations(): SlackViolation[] {
    return this.violations.splice(0);
  }

  /** The violations as readable lines, for a failing assertion's message. */
  describeViolations(): string {
    return this.violations.map(formatSlackViolation).join('\n');
  }

  async close(): Promise<void> {
    this.faults.clear();
    await new Promise<void>((resolve, reject) => {
      this.server.close((err) => (err ? reject(err) : resolve()));
      this.server.closeAllConnections();
    });
  }
}

/** Starts an emulator; `close()` it when done. */
export function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  return SlackEmulator.start(options);
}
