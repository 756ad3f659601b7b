/**
 * Whether a URL (an Origin or Referer) names the host a request was sent to (default ports compare
 * equal; an unparsable one is foreign). The host is
 * Fastify's `req.host`: the Host header, or X-Forwarded-Host when a trusted proxy (`trustProxy`,
 * `TEND_TRUST_PROXY`) forwarded the request, so a proxy that rewrites Host does not make every
 * write from the app's own pages look cross-site.
 */
export function sameHost(url: string, host: string): boolean {
  try {
    const u = new URL(url);
    return u.host === new URL(`${u.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
