// The stateful mock's two hosts, behind one face for tests that must pass on both: Prism in its own process
// (olostep-billing/mock) and MSW handlers in this one (olostep-billing/msw). One MSW server per test file, with the
// handlers of every MSW host started there.
import { setupServer, type SetupServerApi } from "msw/node";
import { startMock, type MockOptions } from "../../mocks/index";
import { createHandlers } from "../../mocks/msw/node";

export type RunningHost = {
  /** Where the client goes: Prism's URL, or the base URL the handlers answer at. */
  url: string;
  requests(): { method: string; path: string; status: number }[];
  reset(): void;
  stop(): Promise<void>;
};

export type Host = { name: string; start(options?: MockOptions): Promise<RunningHost> };

/**
 * The base URLs the MSW handlers answer at in tests, one per host started: nothing listens on these low ports, so only
 * the handlers can answer, and several hosts answer at once, each at its own.
 */
let nextPort = 9;

let msw: SetupServerApi | undefined;
/** The handlers of every MSW host started and not stopped. */
const started = new Set<ReturnType<typeof createHandlers>["handlers"]>();
afterAll(() => {
  msw?.close();
  msw = undefined;
});

export const PRISM_HOST: Host = {
  name: "Prism (startMock)",
  start: async (options) => {
    const mock = await startMock(options);
    return { url: mock.url, requests: mock.requests, reset: mock.reset, stop: mock.stop };
  },
};

export const MSW_HOST: Host = {
  name: "MSW (createHandlers)",
  start: async (options = {}) => {
    const url = `http://127.0.0.1:${nextPort++}`;
    const mock = createHandlers({ ...options, baseUrl: url });
    started.add(mock.handlers);
    if (!msw) {
      msw = setupServer();
      // Only the base URLs are theirs (each host's catch-all answers every path there); anything else, a Prism host
      // among it, passes.
      msw.listen({ onUnhandledRequest: "bypass" });
    }
    msw.resetHandlers(...[...started].flat());
    const stop = async () => {
      started.delete(mock.handlers);
      msw?.resetHandlers(...[...started].flat());
      // With no host left, fetch is the runtime's again (a Prism host in the same file must be reachable).
      if (started.size === 0) {
        msw?.close();
        msw = undefined;
      }
    };
    return { url, requests: mock.requests, reset: mock.reset, stop };
  },
};

export const HOSTS: Host[] = [PRISM_HOST, MSW_HOST];
