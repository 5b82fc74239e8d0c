// The upstream the consumers talk to, a real local server: the first path segment (client checks) or the key's name
// (the route, one key per team) picks what it does.
import { startFaultServer, type FaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

export const EXAMPLE = exampleOf(loadSpec(), "/user/credits/info", "get", "200") as { credits: number };

export async function startStub(): Promise<FaultServer> {
  const tries = new Map<string, number>();
  const count = (name: string) => {
    const seen = (tries.get(name) ?? 0) + 1;
    tries.set(name, seen);
    return seen;
  };
  return startFaultServer((req, res, _index, seen) => {
    const key = String(req.headers.authorization ?? "");
    const scenario = req.url!.split("/")[1]!;
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (scenario === "stall" || key.includes("stall")) return;
    // A sequence: the first request is answered, every later one stalls (a timer armed by a success must not be lost).
    if ((scenario.startsWith("sequence") || key.includes("sequence")) && count(`${scenario} ${key}`) > 1) return;
    if (key.includes("echo")) return send(500, { error: key, detail: `the key was ${key}` }, { "x-request-id": key });
    if (scenario === "invalid-key") return send(402);
    if (scenario === "exhausted") return send(402, { object: "error", code: "credits_exhausted", status: 402 });
    if (scenario.startsWith("flaky") && count(scenario) === 1) return send(503, { error: "try_again" });
    if (req.url!.endsWith("/user/purchase-topup")) {
      return send(200, { success: true, payment_intent_id: `pi_for_${req.headers["idempotency-key"]}`, credits: JSON.parse(seen.body).credits });
    }
    send(200, EXAMPLE);
  });
}
