import { AddressObject, ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';
import { freePort } from './system';

/** One mail as the test SMTP server received and parsed it. */
export interface ReceivedMail {
  /** The envelope (MAIL FROM / RCPT TO), as the sender gave it. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** The user the client authenticated as, if it did. */
  user?: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  parsed: ParsedMail;
}

export interface TestSmtpServerOptions {
  /** Require AUTH (PLAIN/LOGIN) with these credentials; without, any client may send. */
  credentials?: { user: string; pass: string };
  /** Answers RCPT TO for these recipients with 550 (no such user). */
  rejectRecipient?: (address: string) => boolean;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}

/**
 * A real SMTP server in the test process (smtp-server, mails parsed with mailparser) on a free
 * loopback port. `stop()` and `start()` again on the same port simulate an outage. No TLS (the
 * services' client must not try STARTTLS against a self-signed certificate), no DNS lookups.
 */
export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  private server?: SMTPServer;

  private constructor(
    readonly port: number,
    private readonly options: TestSmtpServerOptions,
  ) {}

  /** A server listening on a free port. */
  static async create(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    const server = new TestSmtpServer(await freePort(), options);
    await server.start();
    return server;
  }

  /** The SMTP_URL a service uses to reach this server (with its credentials, if any). */
  get url(): string {
    const credentials = this.options.credentials;
    const userinfo = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@` : '';
    return `smtp://${userinfo}127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Listens (again) on the server's port. */
  async start(): Promise<void> {
    if (this.server) return;
    const credentials = this.options.credentials;
    const server = new SMTPServer({
      logger: false,
      disableReverseLookup: true,
      disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !credentials,
      allowInsecureAuth: true,
      closeTimeout: 1000,
      onAuth: (auth, _session, callback) => {
        if (credentials && auth.username === credentials.user && auth.password === credentials.pass) {
          callback(null, { user: auth.username });
        } else {
          callback(new Error('Invalid username or password'));
        }
      },
      onRcptTo: (address, _session, callback) => {
        if (this.options.rejectRecipient?.(address.address))
          callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
        else callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.mails.push(this.received(parsed, session));
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
  }

  /** Stops listening and closes open connections; the received mails are kept. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The received mails that match. */
  find(predicate: (mail: ReceivedMail) => boolean): ReceivedMail[] {
    return this.mails.filter(predicate);
  }

  /** Polls until a mail matching `predicate` has arrived, and answers it; fails after `timeoutMs`. */
  async waitForMail(predicate: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mail = this.mails.find(predicate);
      if (mail) return mail;
      if (Date.now() > deadline) {
        const seen = this.mails.map((received) => `${received.to.join(',')}: ${received.subject}`).join('; ') || 'none';
        throw new Error(`no matching mail within ${timeoutMs} ms (received: ${seen})`);
      }
      await new Promise((next) => setTimeout(next, 25));
    }
  }

  private received(parsed: ParsedMail, session: SMTPServerSession): ReceivedMail {
    const user: unknown = session.user;
    return {
      envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
      user: typeof user === 'string' ? user : undefined,
      from: addresses(parsed.from)[0] ?? '',
      to: addresses(parsed.to),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || null,
      messageId: parsed.messageId ?? '',
      parsed,
    };
  }
}
