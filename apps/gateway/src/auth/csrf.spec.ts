import { DomainError, ErrorCode } from '@app/common';
import type { FastifyRequest } from 'fastify';
import { assertCsrfToken, assertSameOrigin } from './csrf';

function request(headers: Record<string, string>, body?: unknown): FastifyRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers: lower, protocol: 'http', body } as unknown as FastifyRequest;
}

function codeOf(action: () => void): ErrorCode | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('CSRF checks', () => {
  it('accept the session token in the header or the _csrf form field', () => {
    expect(codeOf(() => assertCsrfToken(request({ 'X-CSRF-Token': 'tok' }), 'tok'))).toBeUndefined();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(codeOf(() => assertCsrfToken(request(form, { _csrf: 'tok' }), 'tok'))).toBeUndefined();
  });

  it('refuse a _csrf field in a JSON body in place of the header', () => {
    const json = { 'content-type': 'application/json' };
    expect(codeOf(() => assertCsrfToken(request(json, { _csrf: 'tok' }), 'tok'))).toBe(ErrorCode.CsrfFailed);
    expect(codeOf(() => assertCsrfToken(request({}, { _csrf: 'tok' }), 'tok'))).toBe(ErrorCode.CsrfFailed);
  });

  it.each([
    ['missing', {}, undefined],
    ['wrong', { 'X-CSRF-Token': 'other' }, undefined],
    ['a prefix', { 'X-CSRF-Token': 'to' }, undefined],
    ['a non-string field', { 'content-type': 'application/x-www-form-urlencoded' }, { _csrf: ['tok'] }],
  ])('refuse a %s token', (_name, headers, body) => {
    expect(codeOf(() => assertCsrfToken(request(headers as Record<string, string>, body), 'tok'))).toBe(ErrorCode.CsrfFailed);
  });

  it('refuse a token when the session has none', () => {
    expect(codeOf(() => assertCsrfToken(request({ 'X-CSRF-Token': '' }), ''))).toBe(ErrorCode.CsrfFailed);
  });

  it('allow the public origin, allowed origins and origin-less requests', () => {
    expect(codeOf(() => assertSameOrigin(request({ host: 'app.test', origin: 'http://app.test' }), ['http://app.test']))).toBeUndefined();
    expect(
      codeOf(() => assertSameOrigin(request({ host: 'app.test', origin: 'https://admin.test' }), ['https://admin.test'])),
    ).toBeUndefined();
    expect(codeOf(() => assertSameOrigin(request({ host: 'app.test', 'sec-fetch-site': 'same-origin' }), []))).toBeUndefined();
  });

  it.each([
    ['a cross-site fetch', { host: 'app.test', 'sec-fetch-site': 'cross-site' }],
    ['a foreign origin', { host: 'app.test', origin: 'https://evil.test' }],
    ['an opaque origin', { host: 'app.test', origin: 'null' }],
    ['a look-alike origin', { host: 'app.test', origin: 'http://app.test.evil.test' }],
    ['an origin that only matches the Host (DNS rebinding)', { host: 'evil.test', origin: 'http://evil.test' }],
  ])('refuse %s', (_name, headers) => {
    expect(codeOf(() => assertSameOrigin(request(headers), ['http://app.test']))).toBe(ErrorCode.CsrfFailed);
  });
});
