// One clock for a page, the route and the mock: the page's (Playwright's page.clock, paused), the route's and the
// mock's `now`, moved together from one event to the next (a timer of the page, an upstream's latency), so that a
// refresh of 30 s or a purchase settling in 3 s takes no real wait, and every request is sent and answered at the
// time it is due on both sides: the clock moves only while nothing is on the wire.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BrowserContext, Page } from "playwright-core";

type Sleeper = { until: number; wake(): void };
type PageState = { inflight: number; due: number | null };

export type SharedClock = {
  /** The time: the route's and the mock's `now`. */
  now(): number;
  /** Resolves once the clock has moved `ms` on (an upstream's latency on this clock); rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal | null): Promise<void>;
  /**
   * Installs the clock in a browser context, paused at the time now, and keeps count of the page's timers and of its
   * requests in flight: call before the page loads.
   */
  attach(context: BrowserContext): Promise<void>;
  /**
   * Moves the clock `ms` on, from event to event: the next timer of the page or the next sleeper's wake, whichever
   * comes first. Before each move the page has the answers to its requests (counted, not timed), unless they wait on
   * an upstream sleeping on this clock.
   */
  advance(page: Page, ms: number): Promise<void>;
  /** Moves the clock `ms` on while no page is on it (a page closed, another not yet open). */
  skip(ms: number): void;
  /**
   * A fetch for the route's upstream that takes `latencyMs` on this clock before it sends, holds the clock while its
   * request is on the wire (a refresh the route runs behind an answer has landed before the page asks again), and
   * answers with a `Date` of this clock. `via`: what answers it (default: the network).
   */
  upstream(latencyMs: number, via?: typeof fetch): typeof fetch;
  /** The route's node handler, counted: a page's request that the route holds while an upstream sleeps lets the clock move. */
  route(handler: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void;
};

export function createSharedClock(start = Date.now()): SharedClock {
  let time = start;
  const sleepers = new Set<Sleeper>();
  /** Upstream requests on the wire, and the page's requests the route holds. */
  let upstreamBusy = 0;
  let routeHolds = 0;
  const wake = () => {
    for (const sleeper of sleepers) if (sleeper.until <= time) sleeper.wake();
  };
  const stateOf = (page: Page) => page.evaluate(() => (window as unknown as { __olostepClock: () => PageState }).__olostepClock());
  const sleep = (ms: number, signal?: AbortSignal | null) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = {
        until: time + ms,
        wake() {
          sleepers.delete(sleeper);
          resolve();
        },
      };
      sleepers.add(sleeper);
      signal?.addEventListener("abort", () => {
        sleepers.delete(sleeper);
        reject(signal.reason);
      });
    });
  /**
   * The clock may move when nothing is on the wire: no upstream request, and every request of the page either answered
   * or held by the route while an upstream sleeps on this clock.
   */
  async function still(page: Page): Promise<{ due: number | null }> {
    for (let quietInARow = 0; ; ) {
      const { inflight, due } = await stateOf(page);
      const quiet = upstreamBusy === 0 && (inflight === 0 || (sleepers.size > 0 && routeHolds >= inflight));
      // Twice in a row, a few milliseconds apart: a held request the route was just answering has left by then.
      if (quiet && (inflight === 0 || ++quietInARow === 2)) return { due };
      if (!quiet) quietInARow = 0;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return {
    now: () => time,
    sleep,
    upstream(latencyMs, via = fetch) {
      return async (input, init) => {
        if (latencyMs > 0) await sleep(latencyMs, input instanceof Request ? input.signal : init?.signal);
        upstreamBusy++;
        try {
          const response = await via(input, init);
          // The body is on the wire too: read here, handed on whole.
          const body = [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
          // Upstream's Date is this clock's too: a route that dates an answer by it reckons the age the page sees.
          const headers = new Headers(response.headers);
          headers.set("date", new Date(time).toUTCString());
          return new Response(body, { status: response.status, statusText: response.statusText, headers });
        } finally {
          upstreamBusy--;
        }
      };
    },
    route(handler) {
      return (req, res) => {
        routeHolds++;
        res.once("close", () => void routeHolds--);
        handler(req, res);
      };
    },
    async attach(context) {
      await context.clock.install({ time });
      await context.clock.pauseAt(time);
      // After the clock's own script: the page's timers are the paused clock's, wrapped here to know when they are due.
      await context.addInitScript(() => {
        const timers = new Map<unknown, number>();
        const set = window.setTimeout.bind(window);
        const clear = window.clearTimeout.bind(window);
        let inflight = 0;
        const fetchOf = window.fetch.bind(window);
        window.setTimeout = ((callback: () => void, delay = 0, ...rest: unknown[]) => {
          const handle: unknown = set(() => {
            timers.delete(handle);
            (callback as (...args: unknown[]) => void)(...rest);
          }, delay);
          timers.set(handle, Date.now() + Math.max(0, Number(delay) || 0));
          return handle;
        }) as typeof window.setTimeout;
        window.clearTimeout = ((handle: number) => {
          timers.delete(handle);
          clear(handle);
        }) as typeof window.clearTimeout;
        const every = window.setInterval.bind(window);
        const stop = window.clearInterval.bind(window);
        window.setInterval = ((callback: () => void, delay = 0, ...rest: unknown[]) => {
          const period = Math.max(1, Number(delay) || 0);
          const handle: unknown = every(() => {
            timers.set(handle, Date.now() + period);
            (callback as (...args: unknown[]) => void)(...rest);
          }, delay);
          timers.set(handle, Date.now() + period);
          return handle;
        }) as typeof window.setInterval;
        window.clearInterval = ((handle: number) => {
          timers.delete(handle);
          stop(handle);
        }) as typeof window.clearInterval;
        // A request counts until its answer's body is in and two tasks have run: the page has acted on it (read it,
        // set its next timer) before the clock moves.
        const settled = () => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            channel.port1.onmessage = () => void inflight--;
            channel.port2.postMessage(0);
          };
          channel.port2.postMessage(0);
        };
        window.fetch = async (...args: Parameters<typeof fetch>) => {
          inflight++;
          let response: Response;
          try {
            response = await fetchOf(...args);
          } catch (error) {
            settled();
            throw error;
          }
          void response.clone().arrayBuffer().catch(() => undefined).then(settled);
          return response;
        };
        const state = (): { inflight: number; due: number | null } => ({ inflight, due: timers.size ? Math.min(...timers.values()) : null });
        Object.assign(window, { __olostepClock: state });
      });
    },
    skip(ms) {
      time += ms;
      wake();
    },
    async advance(page, ms) {
      const end = time + ms;
      while (time < end) {
        const { due } = await still(page);
        const next = Math.min(end, due ?? end, ...[...sleepers].map((sleeper) => sleeper.until));
        const step = Math.max(1, next - time);
        time += step;
        wake();
        await page.clock.runFor(step);
      }
    },
  };
}
