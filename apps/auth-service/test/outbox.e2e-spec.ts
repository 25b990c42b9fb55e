import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { LoggerService } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { simpleParser } from 'mailparser';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScratchDatabase } from '../../../test/support/database';
import { TestSmtpServer } from '../../../test/support/smtp-server';
import { DATABASES } from '../../../test/support/system';
import { loadAuthConfig } from '../src/config/auth.config';
import { AuthConfigModule } from '../src/config/config.module';
import { ormOptions } from '../src/database/mikro-orm.config';
import { MailLinks } from '../src/mail/mail-links';
import { emailVerificationMail, passwordResetMail } from '../src/mail/mail-templates';
import { MailModule } from '../src/mail/mail.module';
import { OutboxMail } from '../src/mail/outbox-mail.entity';
import { OutboxRepository } from '../src/mail/outbox.repository';
import { OutboxSender } from '../src/mail/outbox.sender';
import type { OutgoingMail } from '../src/mail/outgoing-mail';

jest.setTimeout(60_000);

// The MailModule as the auth-service runs it (real MikroORM, the committed migrations, SQLite and
// PostgreSQL), delivering over TCP to a real SMTP server in this process. No endpoint sends mail yet,
// so the tests stage mail the way the endpoints will: inside a transaction, through OutboxRepository.

const CREDENTIALS = { user: 'mailer', pass: 'smtp-Secret-9' };
const FROM = 'Nest Auth Test <no-reply@auth.test>';
const TOKEN = 'Xq2Lb0dX4w9z_yR-8tMvKcA';

/** Every log line of the replicas in this file (Nest's Logger is process-wide). */
class CapturedLogs implements LoggerService {
  readonly lines: string[] = [];
  log(...parts: unknown[]): void {
    this.lines.push(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
  }
  error(...parts: unknown[]): void {
    this.log(...parts);
  }
  warn(...parts: unknown[]): void {
    this.log(...parts);
  }
  debug(...parts: unknown[]): void {
    this.log(...parts);
  }
}
const logs = new CapturedLogs();

/** One auth-service replica's mail feature: its own ORM, outbox sender and transport. */
interface Replica {
  moduleRef: TestingModule;
  orm: MikroORM;
  outbox: OutboxRepository;
  sender: OutboxSender;
  links: MailLinks;
}

async function startReplica(databaseUrl: string, env: Record<string, string>): Promise<Replica> {
  const config = loadAuthConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, MAIL_POLL_INTERVAL_MS: '100', ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthConfigModule.register(config),
      MikroOrmModule.forRoot({ ...ormOptions(config.databaseUrl), registerRequestContext: false }),
      MailModule,
    ],
  }).compile();
  moduleRef.useLogger(logs);
  const orm = moduleRef.get(MikroORM);
  await orm.getMigrator().up();
  await moduleRef.init();
  return { moduleRef, orm, outbox: moduleRef.get(OutboxRepository), sender: moduleRef.get(OutboxSender), links: moduleRef.get(MailLinks) };
}

/** Stages the mails in one transaction, as an endpoint will with the change that causes them. */
async function stageCommitted(replica: Replica, mails: OutgoingMail[]): Promise<OutboxMail[]> {
  return replica.orm.em.fork().transactional(async (em) => mails.map((mail) => replica.outbox.stage(em, mail)));
}

/** The outbox rows, read through the repository (no identity map: always the database's state). */
function rows(replica: Replica, where: { id?: string | { $in: string[] }; recipient?: string }): Promise<OutboxMail[]> {
  return replica.orm.em.fork().getRepository(OutboxMail).find(where, { disableIdentityMap: true });
}

/** Polls `probe` until it answers something truthy; fails after `timeoutMs`. */
async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((next) => setTimeout(next, 50));
  }
}

function waitUntilSent(replica: Replica, ids: string[], timeoutMs = 10_000): Promise<OutboxMail[]> {
  return waitUntil(
    `${ids.length} mail(s) marked sent`,
    async () => {
      const found = await rows(replica, { id: { $in: ids } });
      return found.length === ids.length && found.every((row) => row.status === 'sent') ? found : undefined;
    },
    timeoutMs,
  );
}

function resetMail(replica: Replica, to: string): OutgoingMail {
  return passwordResetMail({ to, username: to.split('@')[0], link: replica.links.passwordReset(TOKEN), lifetimeSeconds: 3600 });
}

describe.each(DATABASES)('the mail outbox on %s', (database) => {
  let smtp: TestSmtpServer;
  let db: ScratchDatabase;
  let replica: Replica;
  const address = (name: string) => `${name}-${database}@example.com`;

  beforeAll(async () => {
    smtp = await TestSmtpServer.create({ credentials: CREDENTIALS, rejectRecipient: (to) => to.startsWith('nobody-') });
    db = await ScratchDatabase.create(database);
    replica = await startReplica(db.url, { SMTP_URL: smtp.url, MAIL_FROM: FROM, PUBLIC_BASE_URL: 'https://auth.example.com' });
  });

  afterAll(async () => {
    await replica?.moduleRef.close();
    await smtp?.stop();
    await db?.drop();
  });

  it('delivers a committed mail over authenticated SMTP with its from, to, subject and text, then clears its body', async () => {
    const to = address('alice');
    const [staged] = await stageCommitted(replica, [resetMail(replica, to)]);
    const received = await smtp.waitForMail((mail) => mail.to.includes(to));
    const link = `https://auth.example.com/reset-password?token=${TOKEN}`;
    expect(received).toMatchObject({
      envelopeFrom: 'no-reply@auth.test',
      envelopeTo: [to],
      user: CREDENTIALS.user,
      from: 'no-reply@auth.test',
      to: [to],
      subject: 'Reset your password',
      messageId: `<${staged.id}@auth.test>`,
    });
    expect(received.text.split('\n')).toContain(link);
    expect(received.html).toContain(`href="${link}"`);
    expect(received.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const [row] = await waitUntilSent(replica, [staged.id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, text: null, html: null, link: null, lockedUntil: null, lastError: null });
    expect(row.sentAt?.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
  });

  it('sends nothing for a rolled-back transaction', async () => {
    const rolledBack = address('rolled-back');
    await expect(
      replica.orm.em.fork().transactional(async (em) => {
        replica.outbox.stage(em, resetMail(replica, rolledBack));
        await em.flush();
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // A mail committed afterwards is delivered: by then the sender has had every chance to send the other.
    const [after] = await stageCommitted(replica, [resetMail(replica, address('after-rollback'))]);
    await smtp.waitForMail((mail) => mail.to.includes(address('after-rollback')));
    await waitUntilSent(replica, [after.id]);
    expect(smtp.find((mail) => mail.to.includes(rolledBack))).toEqual([]);
    expect(await rows(replica, { recipient: rolledBack })).toEqual([]);
  });

  it('loses no mail while the SMTP server is down: it retries with backoff and delivers once, after the server is back', async () => {
    const to = address('outage');
    await smtp.stop();
    let staged: OutboxMail;
    try {
      [staged] = await stageCommitted(replica, [resetMail(replica, to)]);
      // No claim in flight (claimToken null): every attempt counted so far has failed.
      const waiting = await waitUntil(
        'two failed attempts',
        async () => (await rows(replica, { id: staged.id })).find((row) => row.attempts >= 2 && row.claimToken === null),
        15_000,
      );
      expect(waiting.status).toBe('pending');
      expect(waiting.text).toContain(TOKEN);
      expect(waiting.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      expect(waiting.lastError).not.toContain(CREDENTIALS.pass);
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 5_000);
    } finally {
      await smtp.start();
    }
    await smtp.waitForMail((mail) => mail.to.includes(to), 20_000);
    const [row] = await waitUntilSent(replica, [staged.id]);
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    expect(smtp.find((mail) => mail.to.includes(to))).toHaveLength(1);
    expect(logs.lines.some((line) => line.includes(staged.id) && /will retry/.test(line))).toBe(true);
    expect(logs.lines.filter((line) => line.includes(CREDENTIALS.pass) || line.includes(TOKEN))).toEqual([]);
  });

  it('gives a mail up at once when the server refuses its recipient for good (550), and a mail whose link expired unsent', async () => {
    const refused = address('nobody');
    const expired = { ...resetMail(replica, address('late')), expiresAt: new Date(Date.now() - 1000) };
    const staged = await stageCommitted(replica, [resetMail(replica, refused), expired]);
    const given = await waitUntil('both given up', async () => {
      const found = await rows(replica, { id: { $in: staged.map((row) => row.id) } });
      return found.length === 2 && found.every((row) => row.status === 'failed') ? found : undefined;
    });
    const byRecipient = new Map(given.map((row) => [row.recipient, row]));
    expect(byRecipient.get(refused)).toMatchObject({ attempts: 1, text: null, link: null });
    expect(byRecipient.get(refused)?.lastError).toMatch(/^EENVELOPE 550: .*No such user/);
    expect(byRecipient.get(address('late'))).toMatchObject({ attempts: 1, text: null, lastError: expect.stringMatching(/^EXPIRED/) });
    expect(smtp.find((mail) => mail.to.includes(refused) || mail.to.includes(address('late')))).toEqual([]);
  });

  it('delivers each mail exactly once when two replicas send from one database', async () => {
    const second = await startReplica(db.url, { SMTP_URL: smtp.url, MAIL_FROM: 'Replica Two <two@auth.test>' });
    try {
      const recipients = Array.from({ length: 24 }, (_, index) => address(`pair-${index}`));
      // Staged through a repository bound to the transaction (as a transaction helper hands them out).
      const staged = await replica.orm.em.fork().transactional(async (em) => {
        const outbox = em.getRepository(OutboxMail);
        return recipients.map((to) => outbox.stage(resetMail(replica, to)));
      });
      second.sender.nudge();
      await waitUntilSent(
        replica,
        staged.map((row) => row.id),
        30_000,
      );
      // Every row is sent, and a row is sent only after its one claimer's delivery was accepted: no copy is still on its way.
      const received = smtp.find((mail) => recipients.includes(mail.to[0]));
      expect(received.map((mail) => mail.to[0]).sort()).toEqual([...recipients].sort());
      expect(new Set(received.map((mail) => mail.messageId)).size).toBe(24);
      // Both replicas took part (each signs with its own MAIL_FROM), so the claims really competed.
      const byReplica = new Set(received.map((mail) => mail.from));
      expect([...byReplica].sort()).toEqual(['no-reply@auth.test', 'two@auth.test']);
    } finally {
      await second.moduleRef.close();
    }
  });

  it('gives up after MAIL_MAX_ATTEMPTS and keeps the mail as failed, without its body and without the SMTP password', async () => {
    const scratch = await ScratchDatabase.create(database);
    const wrongPassword = 'wrong-Pass-7';
    const failing = await startReplica(scratch.url, {
      SMTP_URL: `smtp://${CREDENTIALS.user}:${wrongPassword}@127.0.0.1:${smtp.port}`,
      MAIL_MAX_ATTEMPTS: '2',
    });
    try {
      const [staged] = await stageCommitted(failing, [resetMail(failing, address('refused'))]);
      const row = await waitUntil('the mail given up', async () =>
        (await rows(failing, { id: staged.id })).find((found) => found.status === 'failed'),
      );
      expect(row).toMatchObject({ attempts: 2, text: null, html: null, link: null, lockedUntil: null, sentAt: null });
      expect(row.lastError).toMatch(/^EAUTH 535/);
      expect(row.lastError).not.toContain(wrongPassword);
      expect(smtp.find((mail) => mail.to.includes(address('refused')))).toEqual([]);
      expect(logs.lines.some((line) => line.includes(staged.id) && /given up after 2 attempt/.test(line))).toBe(true);
    } finally {
      await failing.moduleRef.close();
      await scratch.drop();
    }
  });
});

describe.each(DATABASES)('OutboxRepository claims on %s', (database) => {
  let db: ScratchDatabase;
  let orms: MikroORM[];
  const repository = (orm: MikroORM) => orm.em.fork().getRepository(OutboxMail);
  const mail = (index: number): OutgoingMail => ({ kind: 'password-reset', to: `claim-${index}@example.com`, subject: 's', text: 't' });

  beforeAll(async () => {
    db = await ScratchDatabase.create(database);
    // Two ORMs, two connection pools: like two replicas, without senders of their own.
    orms = [await MikroORM.init(ormOptions(db.url)), await MikroORM.init(ormOptions(db.url))];
    await orms[0].getMigrator().up();
  });

  afterAll(async () => {
    for (const orm of orms ?? []) await orm.close(true);
    await db?.drop();
  });

  it('gives each due mail to one claimer only, however many claim at once, and hands a dead claimer’s mail on after its lock', async () => {
    // Claims are made at a `now` in the future (where a lock lapses, too); extendClaim uses the real clock.
    await orms[0].em.fork().transactional(async (em) => {
      for (let index = 0; index < 30; index++) repository(orms[0]).stage(em, mail(index));
    });
    const now = new Date(Date.now() + 1000);
    const rounds = await Promise.all([0, 1, 0, 1].map((which) => repository(orms[which]).claimDue(now, 20, 60_000)));
    const claimed = rounds.flat();
    expect(new Set(claimed.map((row) => row.id)).size).toBe(claimed.length);
    expect(claimed.length).toBeGreaterThanOrEqual(20);
    for (const round of rounds) expect(new Set(round.map((row) => row.claimToken)).size).toBeLessThanOrEqual(1);
    expect(claimed.every((row) => row.attempts === 1)).toBe(true);

    // The rest are still there for the next claim; the claimed ones are not, while their lock lasts.
    const rest = await repository(orms[1]).claimDue(now, 50, 60_000);
    expect(rest.length).toBe(30 - claimed.length);
    expect(await repository(orms[0]).claimDue(new Date(now.getTime() + 59_000), 50, 60_000)).toEqual([]);

    // A claimer that died: after its lock, another claims the mail, and the dead claim can no longer record anything.
    const reclaimed = await repository(orms[1]).claimDue(new Date(now.getTime() + 61_000), 50, 60_000);
    expect(reclaimed).toHaveLength(30);
    expect(reclaimed.every((row) => row.attempts === 2)).toBe(true);
    const stale = claimed[0];
    expect(await repository(orms[0]).extendClaim(stale, new Date(Date.now() + 60_000))).toBe(false);
    const current = reclaimed.find((row) => row.id === stale.id);
    expect(current && (await repository(orms[1]).extendClaim(current, new Date(Date.now() + 120_000)))).toBe(true);
    await repository(orms[0]).markFailed(stale, new Date(), 'stale claim');
    const [stored] = await repository(orms[0]).find({ id: stale.id }, { disableIdentityMap: true });
    expect(stored).toMatchObject({ status: 'pending', lastError: null, attempts: 2, claimToken: current?.claimToken });
  });
});

describe('without SMTP_URL (development)', () => {
  let db: ScratchDatabase;
  let replica: Replica;
  let outboxDir: string;

  beforeAll(async () => {
    outboxDir = mkdtempSync(join(tmpdir(), 'auth-outbox-'));
    db = await ScratchDatabase.create('sqlite');
    // A poll only once a minute: the mail below leaves at once only because its commit nudges the sender.
    replica = await startReplica(db.url, { MAIL_OUTBOX_DIR: outboxDir, MAIL_POLL_INTERVAL_MS: '60000' });
  });

  afterAll(async () => {
    await replica?.moduleRef.close();
    await db?.drop();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  it('writes each mail, right after its commit, as a parsable .eml file readable by its owner only, and logs its link', async () => {
    const to = 'dora@example.com';
    const token = 'dev-mode-token_0123456789';
    const link = replica.links.emailVerification(token);
    // enqueue: the way in for mail that goes with no SQL change (next to a token in Redis).
    const staged = await replica.outbox.enqueue(emailVerificationMail({ to, username: 'dora', link, lifetimeSeconds: 86_400 }));
    await waitUntilSent(replica, [staged.id], 5_000);
    const file = join(outboxDir, `${staged.id}.eml`);
    const raw = readFileSync(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(raw.toString('latin1')).toMatch(/^[^\n]*\r\n/);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Confirm your email address');
    expect(parsed.from?.value[0].address).toBe('no-reply@localhost');
    expect(parsed.messageId).toBe(`<${staged.id}@localhost>`);
    expect(parsed.text?.split('\n')).toContain(`http://localhost:3000/verify-email?token=${token}`);
    // One line with the link (development only), and no other line with the token.
    const lines = logs.lines.filter((line) => line.includes(token));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(link);
    expect(lines[0]).toContain('d***@example.com');
    expect(lines[0]).not.toContain(to);
  });
});
