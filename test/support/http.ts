/** A small HTTP client for end-to-end tests: real requests, cookies read from Set-Cookie. */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  setCookies: string[];
}

export interface RequestOptions {
  body?: unknown;
  form?: Record<string, string>;
  cookie?: string;
  csrf?: string;
  bearer?: string;
  headers?: Record<string, string>;
  raw?: string;
  contentType?: string;
}

export class Http {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (options.cookie) headers.cookie = options.cookie;
    if (options.csrf) headers['x-csrf-token'] = options.csrf;
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text, setCookies: response.headers.getSetCookie() };
  }

  get<T = any>(path: string, options?: RequestOptions): Promise<Answer<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = any>(path: string, options?: RequestOptions): Promise<Answer<T>> {
    return this.request<T>('POST', path, options);
  }

  patch<T = any>(path: string, options?: RequestOptions): Promise<Answer<T>> {
    return this.request<T>('PATCH', path, options);
  }

  delete<T = any>(path: string, options?: RequestOptions): Promise<Answer<T>> {
    return this.request<T>('DELETE', path, options);
  }

  /** Registers (if needed) and logs in; answers the `sid=…` cookie pair and the CSRF token. */
  async login(username: string, password: string, remember = false): Promise<{ cookie: string; csrf: string; sid: string; body: any }> {
    const answer = await this.post('/auth/login', { body: { username, password, remember } });
    if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${answer.text}`);
    const sid = cookieValue(answer.setCookies, 'sid');
    if (!sid) throw new Error('login set no sid cookie');
    return { cookie: `sid=${sid}`, csrf: answer.body.csrfToken, sid, body: answer.body };
  }

  async register(username: string, password = 'a-Strong-password-1', email?: string): Promise<any> {
    const answer = await this.post('/auth/register', { body: email ? { username, password, email } : { username, password } });
    if (answer.status !== 201) throw new Error(`register ${username}: ${answer.status} ${answer.text}`);
    return answer.body.user;
  }
}

/** The value of a cookie in a list of Set-Cookie headers. */
export function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const header of setCookies) {
    const [pair] = header.split(';');
    const [key, ...rest] = pair.split('=');
    if (key.trim() === name) return rest.join('=');
  }
  return undefined;
}

/** The attributes of a cookie's Set-Cookie header, lower-cased names. */
export function cookieAttributes(setCookies: string[], name: string): Record<string, string | true> | undefined {
  const header = setCookies.find((h) => h.startsWith(`${name}=`));
  if (!header) return undefined;
  const attributes: Record<string, string | true> = {};
  for (const part of header.split(';').slice(1)) {
    const [key, ...rest] = part.trim().split('=');
    attributes[key.toLowerCase()] = rest.length ? rest.join('=') : true;
  }
  return attributes;
}
