// openapi-fetch's types, as the package's declarations name them. openapi-fetch's CommonJS declarations
// (index.d.cts) put `export =` beside named exports, which TypeScript 7 refuses (and, with skipLibCheck, reads as
// `any`): every declaration of ours takes them from its ES module declarations instead, whichever module system
// the consumer compiles for.
import type { Client, Middleware } from "openapi-fetch" with { "resolution-mode": "import" };
import type { paths } from "../../generated/billing.js";

/** The openapi-fetch client over the spec's paths: `GET`, `POST`, `use()`; an unknown path is a compile error. */
export interface RawClient extends Client<paths> {}

/** openapi-fetch middleware (`onRequest`, `onResponse`, `onError`), for `raw.use()`. */
export type RawMiddleware = Middleware;
