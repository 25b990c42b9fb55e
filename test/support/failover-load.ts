import { hashToken } from '@app/common';
import type { Cluster, Redis } from 'ioredis';
import { SessionField } from '../../apps/auth-service/src/sessions/session-fields';
import { sessionScriptKeys } from '../../apps/auth-service/src/sessions/session-keys';
import { Answer, Http, cookieValue } from './http';

/** A request of the mixed load, as it ended. */
export interface LoadRecord {
  op: 'login' | 'me' | 'revoke' | 'grant' | 'refresh';
  /** HTTP status, or 0 when no answer came within the request timeout (a hang). */
  status: number;
  startedAt: number;
  endedAt: number;
  retryAfter: string | null;
  /** Why the answer breaks the rules (empty when it does not). */
  violation: string;
}

interface Session {
  cookie: string;
  csrf: string;
  id: string;
  acknowledgedAt: number;
  /** Made before the load: never revoked by it, so each must resolve at the end. */
  kept: boolean;
}

interface RefreshChain {
  current: string;
  /** When `current` was handed out, and by what (for a violation's message). */
  currentFrom: { op: 'grant' | 'refresh'; at: number };
  spent: string[];
  /** A rotation that answered 503 may or may not have happened: the chain is not used again. */
  uncertain: boolean;
  busy: boolean;
}

/** What the figures say about one run; printed by the test and asserted on. */
export interface LoadFigures {
  requests: number;
  byStatus: Record<string, Record<string, number>>;
  duringFailover: Record<string, number>;
  /** From the fault to the end of the last request that did not succeed (0: none failed). */
  recoveryMs: number;
  slowestMs: number;
  violations: string[];
}

const pick = <T>(items: T[]): T | undefined => items[Math.floor(Math.random() * items.length)];

/**
 * Mixed load for a failover test: logins, /auth/me, revocations (DELETE /auth/sessions/:id on the
 * session itself) and refresh-token rotations, by `workers` clients back to back. It keeps what was
 * acknowledged (sessions created, sessions revoked, refresh tokens spent) to check afterwards that a
 * failover lost none of it. The rules: 2xx, 503 with Retry-After, and 401 only for a credential whose
 * revocation or rotation was not acknowledged; never another status, never a hang.
 */
export class FailoverLoad {
  readonly records: LoadRecord[] = [];
  private readonly live: Session[] = [];
  /** Sessions whose revocation answered 503: either state is right afterwards. */
  private readonly doubtful = new Set<string>();
  private readonly revoked: Session[] = [];
  private readonly chains: RefreshChain[] = [];
  /** Refresh tokens refused against the rules, with the chain's token before them (for `explainRefusals`). */
  private readonly refused: Array<{ presented: string; previous?: string }> = [];
  private chainsWanted = 0;

  constructor(
    private readonly http: Http,
    private readonly usernames: string[],
    private readonly password: string,
    private readonly requestTimeoutMs = 10_000,
  ) {}

  /** Sessions and refresh-token chains to work on from the first second. */
  async prepare(sessions: number, chains: number): Promise<void> {
    for (let i = 0; i < sessions; i++) await this.login(true);
    for (let i = 0; i < chains; i++) await this.grant();
    this.chainsWanted = chains;
    if (this.records.some((record) => record.status !== 200)) throw new Error(`preparing the load: ${JSON.stringify(this.records)}`);
    this.records.length = 0;
  }

  /** Runs the load for `durationMs`. */
  async run(durationMs: number, workers: number): Promise<void> {
    const deadline = Date.now() + durationMs;
    const ops = [
      () => this.login(),
      () => this.login(),
      () => this.me(),
      () => this.me(),
      () => this.revoke(),
      () => this.refresh(),
      () => this.refresh(),
    ];
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (Date.now() < deadline) await pick(ops)!();
      }),
    );
  }

  /** Sessions acknowledged before `moment` that the load did not revoke. */
  sessionsAcknowledgedBefore(moment: number): number {
    return this.live.filter((session) => session.acknowledgedAt < moment).length;
  }

  /** Revocations and refresh-token rotations acknowledged before `moment`. */
  changesAcknowledgedBefore(moment: number): { revocations: number; rotations: number } {
    const rotations = this.records.filter((record) => record.op === 'refresh' && record.status === 200 && record.endedAt < moment).length;
    return { revocations: this.revoked.filter((session) => session.acknowledgedAt < moment).length, rotations };
  }

  /** The counts by operation and status, the failover window's, the recovery time, the violations. */
  figures(faultAt: number): LoadFigures {
    const byStatus: LoadFigures['byStatus'] = {};
    const duringFailover: Record<string, number> = {};
    let lastFailureEnd = faultAt;
    for (const record of this.records) {
      byStatus[record.op] ??= {};
      byStatus[record.op][record.status] = (byStatus[record.op][record.status] ?? 0) + 1;
      const failed = record.status === 0 || record.status >= 500 || record.violation !== '';
      if (record.endedAt >= faultAt && failed) lastFailureEnd = Math.max(lastFailureEnd, record.endedAt);
    }
    for (const record of this.records) {
      if (record.endedAt >= faultAt && record.startedAt <= lastFailureEnd)
        duringFailover[record.status] = (duringFailover[record.status] ?? 0) + 1;
    }
    return {
      requests: this.records.length,
      byStatus,
      duringFailover,
      recoveryMs: lastFailureEnd - faultAt,
      slowestMs: Math.max(...this.records.map((record) => record.endedAt - record.startedAt)),
      violations: this.records
        .filter((record) => record.violation)
        .map(
          (record) =>
            `${record.op} ${record.status} (${record.startedAt - faultAt} to ${record.endedAt - faultAt} ms from the fault at ${faultAt}): ${record.violation}`,
        ),
    };
  }

  /**
   * After the fault, with the system answering again: every acknowledged session still resolves,
   * every acknowledged revocation holds, every chain's current token still refreshes and every spent
   * one stays spent. Answers what broke (empty: nothing was lost).
   */
  async verify(): Promise<{ checked: Record<string, number>; lost: string[] }> {
    const lost: string[] = [];
    for (const session of this.live) {
      const me = await this.http.get('/auth/me', { cookie: session.cookie });
      if (me.status !== 200) lost.push(`session acknowledged at ${session.acknowledgedAt}: /auth/me ${me.status}`);
    }
    for (const session of this.revoked) {
      const me = await this.http.get('/auth/me', { cookie: session.cookie });
      if (me.status !== 401) lost.push(`session revoked at ${session.acknowledgedAt}: /auth/me ${me.status}`);
    }
    const usable = this.chains.filter((chain) => !chain.uncertain);
    for (const chain of usable) {
      const next = await this.grantRefresh(chain.current);
      if (next.status !== 200) lost.push(`the current refresh token of a chain: ${next.status}`);
      else chain.spent.push(chain.current);
    }
    // Last: a spent token coming back revokes its session (theft detection).
    const spent = this.chains.flatMap((chain) => chain.spent);
    for (const token of spent) {
      const reuse = await this.grantRefresh(token);
      if (reuse.status !== 401) lost.push(`a spent refresh token: ${reuse.status}`);
    }
    return {
      checked: { sessions: this.live.length, revocations: this.revoked.length, chains: usable.length, spentTokens: spent.length },
      lost,
    };
  }

  /**
   * What the session store holds for each refused refresh token: whether its session exists, and
   * whether the stored refresh hash is that token's, the one before it (its rotation was lost), or
   * neither, and whether the token is among the spent. Says why a rule broke, for the test's output.
   */
  async explainRefusals(redis: Redis | Cluster, prefix: string): Promise<string[]> {
    const secretHash = (token?: string): string | undefined => (token ? hashToken(token.split('.')[1]) : undefined);
    return Promise.all(
      this.refused.map(async ({ presented, previous }) => {
        const [sessionKey, spentKey] = sessionScriptKeys(prefix, presented.split('.')[0]);
        const [stored, spent] = await Promise.all([
          redis.hget(sessionKey, SessionField.refreshHash),
          redis.sismember(spentKey, secretHash(presented)!),
        ]);
        if (stored === null) return `session ${sessionKey}: gone (${(await redis.exists(sessionKey)) ? 'no refresh hash' : 'no such key'})`;
        const holds =
          stored === secretHash(presented)
            ? 'the refused token'
            : stored === secretHash(previous)
              ? 'the token before it'
              : 'another token';
        return `session ${sessionKey}: refresh hash of ${holds}; the refused token ${spent ? 'is' : 'is not'} among the spent`;
      }),
    );
  }

  private async login(kept = false): Promise<void> {
    const username = pick(this.usernames)!;
    await this.send(
      'login',
      () => this.http.post('/auth/login', { body: { username, password: this.password } }),
      (answer) => {
        if (answer.status !== 200) return answer.status === 503 ? '' : 'a login must succeed or be a 503';
        const sid = cookieValue(answer.setCookies, 'sid');
        if (!sid) return 'a login without a sid cookie';
        this.live.push({ cookie: `sid=${sid}`, csrf: answer.body.csrfToken, id: hashToken(sid), acknowledgedAt: Date.now(), kept });
        return '';
      },
    );
  }

  private async me(): Promise<void> {
    const session = pick(this.live);
    if (!session) return;
    await this.send(
      'me',
      () => this.http.get('/auth/me', { cookie: session.cookie }),
      (answer) => {
        if (answer.status === 200 || answer.status === 503) return '';
        const known = this.live.includes(session) && !this.doubtful.has(session.id);
        return known ? `an acknowledged, unrevoked session answered ${answer.status}` : '';
      },
    );
  }

  private async revoke(): Promise<void> {
    const session = pick(this.live.filter((candidate) => !candidate.kept));
    if (!session) return;
    // Out of the live set first, so no /auth/me of the load expects it to resolve meanwhile.
    this.live.splice(this.live.indexOf(session), 1);
    const path = `/auth/sessions/${encodeURIComponent(session.id)}`;
    await this.send(
      'revoke',
      () => this.http.delete(path, { cookie: session.cookie, csrf: session.csrf }),
      (answer) => {
        if (answer.status === 204) {
          this.revoked.push({ ...session, acknowledgedAt: Date.now() });
          return '';
        }
        this.doubtful.add(session.id);
        if (answer.status === 503) return '';
        return `revoking an acknowledged session answered ${answer.status}`;
      },
    );
  }

  /** A password grant: a new refresh-token chain (what a client does after a rotation it cannot be sure of). */
  private async grant(): Promise<void> {
    const username = pick(this.usernames)!;
    const body = { grant_type: 'password', username, password: this.password };
    await this.send(
      'grant',
      () => this.http.post('/auth/token', { body }),
      (answer) => {
        if (answer.status === 200)
          this.chains.push({
            current: answer.body.refresh_token,
            currentFrom: { op: 'grant', at: Date.now() },
            spent: [],
            uncertain: false,
            busy: false,
          });
        return answer.status === 200 || answer.status === 503 ? '' : 'a password grant must succeed or be a 503';
      },
    );
  }

  private async refresh(): Promise<void> {
    const usable = this.chains.filter((candidate) => !candidate.uncertain);
    if (usable.length < this.chainsWanted) return this.grant();
    const chain = pick(usable.filter((candidate) => !candidate.busy));
    if (!chain) return;
    chain.busy = true;
    const presented = chain.current;
    await this.send(
      'refresh',
      () => this.grantRefresh(presented),
      (answer) => {
        chain.busy = false;
        if (answer.status === 200) {
          chain.spent.push(presented);
          chain.current = answer.body.refresh_token;
          chain.currentFrom = { op: 'refresh', at: Date.now() };
          return '';
        }
        chain.uncertain = true;
        if (answer.status === 503) return '';
        this.refused.push({ presented, previous: chain.spent.at(-1) });
        const { op, at } = chain.currentFrom;
        return `rotating the current refresh token (from a ${op} acknowledged at ${at}) answered ${answer.status}`;
      },
    );
  }

  private grantRefresh(token: string): Promise<Answer> {
    return this.http.post('/auth/token', { body: { grant_type: 'refresh_token', refresh_token: token } });
  }

  /** Sends one request with a deadline; `judge` books the answer and says what (if anything) is wrong with it. */
  private async send(op: LoadRecord['op'], request: () => Promise<Answer>, judge: (answer: Answer) => string): Promise<void> {
    const startedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.requestTimeoutMs)));
    const answer = await Promise.race([request().catch((): null => null), hang]);
    clearTimeout(timer);
    const endedAt = Date.now();
    if (!answer) {
      this.records.push({ op, status: 0, startedAt, endedAt, retryAfter: null, violation: `no answer within ${this.requestTimeoutMs} ms` });
      return;
    }
    const retryAfter = answer.headers.get('retry-after');
    let violation = judge(answer);
    if (answer.status === 503 && !(Number(retryAfter) > 0)) violation ||= 'a 503 without Retry-After';
    this.records.push({ op, status: answer.status, startedAt, endedAt, retryAfter, violation });
  }
}
