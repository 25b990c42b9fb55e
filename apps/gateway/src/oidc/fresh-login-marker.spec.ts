import { freshLoginMarker, freshLoginMoment } from './fresh-login-marker';

const SECRET = 'a-cookie-secret-of-at-least-32-characters';

describe('the fresh-login marker of an interaction', () => {
  it('names the moment it was made, for the interaction it was made for', () => {
    const marker = freshLoginMarker(SECRET, 'uid-1', 1_767_000_000_123);
    expect(freshLoginMoment(SECRET, 'uid-1', marker)).toBe(1_767_000_000_123);
  });

  it('is refused when moved back in time, made for another interaction or with another secret, or malformed', () => {
    const marker = freshLoginMarker(SECRET, 'uid-1', 1_767_000_000_123);
    expect(freshLoginMoment(SECRET, 'uid-1', marker.replace('1767000000123', '1000000000000'))).toBeUndefined();
    expect(freshLoginMoment(SECRET, 'uid-2', marker)).toBeUndefined();
    expect(freshLoginMoment(`${SECRET}!`, 'uid-1', marker)).toBeUndefined();
    expect(freshLoginMoment(SECRET, 'uid-1', 'x')).toBeUndefined();
    expect(freshLoginMoment(SECRET, 'uid-1', ['a'])).toBeUndefined();
  });
});
