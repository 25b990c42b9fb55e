import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/**
 * The validation both edges use: unknown fields rejected, no implicit conversion, and failures
 * raised as a shared VALIDATION_FAILED error (which Nest's own pipe would have turned into a 500 over RPC).
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError(ErrorCode.ValidationFailed, validationMessages(errors)),
  });
}
