// Freshness as a viewer lives it: what a lone viewer or a crowd is shown, and how long a browser may keep it, against an
// upstream that answers after a delay with its own Age and Date. The route's view of an answer's age is RFC 9111
// §4.2.3 applied to the upstream exchange (./browser-cache's currentAge, fed what upstream sent and when); a browser's
// is the same formula applied to the route's answer. Time is the test's clock; upstream answers a refresh held or at
// once, never "in time" by the wall clock.
import { currentAge, freshnessLeft, freshnessLifetime, isFresh, type Received } from "./browser-cache";
import { aged, bench, example, held, httpDate, received, testClock, view, type TestClock } from "./helpers";
import { json, type Handler } from "../helpers/fault-server";
import { stretched } from "../../core/patience";

type Leg = Received & { index: number };

/** Upstream answering request `index` with credits = index, after `delayMs` (test clock) with `Age: ageSeconds`; each exchange noted as the route saw it. */
function notedUpstream(clock: TestClock, options: { ageSeconds: number; delayMs: number }) {
  const legs: Leg[] = [];
  const answer = aged(clock, { ...options, body: (index: number) => ({ ...example, credits: index }) });
  const handler: Handler = (req, res, index, seen) => {
    const requestTime = clock.now();
    answer(req, res, index, seen);
    legs.push({ index, requestTime, responseTime: clock.now(), headers: new Headers({ age: String(options.ageSeconds), date: httpDate(clock.now()) }) });
  };
  return { legs, handler };
}

const creditsOf = async (answer: { response: Response }) => ((await answer.response.clone().json()) as { credits: number }).credits;
const maxAgeOf = (answer: Received) => freshnessLifetime(answer.headers)!;
const ageOf = (answer: Received) => Number(answer.headers.get("age"));

describe("a lone viewer, polling every 0.37 s for a minute, upstream answering in 0.3 s with Age: 2", () => {
  // maxAge 10 less 3.7 % (random 0.37): a lifetime of 9 whole seconds, counted from when upstream's cache had it.
  const LIFETIME = 9;

  test("is shown a fresh answer every time, Age rounded up from the route's own reckoning, and no browser holds one fresh past the route's copy", async () => {
    const clock = testClock();
    const upstream = notedUpstream(clock, { ageSeconds: 2, delayMs: 300 });
    // refreshWaitMs: the refresh is always awaited (upstream is healthy; how fast the machine is does not matter).
    const { handle } = await bench({ clock, maxAgeSeconds: 10, random: () => 0.37, refreshWaitMs: 600_000 }, upstream.handler);
    let previous: { index: number; leg: Leg } | undefined;
    // Every poll is checked; what is wrong is collected and shown at once (one expect per check would cost more than the route).
    const wrong: string[] = [];
    const check = (holds: boolean, what: string) => void (holds || wrong.push(what));
    for (let poll = 0; clock.now() - clock.start < 60_000; poll++) {
      const answer = await received(handle, clock);
      const index = await creditsOf(answer);
      const leg = upstream.legs[index]!;
      // The route's age of this answer at any instant: the RFC's estimate from the upstream exchange.
      const routeAge = (at: number) => currentAge(leg, at);
      const at = `poll ${poll} (${(answer.requestTime - clock.start) / 1000} s)`;
      check(maxAgeOf(answer) === LIFETIME, `${at}: max-age ${maxAgeOf(answer)}`);
      // Age is the route's reckoning at the moment it answered, rounded up (the clock does not move after that).
      check(ageOf(answer) === Math.ceil(routeAge(answer.responseTime) - 1e-9), `${at}: Age ${ageOf(answer)} for ${routeAge(answer.responseTime)} s`);
      // A lone viewer with a healthy upstream is never given a stale answer: no Age past max-age.
      check(ageOf(answer) <= LIFETIME, `${at}: a stale answer, Age ${ageOf(answer)}`);
      // Upstream was asked again only when the answer the route held had gone stale.
      if (previous && previous.index !== index) check(currentAge(previous.leg, answer.requestTime) > LIFETIME, `${at}: read again while fresh`);
      if (previous && previous.index === index) check(routeAge(answer.requestTime) <= LIFETIME, `${at}: served stale`);
      // As a browser's cache reads it, from now until it is long stale: fresh only while the route's copy is, and
      // fresh for no less than the route's remaining time minus a second (rounding) and the exchange's own time.
      for (let later = answer.responseTime; later < answer.responseTime + 12_000; later += 100) {
        if (isFresh(answer, later)) check(routeAge(later) <= LIFETIME, `${at}: a browser holds it fresh ${(later - answer.responseTime) / 1000} s on, past the route`);
      }
      const exchange = (answer.responseTime - answer.requestTime) / 1000;
      check(freshnessLeft(answer, answer.responseTime) >= LIFETIME - routeAge(answer.responseTime) - 1 - exchange, `${at}: a browser lets it go too soon`);
      previous = { index, leg };
      clock.advance(370);
    }
    expect(wrong).toEqual([]);
    // Nine seconds of freshness, less the 2.3 s the answer was already old: a read every 6 to 7 s of the minute.
    expect(upstream.legs.length).toBeGreaterThanOrEqual(8);
    expect(upstream.legs.length).toBeLessThanOrEqual(10);
  }, stretched(120_000));

  test("the issue's case: received 4.99 s into a 9.63 s lifetime, the answer says max-age=9 and Age=5, so a browser lets it go before the route does", async () => {
    const { handle, clock } = await bench({ maxAgeSeconds: 10, random: () => 0.37 });
    await handle(view());
    clock.at(4_990);
    const answer = await received(handle, clock);
    expect([maxAgeOf(answer), ageOf(answer)]).toEqual([9, 5]);
    // The browser's copy is stale by 8.99 s; the route's (a whole-second lifetime of 9) at 9 s.
    expect(isFresh(answer, clock.start + 8_990)).toBe(false);
    clock.at(8_999);
    expect(ageOf(await received(handle, clock))).toBe(9);
  });
});

describe("a stale answer and its one refresh", () => {
  test("a crowd arriving as the answer goes stale costs one upstream read, and every viewer is given the new answer", async () => {
    const clock = testClock();
    const upstream = notedUpstream(clock, { ageSeconds: 0, delayMs: 50 });
    const { handle } = await bench({ clock, refreshWaitMs: 600_000 }, upstream.handler);
    await handle(view());
    clock.at(6_000);
    const answers = await Promise.all(Array.from({ length: 200 }, () => received(handle, clock)));
    expect(new Set(await Promise.all(answers.map(creditsOf)))).toEqual(new Set([1]));
    expect(answers.every((answer) => ageOf(answer) <= maxAgeOf(answer) && isFresh(answer, answer.responseTime))).toBe(true);
    expect(upstream.legs).toHaveLength(2);
  });

  test("a refresh slower than refreshWaitMs: viewers are given the stale answer, its Age past its max-age; once it lands, the next viewer gets it", async () => {
    const clock = testClock();
    const slow = held(aged(clock, { body: { ...example, credits: 99 } }));
    const { handle, reached, settled, upstream } = await bench({ clock, refreshWaitMs: 20 }, aged(clock), slow.handler);
    await handle(view());
    clock.at(6_000);
    const stale = await Promise.all(Array.from({ length: 50 }, () => received(handle, clock)));
    for (const answer of stale) {
      expect([await creditsOf(answer), ageOf(answer)]).toEqual([example.credits, 6]);
      expect(ageOf(answer)).toBeGreaterThan(maxAgeOf(answer));
      expect(isFresh(answer, clock.now())).toBe(false);
    }
    // One refresh for all of them, still held upstream while they were answered.
    await reached(2);
    expect(upstream.requests).toHaveLength(2);
    slow.release();
    await settled();
    const fresh = await received(handle, clock);
    expect([await creditsOf(fresh), ageOf(fresh) <= maxAgeOf(fresh)]).toEqual([99, true]);
    expect(upstream.requests).toHaveLength(2);
  });

  test("a refresh that fails within the wait: the stale answer stands in (stale-if-error), saying it is stale; without stale-if-error, the error", async () => {
    const failing = json(500, { error: "boom" });
    const standing = await bench({ refreshWaitMs: 600_000, maxRetries: 0 }, json(200, example), failing);
    await standing.handle(view());
    standing.clock.at(6_000);
    const answer = await received(standing.handle, standing.clock);
    expect([answer.response.status, ageOf(answer) > maxAgeOf(answer)]).toEqual([200, true]);
    const bare = await bench({ refreshWaitMs: 600_000, maxRetries: 0, staleIfErrorSeconds: 0 }, json(200, example), failing);
    await bare.handle(view());
    bare.clock.at(6_000);
    expect((await bare.handle(view())).status).toBe(502);
  });

  test("refreshWaitMs 0 gives the stale answer at once, as before, while the one refresh runs", async () => {
    const clock = testClock();
    const slow = held(aged(clock, { body: { ...example, credits: 7 } }));
    const { handle, reached, settled } = await bench({ clock, refreshWaitMs: 0 }, aged(clock), slow.handler);
    await handle(view());
    clock.at(6_000);
    expect(await creditsOf(await received(handle, clock))).toBe(example.credits);
    await reached(2);
    slow.release();
    await settled();
    expect(await creditsOf(await received(handle, clock))).toBe(7);
  });
});

describe("an upstream answer that is old already", () => {
  test("its Age counts from when upstream's cache had it: Age: 30 on arrival is served as Age 30, past max-age; upstream is asked again only after a second", async () => {
    const clock = testClock();
    const upstream = notedUpstream(clock, { ageSeconds: 30, delayMs: 0 });
    const { handle, settled } = await bench({ clock, refreshWaitMs: 600_000 }, upstream.handler);
    const first = await received(handle, clock);
    expect(ageOf(first)).toBe(30);
    expect(isFresh(first, clock.now())).toBe(false);
    for (let i = 0; i < 10; i++) {
      clock.advance(99);
      expect(ageOf(await received(handle, clock))).toBe(31);
    }
    expect(upstream.legs).toHaveLength(1);
    clock.advance(10);
    await received(handle, clock);
    await settled();
    expect(upstream.legs).toHaveLength(2);
  });

  test("its Date counts when it is older than its Age and the exchange: a Date 3 s back is an Age of 3", async () => {
    const clock = testClock();
    const behind: Handler = (req, res, index, seen) => json(200, example, { date: httpDate(clock.now() - 3_000) })(req, res, index, seen);
    const { handle } = await bench({ clock }, behind);
    expect(ageOf(await received(handle, clock))).toBe(3);
  });

  test("an Age or a Date that cannot be read counts for nothing", async () => {
    const clock = testClock();
    const { handle } = await bench({ clock }, json(200, example, { age: "soon", date: "yesterday" }));
    expect(ageOf(await received(handle, clock))).toBe(0);
  });
});
