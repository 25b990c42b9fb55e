import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { findMalformedInput, malformedInputMessage } from '../input/well-formed-input';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => (parent ? message.replace(error.property, path) : message));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Turns class-validator errors into one readable list of messages. */
export function validationMessages(errors: ValidationError[]): string[] {
  return flatten(errors);
}

/** A 400 for input nested deeper than MAX_INPUT_DEPTH or holding a lone surrogate; nothing for other input. */
export function assertWellFormedInput(value: unknown): void {
  const found = findMalformedInput(value);
  if (found) throw new DomainError(ErrorCode.ValidationFailed, malformedInputMessage(found));
}

/**
 * ValidationPipe behind a bounded, iterative look at the raw value: class-transformer and class-validator
 * recurse, so a message payload 5,000 levels deep overflowed the stack (a 500) before any rule was read.
 */
class WellFormedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    assertWellFormedInput(value);
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * The validation both edges use: depth and lone surrogates first, then unknown fields rejected, no implicit
 * conversion, and failures raised as a shared VALIDATION_FAILED error (which Nest's own pipe would have
 * turned into a 500 over RPC).
 */
export function strictValidationPipe(): ValidationPipe {
  return new WellFormedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError(ErrorCode.ValidationFailed, validationMessages(errors)),
  });
}
