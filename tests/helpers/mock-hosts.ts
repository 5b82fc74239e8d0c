// The stateful mock's two hosts, behind one face for tests that must pass on both: Prism in its own process
// (olostep-billing/mock) and MSW handlers in this one (olostep-billing/msw). One MSW server per test file: starting a
// host there swaps its handlers.
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

/** The base URL the MSW handlers answer at in tests: nothing listens there, so only the handlers can answer. */
export const MSW_BASE_URL = "http://127.0.0.1:9";

let msw: SetupServerApi | undefined;
/** The handlers of every MSW host started and not stopped; the newest answers. */
const started: ReturnType<typeof createHandlers>["handlers"][] = [];
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
    const mock = createHandlers({ ...options, baseUrl: MSW_BASE_URL });
    started.push(mock.handlers);
    if (!msw) {
      msw = setupServer();
      // Only the base URL is theirs (its catch-all answers every path there); anything else, a Prism host among it, passes.
      msw.listen({ onUnhandledRequest: "bypass" });
    }
    msw.resetHandlers(...mock.handlers);
    const stop = async () => {
      started.splice(started.indexOf(mock.handlers), 1);
      msw?.resetHandlers(...(started.at(-1) ?? []));
      // With no host left, fetch is the runtime's again (a Prism host in the same file must be reachable).
      if (started.length === 0) {
        msw?.close();
        msw = undefined;
      }
    };
    return { url: MSW_BASE_URL, requests: mock.requests, reset: mock.reset, stop };
  },
};

export const HOSTS: Host[] = [PRISM_HOST, MSW_HOST];
