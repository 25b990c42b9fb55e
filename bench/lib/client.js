'use strict';
// The few HTTP calls the benchmark makes itself (set-up, revocation), with cookies handled by hand.

class Client {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }

  async request(method, path, { cookie, csrf, bearer, body } = {}) {
    const headers = {};
    if (cookie) headers.cookie = cookie;
    if (csrf) headers['x-csrf-token'] = csrf;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json, text, setCookies: response.headers.getSetCookie() };
  }

  async expect(status, method, path, options) {
    const response = await this.request(method, path, options);
    if (response.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${response.text.slice(0, 300)}`);
    return response;
  }

  /** Logs in; answers the `sid=…` cookie pair, the CSRF token and the user. */
  async login(username, password) {
    const response = await this.expect(200, 'POST', '/auth/login', { body: { username, password } });
    const sid = response.setCookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('sid='));
    return { cookie: sid, token: sid.slice(4), csrf: response.body.csrfToken, user: response.body.user };
  }

  /** The password grant: answers the access token. */
  async bearer(username, password) {
    const response = await this.expect(200, 'POST', '/auth/token', { body: { grant_type: 'password', username, password } });
    return response.body.access_token;
  }
}

module.exports = { Client };
