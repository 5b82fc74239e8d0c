// How long upstream is left alone: what upstream asks (Retry-After), never past the route's cap, and for each team on
// its own, even when the team's stored answer has left the LRU. Upstream is a real local server; time is the test's.
import type { Handler } from "../helpers/fault-server";
import { json } from "../helpers/fault-server";
import { createBillingHandler, type RouteRequest } from "../../src/server";
import { bench, example, view } from "./helpers";

const asTeam = (team: string) => view("/api/billing", { headers: { "x-team": team } });
const keyOf = (request: RouteRequest) => `sk_team_key_${request.headers.get("x-team") ?? "none"}`;
/** Upstream: team "a" is refused with `refusal`; every other team reads its balance. */
const teamAFails =
  (refusal: Handler): Handler =>
  (req, res, index, seen) =>
    (req.headers.authorization === "Bearer sk_team_key_a" ? refusal : json(200, example))(req, res, index, seen);

describe("the cap on a cooldown", () => {
  test("Retry-After: 86400 leaves upstream alone for the cap (300 s by default), and no viewer is told to wait longer", async () => {
    const { handle, upstream, clock } = await bench({}, json(429, { error: "rate_limit_exceeded" }, { "retry-after": "86400" }), json(200, example));
    const first = await handle(view());
    expect(first.status).toBe(429);
    expect(Number(first.headers.get("retry-after"))).toBe(300);
    expect(await first.json()).toMatchObject({ retryAfterSeconds: 300 });
    for (const at of [1_000, 60_000, 299_000]) {
      clock.at(at);
      const answer = await handle(view());
      expect(Number(answer.headers.get("retry-after"))).toBeLessThanOrEqual(300);
      expect(Number(answer.headers.get("retry-after"))).toBe(300 - at / 1000);
    }
    expect(upstream.requests).toHaveLength(1);
    clock.at(300_000);
    expect((await handle(view())).status).toBe(200);
    expect(upstream.requests).toHaveLength(2);
  });

  test("maxCooldownSeconds sets the cap, the spread included: a 503's Retry-After: 3600 is 60 s, never 61", async () => {
    const { handle, upstream, clock } = await bench({ maxCooldownSeconds: 60, random: () => 0.99 }, json(503, { error: "maintenance" }, { "retry-after": "3600" }), json(200, example));
    const first = await handle(view());
    expect([first.status, first.headers.get("retry-after")]).toEqual([502, "60"]);
    clock.at(59_999);
    expect((await handle(view())).headers.get("retry-after")).toBe("1");
    expect(upstream.requests).toHaveLength(1);
    clock.at(60_000);
    expect((await handle(view())).status).toBe(200);
  });

  test("a Retry-After under the cap is obeyed, with its spread of up to 10 % (at least a second) on top", async () => {
    const { handle, clock, upstream } = await bench({ random: () => 0.5 }, json(429, {}, { "retry-after": "100" }), json(200, example));
    expect((await handle(view())).headers.get("retry-after")).toBe("105");
    clock.at(104_999);
    expect((await handle(view())).status).toBe(429);
    clock.at(105_000);
    expect((await handle(view())).status).toBe(200);
    expect(upstream.requests).toHaveLength(2);
  });

  test("the backoff after faults doubles from 10 s, spread included, and stops at the cap", async () => {
    const { handle, clock, upstream } = await bench({ maxRetries: 0, maxCooldownSeconds: 50, random: () => 0.5 }, json(500, { error: "boom" }));
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await handle(view());
      const wait = Number(answer.headers.get("retry-after"));
      waits.push(wait);
      clock.advance(wait * 1000);
    }
    // 10 s + 0.5 s, 20 + 1, 40 + 2, then the cap.
    expect(waits).toEqual([11, 21, 42, 50, 50]);
    expect(upstream.requests).toHaveLength(5);
  });

  test("a negative or non-number cap is refused at start-up", async () => {
    expect(() => createBillingHandler({ apiKey: "k", maxCooldownSeconds: -1 })).toThrow(/maxCooldownSeconds must be a number from 0/);
  });
});

describe("cooldowns per team, kept apart from the stored answers", () => {
  const countFor = (requests: { headers: { authorization?: string } }[], team: string) => requests.filter((r) => r.headers.authorization === `Bearer sk_team_key_${team}`).length;

  test("a team's 429 cooldown holds while 10x maxTeams other teams read (its answer long gone from the LRU)", async () => {
    const { handle, upstream, clock } = await bench({ apiKey: keyOf, maxTeams: 2 }, teamAFails(json(429, { error: "rate_limit_exceeded" }, { "retry-after": "30" })));
    expect((await handle(asTeam("a"))).status).toBe(429);
    for (let i = 0; i < 20; i++) {
      expect((await handle(asTeam(`other${i}`))).status).toBe(200);
      clock.advance(1_000);
    }
    const again = await handle(asTeam("a"));
    expect([again.status, again.headers.get("retry-after")]).toEqual([429, "10"]);
    expect(countFor(upstream.requests, "a")).toBe(1);
    expect(upstream.requests).toHaveLength(21);
    clock.advance(10_000);
    await handle(asTeam("a"));
    expect(countFor(upstream.requests, "a")).toBe(2);
  });

  test("a team's backoff after faults survives eviction too, and keeps doubling", async () => {
    const { handle, upstream, clock } = await bench({ apiKey: keyOf, maxTeams: 2, maxRetries: 0 }, teamAFails(json(500, { error: "boom" })));
    expect((await handle(asTeam("a"))).headers.get("retry-after")).toBe("10");
    for (let i = 0; i < 20; i++) await handle(asTeam(`other${i}`));
    clock.advance(5_000);
    expect((await handle(asTeam("a"))).headers.get("retry-after")).toBe("5");
    expect(countFor(upstream.requests, "a")).toBe(1);
    clock.advance(5_000);
    for (let i = 0; i < 20; i++) await handle(asTeam(`more${i}`));
    expect((await handle(asTeam("a"))).headers.get("retry-after")).toBe("20");
    expect(countFor(upstream.requests, "a")).toBe(2);
  });

  test("a team that reads again after its cooldown is forgotten by it: the next fault starts the backoff anew", async () => {
    let failing = true;
    const { handle, clock } = await bench({ apiKey: keyOf, maxTeams: 2, maxRetries: 0 }, (req, res, index, seen) => (failing ? json(500, {}) : json(200, example))(req, res, index, seen));
    expect((await handle(asTeam("a"))).headers.get("retry-after")).toBe("10");
    clock.advance(10_000);
    failing = false;
    expect((await handle(asTeam("a"))).status).toBe(200);
    for (let i = 0; i < 5; i++) await handle(asTeam(`other${i}`));
    failing = true;
    clock.advance(60_000);
    expect((await handle(asTeam("a"))).headers.get("retry-after")).toBe("10");
  });
});
