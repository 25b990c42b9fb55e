const MAX_LENGTH = 500;

/** The fields of a nodemailer error that matter here. */
interface NodemailerErrorDetails {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

function detailsOf(error: unknown): NodemailerErrorDetails {
  return typeof error === 'object' && error !== null ? (error as NodemailerErrorDetails) : {};
}

/**
 * What is kept of a failed delivery (outbox `last_error`, log lines): nodemailer's error code, the
 * SMTP reply code and the server's reply. Never the command (AUTH lines carry credentials), and any
 * `//user:pass@` of a URL in the text is blanked.
 */
export function describeDeliveryError(error: unknown): string {
  const details = detailsOf(error);
  const name = typeof details.code === 'string' ? details.code : error instanceof Error ? error.name : 'Error';
  const reply = typeof details.response === 'string' ? details.response : error instanceof Error ? error.message : String(error);
  const code = typeof details.responseCode === 'number' ? ` ${details.responseCode}` : '';
  const text = `${name}${code}: ${reply}`.replace(/\/\/[^\s/@]*@/g, '//[redacted]@').replace(/\s+/g, ' ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

/**
 * A failure no retry can change: the server refused the recipient or the message with a 5xx reply,
 * or nodemailer refused the address itself. Anything else (connection, timeout, 4xx, a refused
 * login or sender, which an operator can fix) is worth retrying.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { code, responseCode, command } = detailsOf(error);
  if (code !== 'EENVELOPE' && code !== 'EMESSAGE') return false;
  if (command === 'API') return true;
  return typeof responseCode === 'number' && responseCode >= 500 && (command === 'RCPT TO' || command === 'DATA');
}
