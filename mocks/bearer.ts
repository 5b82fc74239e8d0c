// The API key of a request as both mock hosts read it: Prism's own test of a bearer token (prism-http's security
// handler, case and all), and the key the model keys its teams by.

/** What Prism takes for a bearer token: `Bearer` (capital B), white space, then at least one character. */
export const BEARER = /^Bearer\s.+$/;

/** The key of an Authorization header (`Bearer team-a` → `team-a`); the whole header when it is no bearer token. */
export function apiKeyOf(authorization: string | null | undefined): string {
  return (authorization ?? "").replace(/^Bearer\s+/i, "");
}
