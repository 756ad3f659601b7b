/** Whether a string starts with a URL scheme (`https:`, `mailto:`…). */
export const hasScheme = (s: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(s);

/**
 * The rule for a web address, wherever one is read (a typed or imported URL, a LinkedIn
 * profile): the string parsed as a URL, `https://` assumed when it has no scheme, and kept only
 * when its scheme is http or https.
 */
export function webUrl(s: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(hasScheme(s) ? s : `https://${s}`);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}
