/**
 * A browser without a browser, for end-to-end flows across redirects: one cookie jar (names only,
 * the paths are not kept apart), redirects followed by hand, and the meta-refresh pages followed too.
 * It stops at the first URL outside the gateway (a client's redirect URI) or at a page it cannot pass.
 */
export interface AgentStop {
  /** The URL that left the gateway (a client's callback), or the gateway URL of the page it stopped at. */
  url: string;
  status: number;
  html: string;
}

const META_REFRESH = /<meta http-equiv="refresh" content="0;url=([^"]+)">/;

export class BrowserAgent {
  private readonly jar = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** The cookie header this agent sends. */
  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  async request(method: string, url: string, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    let body: string | undefined;
    if (form) {
      body = new URLSearchParams(form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = new URL(this.baseUrl).origin;
    }
    const response = await fetch(new URL(url, this.baseUrl), { method, headers, body, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  /** Follows redirects and meta refreshes from `url` (a GET, or a form post) until it leaves the gateway or a page stops it. */
  async navigate(url: string, form?: Record<string, string>): Promise<AgentStop> {
    let next = new URL(url, this.baseUrl).href;
    let response = await this.request(form ? 'POST' : 'GET', next, form);
    for (let hop = 0; hop < 20; hop++) {
      const location = response.headers.get('location');
      const html = location ? '' : await response.text();
      const refresh = META_REFRESH.exec(html)?.[1];
      const target = location ?? (refresh ? refresh.replace(/&amp;/g, '&') : undefined);
      if (!target) return { url: next, status: response.status, html };
      next = new URL(target, next).href;
      if (!next.startsWith(this.baseUrl)) return { url: next, status: response.status, html };
      response = await this.request('GET', next);
    }
    throw new Error(`more than 20 hops from ${url}`);
  }

  private store(header: string): void {
    const [pair, ...attributes] = header.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key, val] = attribute.trim().split('=');
      if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
      return false;
    });
    if (expired || value === '') this.jar.delete(name);
    else this.jar.set(name, value);
  }
}

/** The value of a hidden field in a page. */
export function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}
