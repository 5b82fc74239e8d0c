// The store on its own, against a clock the test moves and upstream reads the test answers by hand: the boundaries
// of each window to the millisecond, the backoff's and the spread's arithmetic, the shared read's lifetime (who holds
// it, who clears it, what an abandoned or superseded read may still do), and what is logged. The route's tests drive
// the same store through real HTTP; these pin what those cannot reach exactly.
import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { RateLimitError, ServerError, TimeoutError } from "../../src";
import { createBalanceStore, FAILURE_BACKOFF, type Team, type Upstream } from "../../src/server/balance-store";

const SECRET = "sk_live_STORESECRET_0123456789";

/** Upstream reads the test settles by hand, in order, with the signal each was given. */
function upstream() {
  const reads: { signal: AbortSignal; answer(data: unknown): void; fail(error: unknown): void }[] = [];
  const read = (signal: AbortSignal) => new Promise<Upstream>((resolve, fail) => void reads.push({ signal, answer: (data) => resolve({ data }), fail }));
  return { reads, read };
}

/** refreshWaitMs 0 unless given: a stale viewer is given the stored answer at once (the wait has tests of its own). */
function setup(options: { random?: number; maxAgeMs?: number; staleWhileRevalidateMs?: number; refreshWaitMs?: number; staleIfErrorMs?: number; maxCooldownMs?: number; secret?: string; noCooldowns?: boolean; log?: () => void } = {}) {
  let now = 1_000_000;
  const logged: { line: string; error: unknown }[] = [];
  const kept: string[] = [];
  const { reads, read } = upstream();
  const store = createBalanceStore({
    maxAgeMs: options.maxAgeMs ?? 10_000,
    staleWhileRevalidateMs: options.staleWhileRevalidateMs ?? 20_000,
    refreshWaitMs: options.refreshWaitMs ?? 0,
    staleIfErrorMs: options.staleIfErrorMs ?? 60_000,
    maxCooldownMs: options.maxCooldownMs ?? 300_000,
    now: () => now,
    random: () => options.random ?? 0,
    log: options.log ?? ((line, error) => void logged.push({ line, error })),
    cooldowns: options.noCooldowns ? undefined : { keep: () => void kept.push("keep"), drop: () => void kept.push("drop") },
  });
  const team: Team = { read, secret: options.secret ?? SECRET, cooldown: { failures: 0 }, generation: 0 };
  const start = now;
  return { store, team, reads, logged, kept, at: (ms: number) => void (now = start + ms), now: () => now, viewer: {} as { signal?: AbortSignal } };
}

/** Lets the store's promise chains settle. */
const settle = () => new Promise((done) => setImmediate(done));

/** A read whose answer arrives: `data` from upstream read number `index`. */
async function answered<T>(pending: Promise<T>, reads: ReturnType<typeof upstream>["reads"], index: number, data: unknown): Promise<T> {
  await settle();
  reads[index]!.answer(data);
  return pending;
}

const credits = (outcome: Awaited<ReturnType<ReturnType<typeof createBalanceStore>["read"]>>) => (outcome.kind === "value" ? (JSON.parse(outcome.stored.body) as { credits: number }).credits : outcome.kind);

describe("the windows, to the millisecond", () => {
  test("fresh for maxAge less the jitter (random 0.5: 5 % early) in whole seconds, to the millisecond; then stale, Age past max-age, while one refresh runs", async () => {
    const { store, team, reads, at, viewer } = setup({ random: 0.5 });
    const first = await answered(store.read(team, viewer), reads, 0, { credits: 1 });
    expect(first).toMatchObject({ kind: "value", freshness: { lifetimeSeconds: 9, ageSeconds: 0, staleIfErrorSeconds: 60 } });
    at(8_001);
    expect(await store.read(team, viewer)).toMatchObject({ kind: "value", freshness: { lifetimeSeconds: 9, ageSeconds: 9 } });
    at(9_000);
    expect(await store.read(team, viewer)).toMatchObject({ kind: "value", freshness: { lifetimeSeconds: 9, ageSeconds: 9 } });
    expect(reads).toHaveLength(1);
    at(9_001);
    expect(await store.read(team, viewer)).toMatchObject({ kind: "value", freshness: { lifetimeSeconds: 9, ageSeconds: 10 } });
    expect(reads).toHaveLength(2);
  });

  test("a lifetime under a second is none; a maxAge of a second or more keeps at least one", async () => {
    for (const [maxAgeMs, lifetimeSeconds] of [[500, 0], [1_000, 1], [1_999, 1], [2_000, 1], [3_000, 2]] as const) {
      const { store, team, reads, viewer } = setup({ maxAgeMs, random: 0.9 });
      expect(await answered(store.read(team, viewer), reads, 0, { credits: 1 })).toMatchObject({ freshness: { lifetimeSeconds } });
    }
  });

  test("stale-while-revalidate ends at freshUntil + its window: the stored answer at that millisecond, a wait one after", async () => {
    const { store, team, reads, at, viewer } = setup();
    await answered(store.read(team, viewer), reads, 0, { credits: 1 });
    at(30_000);
    expect(credits(await store.read(team, viewer))).toBe(1);
    expect(reads).toHaveLength(2);
    reads[1]!.fail(new TimeoutError("t", { method: "GET", path: "/" }));
    await settle();
    at(60_000 + 10_000 + 10_001);
    const waited = store.read(team, viewer);
    expect(credits(await answered(waited, reads, 2, { credits: 2 }))).toBe(2);
  });

  test("past stale-while-revalidate with no failure, the viewer waits for the read and gets its answer", async () => {
    const { store, team, reads, at, viewer } = setup();
    await answered(store.read(team, viewer), reads, 0, { credits: 1 });
    at(30_001);
    const outcome = await answered(store.read(team, viewer), reads, 1, { credits: 2 });
    expect(outcome).toMatchObject({ kind: "value", freshness: { ageSeconds: 0 } });
    expect(credits(outcome)).toBe(2);
  });

  test("stale-if-error ends at freshUntil + its window, counted from staleness: served at that millisecond, the error one after", async () => {
    const { store, team, reads, at, viewer } = setup({ staleWhileRevalidateMs: 0, maxCooldownMs: 0 });
    await answered(store.read(team, viewer), reads, 0, { credits: 1 });
    const boom = () => new ServerError("boom", { method: "GET", path: "/", status: 500 });
    at(70_000);
    const edge = store.read(team, viewer);
    await settle();
    reads[1]!.fail(boom());
    expect(await edge).toMatchObject({ kind: "value", freshness: { ageSeconds: 70 } });
    at(70_001);
    const past = store.read(team, viewer);
    await settle();
    reads[2]!.fail(boom());
    // The cap of 0 leaves upstream alone for no time at all: no Retry-After to tell.
    expect(await past).toEqual({ kind: "error", error: { error: "upstream_unavailable", status: 502 }, retryAfterSeconds: undefined });
  });
});

describe("leaving upstream alone", () => {
  const failWith = async (s: ReturnType<typeof setup>, index: number, error: unknown) => {
    const pending = s.store.read(s.team, s.viewer);
    await settle();
    s.reads[index]!.fail(error);
    return pending;
  };

  test("the backoff doubles from 10 s to its ceiling, each with a spread of random x max(1 s, 10 %)", async () => {
    const s = setup({ random: 0.5, maxCooldownMs: 10_000_000 });
    let clock = 0;
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const outcome = await failWith(s, i, new TimeoutError("t", { method: "GET", path: "/" }));
      const wait = FAILURE_BACKOFF.firstMs * 2 ** i > FAILURE_BACKOFF.maxMs ? FAILURE_BACKOFF.maxMs : FAILURE_BACKOFF.firstMs * 2 ** i;
      const until = wait + Math.floor(0.5 * Math.max(1_000, wait / 10));
      waits.push(until);
      expect(outcome).toMatchObject({ kind: "error", error: { error: "upstream_timeout", status: 504 }, retryAfterSeconds: Math.ceil(until / 1000) });
      // Alone until that very millisecond; upstream is asked at it.
      s.at(clock + until - 1);
      expect(await s.store.read(s.team, s.viewer)).toMatchObject({ kind: "error", retryAfterSeconds: 1 });
      expect(s.reads).toHaveLength(i + 1);
      clock += until;
      s.at(clock);
    }
    expect(waits).toEqual([10_500, 21_000, 42_000, 84_000, 168_000, 315_000, 315_000]);
    expect(s.team.cooldown.failures).toBe(7);
  });

  test("a 429's or a 503's Retry-After is the wait, plus its spread, up to the cap", async () => {
    const s = setup({ random: 0.25, maxCooldownMs: 120_000 });
    const limited = await failWith(s, 0, new RateLimitError("slow down", { method: "GET", path: "/", status: 429, retryAfterSeconds: 40 }));
    expect(limited).toEqual({ kind: "error", error: { error: "rate_limited", status: 429 }, retryAfterSeconds: 41 });
    s.at(41_000);
    const down = await failWith(s, 1, new ServerError("maintenance", { method: "GET", path: "/", status: 503, retryAfterSeconds: 3_600 }));
    expect(down).toEqual({ kind: "error", error: { error: "upstream_unavailable", status: 502 }, retryAfterSeconds: 120 });
    expect(s.team.cooldown.failures).toBe(2);
    s.at(41_000 + 119_999);
    expect(await s.store.read(s.team, s.viewer)).toMatchObject({ retryAfterSeconds: 1 });
    s.at(41_000 + 120_000);
    const asked = s.store.read(s.team, s.viewer);
    await settle();
    expect(s.reads).toHaveLength(3);
    s.reads[2]!.answer({ credits: 5 });
    expect(credits(await asked)).toBe(5);
    expect(s.team.cooldown).toEqual({ failure: undefined, failures: 0 });
    expect(s.kept).toEqual(["keep", "keep", "drop"]);
  });

  test("each failure is logged once, with the error; a key in it is cut out, the original left alone", async () => {
    const s = setup();
    const error = new ServerError(`upstream echoed ${SECRET}`, { method: "GET", path: "/", status: 500 });
    await failWith(s, 0, error);
    await s.store.read(s.team, s.viewer);
    expect(s.logged).toHaveLength(1);
    expect(s.logged[0]!.line).toBe("olostep-billing route: upstream read failed (upstream_unavailable, answered 502); next upstream read in 10 s at the earliest");
    expect(inspect(s.logged[0]!.error)).not.toContain(SECRET);
    expect(s.logged[0]!.error).toBeInstanceOf(ServerError);
    expect(error.message).toContain(SECRET);
  });
});

describe("the shared read", () => {
  test("viewers share one read; one leaving lets go of it, the last one leaving cancels it, and nobody is left alone for that", async () => {
    const s = setup();
    const a = new AbortController();
    const b = new AbortController();
    const first = s.store.read(s.team, { signal: a.signal });
    const second = s.store.read(s.team, { signal: b.signal });
    await settle();
    expect(s.reads).toHaveLength(1);
    a.abort();
    expect(await first).toEqual({ kind: "left" });
    expect(s.reads[0]!.signal.aborted).toBe(false);
    b.abort();
    expect(await second).toEqual({ kind: "left" });
    expect(s.reads[0]!.signal.aborted).toBe(true);
    s.reads[0]!.fail(new DOMException("aborted", "AbortError"));
    await settle();
    expect(s.team.cooldown).toEqual({ failures: 0 });
    expect(s.logged).toHaveLength(0);
    // The next viewer starts a read of its own at once.
    const third = s.store.read(s.team, s.viewer);
    expect(credits(await answered(third, s.reads, 1, { credits: 3 }))).toBe(3);
  });

  test("a viewer whose signal is already aborted leaves without holding the read", async () => {
    const s = setup();
    const gone = new AbortController();
    gone.abort();
    const staying = s.store.read(s.team, s.viewer);
    expect(await s.store.read(s.team, { signal: gone.signal })).toEqual({ kind: "left" });
    await settle();
    expect(s.reads[0]!.signal.aborted).toBe(false);
    expect(credits(await answered(staying, s.reads, 0, { credits: 4 }))).toBe(4);
  });

  test("a read's failure that nobody caused by leaving still reaches its waiting viewers", async () => {
    const s = setup();
    const waiting = s.store.read(s.team, { signal: new AbortController().signal });
    await settle();
    s.reads[0]!.fail(new TimeoutError("t", { method: "GET", path: "/" }));
    expect(await waiting).toMatchObject({ kind: "error", error: { error: "upstream_timeout" } });
  });

  test("a background refresh is handed to keepAlive and holds itself: no viewer leaving cancels it", async () => {
    const s = setup();
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.at(10_001);
    const kept: Promise<unknown>[] = [];
    expect(credits(await s.store.read(s.team, s.viewer, (work) => void kept.push(work)))).toBe(1);
    expect(kept).toHaveLength(1);
    // Another stale viewer neither starts a second refresh nor is handed one.
    expect(credits(await s.store.read(s.team, s.viewer, (work) => void kept.push(work)))).toBe(1);
    expect(kept).toHaveLength(1);
    expect(s.reads).toHaveLength(2);
    expect(s.reads[1]!.signal.aborted).toBe(false);
    s.reads[1]!.answer({ credits: 2 });
    await kept[0];
    expect(credits(await s.store.read(s.team, s.viewer))).toBe(2);
  });

  test("a viewer who waits hands the shared read to keepAlive too", async () => {
    const s = setup();
    const kept: Promise<unknown>[] = [];
    const pending = s.store.read(s.team, s.viewer, (work) => void kept.push(work));
    expect(kept).toHaveLength(1);
    await answered(pending, s.reads, 0, { credits: 1 });
  });

  test("a finished read is let go: once its answer is stale, the next viewer starts a new one", async () => {
    const s = setup({ staleWhileRevalidateMs: 0 });
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    expect(s.team.flight).toBeUndefined();
    s.at(10_001);
    expect(credits(await answered(s.store.read(s.team, s.viewer), s.reads, 1, { credits: 2 }))).toBe(2);
  });
});

describe("a stale viewer's wait for the refresh", () => {
  test("the refresh's answer when it lands within refreshWaitMs, for every viewer waiting on it", async () => {
    const s = setup({ refreshWaitMs: 600_000 });
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.at(10_001);
    const waiting = [s.store.read(s.team, s.viewer), s.store.read(s.team, s.viewer)];
    await settle();
    expect(s.reads).toHaveLength(2);
    s.reads[1]!.answer({ credits: 2 });
    for (const outcome of await Promise.all(waiting)) expect(outcome).toMatchObject({ kind: "value", freshness: { ageSeconds: 0, lifetimeSeconds: 10 } });
    expect((await Promise.all(waiting)).map(credits)).toEqual([2, 2]);
  });

  test("the stale answer, its Age past its lifetime, once the wait runs out; the refresh goes on and is stored", async () => {
    const s = setup({ refreshWaitMs: 5 });
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.at(12_000);
    expect(await s.store.read(s.team, s.viewer)).toMatchObject({ kind: "value", freshness: { ageSeconds: 12, lifetimeSeconds: 10 } });
    expect(s.reads[1]!.signal.aborted).toBe(false);
    s.reads[1]!.answer({ credits: 2 });
    await settle();
    expect(credits(await s.store.read(s.team, s.viewer))).toBe(2);
  });

  test("the refresh's failure within the wait: the stale answer while stale-if-error allows, else the error", async () => {
    const s = setup({ refreshWaitMs: 600_000, staleIfErrorMs: 5_000 });
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.at(12_000);
    const standing = s.store.read(s.team, s.viewer);
    await settle();
    s.reads[1]!.fail(new TimeoutError("t", { method: "GET", path: "/" }));
    expect(credits(await standing)).toBe(1);
    // Past stale-if-error (and the backoff) the same failure is the answer.
    s.at(40_000);
    const failing = s.store.read(s.team, s.viewer);
    await settle();
    s.reads[2]!.fail(new TimeoutError("t", { method: "GET", path: "/" }));
    expect(await failing).toMatchObject({ kind: "error", error: { error: "upstream_timeout" } });
  });

  test("a viewer leaving during the wait is gone, leaves no listener, and the refresh goes on for the others", async () => {
    const s = setup({ refreshWaitMs: 600_000 });
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.at(10_001);
    const page = new AbortController();
    const leaving = s.store.read(s.team, { signal: page.signal });
    const staying = s.store.read(s.team, s.viewer);
    await settle();
    page.abort();
    expect(await leaving).toEqual({ kind: "left" });
    expect(getEventListeners(page.signal, "abort")).toHaveLength(0);
    expect(s.reads[1]!.signal.aborted).toBe(false);
    s.reads[1]!.answer({ credits: 2 });
    expect(credits(await staying)).toBe(2);
  });

  test("a viewer whose wait ended (answered or run out) leaves no listener on its signal", async () => {
    const s = setup({ refreshWaitMs: 5 });
    const page = new AbortController();
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.at(10_001);
    await s.store.read(s.team, { signal: page.signal });
    expect(getEventListeners(page.signal, "abort")).toHaveLength(0);
  });
});

describe("a top-up's generation", () => {
  test("the read begun before a top-up, let go by its viewer, does not clear the read begun after; its late answer stores nothing", async () => {
    const s = setup();
    const before = new AbortController();
    const old = s.store.read(s.team, { signal: before.signal });
    await settle();
    s.store.invalidate(s.team);
    const fresh = s.store.read(s.team, s.viewer);
    await settle();
    expect(s.reads).toHaveLength(2);
    before.abort();
    expect(await old).toEqual({ kind: "left" });
    // The read begun after the top-up is still the one a newcomer joins.
    const joining = s.store.read(s.team, s.viewer);
    await settle();
    expect(s.reads).toHaveLength(2);
    s.reads[1]!.answer({ credits: 11_000 });
    expect(credits(await fresh)).toBe(11_000);
    expect(credits(await joining)).toBe(11_000);
  });

  test("the read begun before, answering while the newer one is in flight, neither stores its balance nor lets go of the newer read", async () => {
    const s = setup();
    const old = s.store.read(s.team, s.viewer);
    await settle();
    s.store.invalidate(s.team);
    const fresh = s.store.read(s.team, s.viewer);
    await settle();
    s.reads[0]!.answer({ credits: 1_000 });
    expect(credits(await old)).toBe(1_000);
    expect(s.team.stored).toBeUndefined();
    const joining = s.store.read(s.team, s.viewer);
    await settle();
    expect(s.reads).toHaveLength(2);
    s.reads[1]!.answer({ credits: 11_000 });
    expect([credits(await fresh), credits(await joining), credits(await s.store.read(s.team, s.viewer))]).toEqual([11_000, 11_000, 11_000]);
  });

  test("invalidate forgets the stored answer and moves the generation on", async () => {
    const s = setup();
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.store.invalidate(s.team);
    expect([s.team.stored, s.team.generation]).toEqual([undefined, 1]);
  });
});

describe("what is stored", () => {
  test("the key is cut out of the body, in its JSON-escaped form too; the tag and the length in bytes are the body's", async () => {
    const secret = 'sk_live_"quoted"_0123456789';
    const s = setup({ secret });
    const outcome = await answered(s.store.read(s.team, s.viewer), s.reads, 0, { note: `key ${secret}`, name: "café" });
    if (outcome.kind !== "value") throw new Error("no value");
    expect(JSON.parse(outcome.stored.body)).toEqual({ note: "key [redacted]", name: "café" });
    expect(outcome.stored.length).toBe(String(Buffer.byteLength(outcome.stored.body)));
    expect(outcome.stored.etag).toMatch(/^"[\w-]{24}"$/);
  });

  test("a key under 8 characters (a test's) is left in the body", async () => {
    const s = setup({ secret: "k123456" });
    const outcome = await answered(s.store.read(s.team, s.viewer), s.reads, 0, { note: "k123456" });
    expect(outcome.kind === "value" && outcome.stored.body).toBe('{"note":"k123456"}');
  });
});

describe("the hard paths", () => {
  test("once every viewer has left, a newcomer starts a read of its own at once, while the abandoned one has not settled", async () => {
    const s = setup();
    const a = new AbortController();
    const left = s.store.read(s.team, { signal: a.signal });
    await settle();
    a.abort();
    expect(await left).toEqual({ kind: "left" });
    // Upstream has not answered the abandoned read (nor noticed the abort): it is not joined.
    const newcomer = s.store.read(s.team, s.viewer);
    await settle();
    expect(s.reads).toHaveLength(2);
    expect(credits(await answered(newcomer, s.reads, 1, { credits: 9 }))).toBe(9);
  });

  test("an abandoned read settles as cancelled (499) for whoever keeps it alive, and leaves upstream no cooldown", async () => {
    const s = setup();
    const a = new AbortController();
    const kept: Promise<unknown>[] = [];
    const left = s.store.read(s.team, { signal: a.signal }, (work) => void kept.push(work));
    await settle();
    a.abort();
    await left;
    s.reads[0]!.fail(a.signal.reason);
    expect(await kept[0]).toMatchObject({ error: { error: "cancelled", status: 499 } });
    expect(s.team.cooldown).toEqual({ failures: 0 });
    expect(s.logged).toEqual([]);
  });

  test("a viewer who joins a background refresh and leaves does not cancel it: the refresh holds itself", async () => {
    const s = setup();
    await answered(s.store.read(s.team, s.viewer), s.reads, 0, { credits: 1 });
    s.at(10_001);
    await s.store.read(s.team, s.viewer);
    expect(s.reads).toHaveLength(2);
    // Past the stale window, a viewer waits on the refresh under way, then leaves.
    s.at(30_001);
    const a = new AbortController();
    const waiting = s.store.read(s.team, { signal: a.signal });
    await settle();
    a.abort();
    expect(await waiting).toEqual({ kind: "left" });
    expect(s.reads).toHaveLength(2);
    expect(s.reads[1]!.signal.aborted).toBe(false);
    s.reads[1]!.answer({ credits: 2 });
    await settle();
    expect(credits(await s.store.read(s.team, s.viewer))).toBe(2);
  });

  test("a viewer who waited and got its answer leaves no listener on its signal (a page's signal may serve many reads)", async () => {
    const s = setup({ staleWhileRevalidateMs: 0 });
    const page = new AbortController();
    await answered(s.store.read(s.team, { signal: page.signal }), s.reads, 0, { credits: 1 });
    s.at(10_001);
    await answered(s.store.read(s.team, { signal: page.signal }), s.reads, 1, { credits: 2 });
    expect(getEventListeners(page.signal, "abort")).toHaveLength(0);
  });

  test("only the API's own Retry-After (on a 429 or a 5xx) sets the wait: another error that carries one gets the backoff", async () => {
    const s = setup();
    const pending = s.store.read(s.team, s.viewer);
    await settle();
    s.reads[0]!.fail(Object.assign(new Error("a custom fetch's own error"), { retryAfterSeconds: 999 }));
    expect(await pending).toMatchObject({ kind: "error", retryAfterSeconds: 10 });
  });

  test("a store without a cooldown registry (its own use, not the handler's) keeps cooldowns on the team alone", async () => {
    const s = setup({ noCooldowns: true });
    const failed = s.store.read(s.team, s.viewer);
    await settle();
    s.reads[0]!.fail(new TimeoutError("t", { method: "GET", path: "/" }));
    expect(await failed).toMatchObject({ kind: "error", retryAfterSeconds: 10 });
    s.at(10_000);
    expect(credits(await answered(s.store.read(s.team, s.viewer), s.reads, 1, { credits: 1 }))).toBe(1);
    expect(s.team.cooldown.failures).toBe(0);
  });

  test("a failure inside the store itself (here the app's log throwing) reaches the waiting viewers as that error, signal or not", async () => {
    const bug = new Error("the log broke");
    const s = setup({ log: () => { throw bug; } });
    const plain = s.store.read(s.team, {});
    const withSignal = s.store.read(s.team, { signal: new AbortController().signal });
    await settle();
    s.reads[0]!.fail(new TimeoutError("t", { method: "GET", path: "/" }));
    await expect(plain).rejects.toBe(bug);
    await expect(withSignal).rejects.toBe(bug);
  });

  test("a key of exactly 8 characters is a real key: cut out", async () => {
    const s = setup({ secret: "k1234567" });
    const outcome = await answered(s.store.read(s.team, s.viewer), s.reads, 0, { note: "k1234567" });
    expect(outcome.kind === "value" && outcome.stored.body).toBe('{"note":"[redacted]"}');
  });
});
