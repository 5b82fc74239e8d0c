// What both mock hosts keep of the requests they answered, and the reset they share: one log, one way to forget.
import type { Model } from "./stateful/model.js";

/** A request the mock answered. */
export type SeenByMock = {
  /** `GET`, `POST`, … */
  method: string;
  /** The path relative to the API's base URL, without the query. */
  path: string;
  /** The status it got. */
  status: number;
};

export type RequestLog = {
  /** Records a request as it is answered, and tells `onRequest` (with the milliseconds it took). */
  record(seen: SeenByMock, ms: number): void;
  /** The requests answered, oldest first. */
  list(): SeenByMock[];
  /** Forgets every balance, purchase and Idempotency-Key of the model, and the requests seen. */
  reset(): void;
};

export function createRequestLog(model: Model, onRequest?: (seen: SeenByMock & { ms: number }) => void): RequestLog {
  const seen: SeenByMock[] = [];
  return {
    record(entry, ms) {
      seen.push(entry);
      onRequest?.({ ...entry, ms });
    },
    list: () => [...seen],
    reset() {
      model.reset();
      seen.length = 0;
    },
  };
}
