/**
 * A local GitHub for tests and `oncall demo`: a real HTTP server on 127.0.0.1 that speaks the REST
 * subset the project uses, keeps its state in memory, checks every request and response against
 * GitHub's OpenAPI description, injects faults on demand and logs every request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InFlight } from '../in-flight.js';
import { type Fault, FaultQueue } from './faults.js';
import { handlers } from './handlers/index.js';
import { type OpenApiValidator, sharedValidator } from './openapi/validator.js';
import { serve } from './pipeline.js';
import { Renderer } from './render.js';
import { formatViolation, type RequestLogEntry, type Violation } from './request-log.js';
import { Seeder } from './seed.js';
import type { UserRecord } from './state/records.js';
import { type Clock, GitHubStore, type NewRepo } from './state/store.js';

export interface GitHubEmulatorOptions {
  /** Login of the account every token acts as, unless `tokens` says otherwise. */
  botLogin?: string;
  /** Tokens that act as someone else, e.g. { 'alice-token': 'alice' }. */
  tokens?: Record<string, string>;
  /**
   * Classic tokens: their OAuth scopes, sent back in `x-oauth-scopes` as GitHub does, e.g.
   * { 'alice-token': ['repo', 'workflow'] }. Other tokens (like GITHUB_TOKEN, an App's or a
   * fine-grained one) get no such header.
   */
  scopes?: Record<string, string[]>;
  /** Repositories to create at start. */
  repos?: NewRepo[];
  /** The clock for created_at, updated_at and closed_at; the real clock when omitted. */
  now?: Clock;
  /** Base of html_url fields; API URLs always point at the emulator. */
  htmlUrl?: string;
  /** Port on 127.0.0.1; 0 (the default) takes any free port. */
  port?: number;
  /** The OpenAPI checker; one per process is shared by default (compiled schemas are reused). */
  validator?: OpenApiValidator;
}

export const DEFAULT_BOT_LOGIN = 'oncall-bot[bot]';

export class GitHubEmulator {
  /** The API base URL to give Octokit as `baseUrl`, e.g. "http://127.0.0.1:40123". */
  readonly url: string;
  readonly store: GitHubStore;
  readonly seed: Seeder;
  readonly bot: UserRecord;
  /** Every request served, in order. */
  readonly log: RequestLogEntry[] = [];
  /** Every departure from GitHub's OpenAPI description (or from what the emulator supports). */
  readonly violations: Violation[] = [];
  private readonly faults = new FaultQueue();
  private readonly inFlight = new InFlight();
  private readonly tokens: Map<string, string>;
  private readonly scopes: Map<string, string[]>;

  private constructor(
    private readonly server: Server,
    url: string,
    store: GitHubStore,
    options: GitHubEmulatorOptions,
  ) {
    this.url = url;
    this.store = store;
    this.seed = new Seeder(store);
    this.bot = store.user(options.botLogin ?? DEFAULT_BOT_LOGIN);
    this.tokens = new Map(Object.entries(options.tokens ?? {}));
    this.scopes = new Map(Object.entries(options.scopes ?? {}));
  }

  static async start(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
    const store = new GitHubStore(options.now ?? (() => new Date()));
    const validator = options.validator ?? sharedValidator();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const emulator = new GitHubEmulator(server, url, store, options);
    for (const repo of options.repos ?? []) store.addRepo(repo);
    const render = new Renderer(store, url, options.htmlUrl ?? 'https://github.com');
    const deps = {
      baseUrl: url,
      store,
      render,
      validator,
      handlers,
      faults: emulator.faults,
      log: emulator.log,
      violations: emulator.violations,
      authenticate: (authorization: string | undefined) => emulator.authenticate(authorization),
      scopesOf: (authorization: string | undefined) => emulator.scopesOf(authorization),
    };
    server.on('request', (req, res) => {
      // serve() answers every error itself; this only covers a client that hung up mid-answer.
      emulator.inFlight.track(() => serve(deps, req, res)).catch(() => res.destroy());
    });
    return emulator;
  }

  /** Queues a fault for the next `times` requests matching its method and path. */
  inject(fault: Fault): this {
    this.faults.add(fault);
    return this;
  }

  /**
   * Resolves when no request is being served: every write a client sent, even one it stopped
   * waiting for (a timeout), has landed or failed.
   */
  settled(): Promise<void> {
    return this.inFlight.settled();
  }

  /** Faults queued that have not yet fired as often as asked. */
  pendingFaults(): Fault[] {
    return this.faults.pending();
  }

  /** A token that acts as `login` (registered on the fly); with `scopes`, a classic token's. */
  tokenFor(login: string, options: { scopes?: string[] } = {}): string {
    const token = `test-token-for-${login}${options.scopes ? `-scoped-${options.scopes.join('-')}` : ''}`;
    this.tokens.set(token, login);
    if (options.scopes) this.scopes.set(token, [...options.scopes]);
    return token;
  }

  /** Returns the violations recorded so far and forgets them (for tests that expect some). */
  takeViolations(): Violation[] {
    return this.violations.splice(0);
  }

  /** The violations as readable lines, for a failing assertion's message. */
  describeViolations(): string {
    return this.violations.map(formatViolation).join('\n');
  }

  /** Requests matching a method and a path (exact string or RegExp), in order. */
  requests(method?: string, path?: string | RegExp): RequestLogEntry[] {
    return this.log.filter(
      (entry) =>
        (!method || entry.method === method.toUpperCase()) &&
        (path === undefined || (typeof path === 'string' ? entry.path === path : path.test(entry.path))),
    );
  }

  async close(): Promise<void> {
    this.faults.clear();
    await new Promise<void>((resolve, reject) => {
      this.server.close((err) => (err ? reject(err) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private authenticate(authorization: string | undefined): UserRecord | null {
    const token = tokenOf(authorization);
    if (!token) return null;
    const login = this.tokens.get(token);
    return login ? this.store.user(login) : this.bot;
  }

  /** A classic token's scopes; undefined for every other kind of token. */
  private scopesOf(authorization: string | undefined): string[] | undefined {
    const token = tokenOf(authorization);
    return token ? this.scopes.get(token) : undefined;
  }
}

function tokenOf(authorization: string | undefined): string | undefined {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/** Starts an emulator; `close()` it when done. */
export function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  return GitHubEmulator.start(options);
}
