// olostep-billing/mock: the mock for local development and for your own tests. Stateful by default (balances per
// API key, purchases that settle, the cooldown, Idempotency-Key), with Prism in front validating every answer.
import { checkForced, type ForcedStatuses } from "./forced.js";
import { startFrontDoor } from "./front-door.js";
import { createRequestLog, type SeenByMock } from "./request-log.js";
import { startPrism, type RunningPrism } from "./prism.js";
import { prismCliPath } from "./start-errors.js";
import { createModel, type StatefulOptions } from "./stateful/model.js";
import { startModelServer } from "./stateful/server.js";

export { startPrism, freePort, type PrismOptions, type RunningPrism } from "./prism.js";
export { MockStartError, PrismStartError, PRISM_INSTALL } from "./start-errors.js";
export type { SeenByMock } from "./request-log.js";
export { preferHeader, type ForcedAnswer, type ForcedStatuses } from "./forced.js";
export { scenarioNames, type ScenarioName, type ExampleName, type DocumentedStatus } from "../generated/named-answers.js";
export type { CreditsInfo } from "./stateful/account.js";
export type { OperationName } from "../generated/operations.js";
export type { StatefulOptions } from "./stateful/model.js";
/** The stateful mock's defaults (settleMs, chargeMs); the cooldown comes from the spec's example. */
export { STATEFUL_DEFAULTS as MOCK_DEFAULTS } from "./stateful/model.js";

/** What `startMock()` takes: the stateful mock's options, and the server's. */
export type MockOptions = StatefulOptions & {
  /** Default: a free port. */
  port?: number;
  /**
   * Answer these operations with a documented status (its first example), or a status and a named example
   * (`{ status: 402, example: "credits_exhausted" }`), as `Prefer: code=402, example=credits_exhausted` would.
   */
  force?: ForcedStatuses;
  /** Called once per request as it is answered: method, path, status and milliseconds. */
  onRequest?: (seen: SeenByMock & { ms: number }) => void;
  /** Prism's own log lines (several per request). */
  onLog?: (line: string) => void;
};

/** A mock that `startMock()` started. */
export type RunningMock = {
  /** Where it listens (`http://127.0.0.1:<port>`): the client's `baseUrl`. */
  url: string;
  /** Its port. */
  port: number;
  /** Prism's process id. */
  pid: number;
  /** Stops Prism and the stateful layer; safe to call twice. */
  stop(): Promise<void>;
  /** Forgets every balance, purchase and Idempotency-Key, and the requests seen. */
  reset(): void;
  /** The requests the mock answered, oldest first: method, path and the status they got. */
  requests(): SeenByMock[];
};

/**
 * The stateful mock of the API on 127.0.0.1, Prism in front validating every answer against the spec. It ends with
 * the process that started it, however that process ends.
 *
 * @throws MockStartError (Prism missing, the port taken, Prism not starting), leaving nothing running or on disk.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  prismCliPath();
  const force = checkForced(options.force);
  const model = createModel(options);
  const upstream = await startModelServer(model);
  let prism: RunningPrism | undefined;
  try {
    prism = await startPrism({ onLog: options.onLog, upstream: upstream.url, scenarios: true });
    const log = createRequestLog(model, options.onRequest);
    const door = await startFrontDoor({ port: options.port, target: prism.url, force, log });
    const running = prism;
    let stopping: Promise<void> | undefined;
    return {
      url: door.url,
      port: door.port,
      pid: running.pid,
      stop: () => (stopping ??= Promise.all([door.close(), running.stop(), upstream.close()]).then(() => undefined)),
      reset: log.reset,
      requests: log.list,
    };
  } catch (error) {
    await Promise.all([prism?.stop(), upstream.close()]);
    throw error;
  }
}
