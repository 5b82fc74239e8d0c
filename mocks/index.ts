// olostep-billing/mock: the mock for local development and for your own tests. Stateful by default (balances per
// API key, purchases that settle, the cooldown, Idempotency-Key), with Prism in front validating every answer.
import { startPrism, type RunningPrism } from "./prism";
import { startStatefulServer, type SeenByMock, type StatefulOptions } from "./stateful/server";

export { startPrism, freePort, PrismStartError, type PrismOptions, type RunningPrism } from "./prism";
export type { SeenByMock } from "./stateful/server";
/** The stateful mock's defaults (settleMs, chargeMs); the cooldown comes from the spec's example. */
export { STATEFUL_DEFAULTS as MOCK_DEFAULTS } from "./stateful/server";

export type MockOptions = StatefulOptions & {
  /** Default: a free port. */
  port?: number;
  /** Prism's log lines. */
  onLog?: (line: string) => void;
};

export type RunningMock = Omit<RunningPrism, "stop"> & {
  /** Stops Prism and the stateful layer; safe to call twice. */
  stop(): Promise<void>;
  /** Forgets every balance, purchase and Idempotency-Key, and the requests seen. */
  reset(): void;
  /** The requests that reached the mock, oldest first: method, path and status (501: answered by Prism's mock). */
  requests(): SeenByMock[];
};

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const upstream = await startStatefulServer(options);
  let prism: RunningPrism;
  try {
    prism = await startPrism({ port: options.port, onLog: options.onLog, upstream: upstream.url, scenarios: true });
  } catch (error) {
    await upstream.close();
    throw error;
  }
  return {
    url: prism.url,
    port: prism.port,
    pid: prism.pid,
    stop: async () => {
      await prism.stop();
      await upstream.close();
    },
    reset: upstream.reset,
    requests: () => [...upstream.requests],
  };
}
