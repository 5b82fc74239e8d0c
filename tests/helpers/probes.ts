// A raw request sent to both mock hosts, and what a host answered in the form the tests compare: the status, every
// header both hosts can mean the same by (not the transport's: date, connection, keep-alive, content-length,
// transfer-encoding), and the body (JSON parsed, the random payment id made constant).
export type Probe = { name: string; method?: string; path: string; headers?: Record<string, string>; body?: string };
export type HostAnswer = { status: number; headers: Record<string, string>; body: unknown };

const TRANSPORT = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);

export function comparableAnswer(status: number, headers: Headers, text: string): HostAnswer {
  const kept = [...headers].filter(([name]) => !TRANSPORT.has(name.toLowerCase()));
  const normal = text.replace(/pi_mock_[0-9a-f]{24}/g, "pi_mock_<random>");
  let body: unknown = normal === "" ? null : normal;
  try {
    body = JSON.parse(normal);
  } catch {
    // Words, kept as they are.
  }
  return { status, headers: Object.fromEntries(kept.map(([name, value]) => [name.toLowerCase(), value])), body };
}
