import type { FastifyRequest } from 'fastify';

/** A text field of a posted form; anything else (missing, repeated, not text) reads as empty. */
export function formField(request: FastifyRequest, name: string): string {
  const value: unknown = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** A checkbox: browsers send "on" when it is ticked and nothing when it is not. */
export function formCheckbox(request: FastifyRequest, name: string): boolean {
  const value = formField(request, name);
  return value === 'on' || value === 'true';
}
