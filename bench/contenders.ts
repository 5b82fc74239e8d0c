// The clients `npm run bench` compares, each doing the same GET /user/credits/info, measured every way alike.
import createClient from "openapi-fetch";
import type { paths } from "../generated/billing";
import { createBillingClient } from "../src/index.js";
import type { SpecPath } from "../core/openapi/document";

export type Call = () => Promise<unknown>;

export type Contender = {
  name: string;
  /** One call against `baseUrl`, resolving with the parsed body. */
  make(baseUrl: string): Promise<Call>;
  /** A browser app that makes that one GET, for the bundle size. */
  bundle: string;
  /** What a cold `node -e` runs to load the client (empty for raw fetch). */
  load: string;
};

const PATH: SpecPath = "/user/credits/info";
const headers = { Authorization: "Bearer bench-key" };
// ESM-only packages (ky) load with a real dynamic import, which `new Function` keeps away from the TS compiler.
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<{ default: unknown }>;

export const CONTENDERS: Contender[] = [
  {
    name: "raw fetch + JSON.parse",
    make: async (baseUrl) => async () => JSON.parse(await (await fetch(`${baseUrl}${PATH}`, { headers })).text()),
    bundle: `fetch("https://api.olostep.com${PATH}", { headers: { Authorization: "Bearer k" } }).then((r) => r.json()).then(console.log);`,
    load: "",
  },
  {
    name: "bare openapi-fetch",
    make: async (baseUrl) => {
      const client = createClient<paths>({ baseUrl });
      return async () => (await client.GET(PATH, { headers })).data;
    },
    bundle: `import createClient from "openapi-fetch"; createClient({ baseUrl: "https://api.olostep.com" }).GET("${PATH}").then(console.log);`,
    load: `require("openapi-fetch")`,
  },
  {
    name: "openapi-fetch + timeout signal",
    make: async (baseUrl) => {
      const client = createClient<paths>({ baseUrl });
      return async () => (await client.GET(PATH, { headers, signal: AbortSignal.timeout(30_000) })).data;
    },
    bundle: `import createClient from "openapi-fetch"; createClient({ baseUrl: "https://api.olostep.com" }).GET("${PATH}", { signal: AbortSignal.timeout(30000) }).then(console.log);`,
    load: `require("openapi-fetch")`,
  },
  {
    name: "olostep-billing getCreditsInfo()",
    make: async (baseUrl) => {
      const billing = createBillingClient({ apiKey: "bench-key", baseUrl });
      return () => billing.getCreditsInfo();
    },
    bundle: `import { createBillingClient } from "./src/index.ts"; createBillingClient({ apiKey: "k" }).getCreditsInfo().then(console.log);`,
    load: `require("./dist/cjs/src/index.js")`,
  },
  {
    name: "ky 1.9",
    make: async (baseUrl) => {
      // ky is ESM-only; its type import would need a resolution-mode attribute, so the one method used is typed here.
      const ky = (await importEsm("ky")).default as { create(options: object): { get(path: string): { json(): Promise<unknown> } } };
      const api = ky.create({ prefixUrl: baseUrl, headers, retry: 2, timeout: 30_000 });
      return () => api.get(PATH.slice(1)).json();
    },
    bundle: `import ky from "ky"; ky.get("https://api.olostep.com${PATH}", { headers: { Authorization: "Bearer k" } }).json().then(console.log);`,
    load: `import("ky")`,
  },
  {
    name: "openai-node 6.30",
    make: async (baseUrl) => {
      const { default: OpenAI } = await import("openai");
      const client = new OpenAI({ apiKey: "bench-key", baseURL: baseUrl, maxRetries: 2, timeout: 30_000 });
      return () => client.get(PATH);
    },
    bundle: `import OpenAI from "openai"; new OpenAI({ apiKey: "k", dangerouslyAllowBrowser: true }).get("${PATH}").then(console.log);`,
    load: `require("openai")`,
  },
];
