import { UAParser } from 'ua-parser-js';

/** What the account page says about the device of a session, instead of the raw User-Agent string. */
export interface DeviceDescription {
  /** "Firefox 128", "Chrome 131", or "Unknown browser". */
  browser: string;
  /** "Windows 10", "iOS 17.5", "Ubuntu", or "Unknown system". */
  os: string;
}

/** Only the major version: "Chrome 131.0.6778.85" says nothing more to a person than "Chrome 131". */
function named(name: string | undefined, version: string | undefined, unknown: string, major = false): string {
  if (!name) return unknown;
  const shown = major ? version?.split('.')[0] : version;
  return shown ? `${name} ${shown}` : name;
}

/** Browser and operating system parsed by ua-parser-js (its rules are maintained; a regex here would rot). */
export function describeUserAgent(userAgent: string): DeviceDescription {
  if (!userAgent) return { browser: 'Unknown browser', os: 'Unknown system' };
  const { browser, os } = new UAParser(userAgent).getResult();
  return { browser: named(browser.name, browser.version, 'Unknown browser', true), os: named(os.name, os.version, 'Unknown system') };
}
