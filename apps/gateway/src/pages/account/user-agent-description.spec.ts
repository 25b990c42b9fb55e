import { describeUserAgent } from './user-agent-description';

describe('describeUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36',
      { browser: 'Chrome 131', os: 'Windows 10' },
    ],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', { browser: 'Firefox 128', os: 'Ubuntu' }],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      { browser: 'Mobile Safari 17', os: 'iOS 17.5' },
    ],
  ])('names the browser and system of %s', (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toEqual(expected);
  });

  it('says "unknown" for an empty or unrecognisable string rather than echoing it', () => {
    expect(describeUserAgent('')).toEqual({ browser: 'Unknown browser', os: 'Unknown system' });
    expect(describeUserAgent('curl/8.5.0 <script>')).toEqual({ browser: 'Unknown browser', os: 'Unknown system' });
  });
});
