/**
 * A readable device for a session's User-Agent: the browser and the operating system ("Firefox", "Windows"), or the
 * program's first product token for anything else ("curl"). Deliberately small: the order of the checks is the
 * whole rule (Edge and Opera say "Chrome", Chrome says "Safari", iOS says "Mac OS X").
 */
export interface Device {
  browser?: string;
  os?: string;
  /** A client that is no known browser, by its first product token. */
  program?: string;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChromium\//, 'Chromium'],
  [/\bChrome\/|\bCriOS\/|\bHeadlessChrome\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

export function deviceOf(userAgent: string | null | undefined): Device {
  const ua = userAgent?.trim() ?? '';
  if (!ua) return {};
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser || os) return { ...(browser && { browser }), ...(os && { os }) };
  const program = /^([A-Za-z][\w.+-]*)/.exec(ua)?.[1];
  return program ? { program } : {};
}
