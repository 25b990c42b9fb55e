// The test suite's HTTP client (test/support/http.ts), with the two calls the benchmark's set-up adds.
import { Answer, Http, RequestOptions } from '../../test/support/http';

export class BenchClient extends Http {
  /** A request that must answer `status`; throws with the answer otherwise. */
  async expect(status: number, method: string, path: string, options?: RequestOptions): Promise<Answer> {
    const answer = await this.request(method, path, options);
    if (answer.status !== status)
      throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer;
  }

  /** The password grant: answers the access token. */
  async bearer(username: string, password: string): Promise<string> {
    const answer = await this.expect(200, 'POST', '/auth/token', { body: { grant_type: 'password', username, password } });
    return answer.body.access_token;
  }
}
