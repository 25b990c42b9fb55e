const MAX_LENGTH = 500;

/**
 * What is kept of a failed delivery (outbox `last_error`, log lines): nodemailer's error code, the
 * SMTP reply code and the server's reply. Never the command (AUTH lines carry credentials), and any
 * `//user:pass@` of a URL in the text is blanked.
 */
export function describeDeliveryError(error: unknown): string {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
  };
  const name = typeof details.code === 'string' ? details.code : error instanceof Error ? error.name : 'Error';
  const reply = typeof details.response === 'string' ? details.response : error instanceof Error ? error.message : String(error);
  const code = typeof details.responseCode === 'number' ? ` ${details.responseCode}` : '';
  const text = `${name}${code}: ${reply}`.replace(/\/\/[^\s/@]*@/g, '//[redacted]@').replace(/\s+/g, ' ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
