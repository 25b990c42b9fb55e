import { ErrorCode } from './error-code';

/** The shape an error takes on the wire between services. */
export interface WireError {
  code: ErrorCode;
  message: string | string[];
  retryAfterSeconds?: number;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** An expected failure with a code from the shared table; services throw this, never HttpException. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly publicMessage: string | string[] = code,
    readonly retryAfterSeconds?: number,
  ) {
    super(Array.isArray(publicMessage) ? publicMessage.join('; ') : publicMessage);
    this.name = 'DomainError';
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.publicMessage };
    if (this.retryAfterSeconds !== undefined) wire.retryAfterSeconds = this.retryAfterSeconds;
    return wire;
  }

  /** Rebuilds a DomainError from what came over the transport; anything unrecognised is Internal. */
  static fromWire(value: unknown): DomainError {
    if (typeof value === 'object' && value !== null && KNOWN_CODES.has(String((value as WireError).code))) {
      const wire = value as WireError;
      const message = typeof wire.message === 'string' || Array.isArray(wire.message) ? wire.message : wire.code;
      const retry = typeof wire.retryAfterSeconds === 'number' ? wire.retryAfterSeconds : undefined;
      return new DomainError(wire.code, message, retry);
    }
    return new DomainError(ErrorCode.Internal, 'Internal server error');
  }
}
