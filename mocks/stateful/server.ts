// The model behind Prism's proxy, over node:http: Prism checks each request, forwards it here, and checks the answer
// against the spec. 501 hands a request back to Prism's own mock (forced statuses, named examples, random bodies).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { apiKeyOf } from "../bearer.js";
import { asksPrism, preferencesOf } from "../prefer.js";
import type { Answer, Model } from "./model";

export type ModelServer = { url: string; close(): Promise<void> };

const HANDED_TO_PRISM: Answer = { status: 501, body: { error: "left to Prism's mock" } };

export async function startModelServer(model: Model): Promise<ModelServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === "string" ? value : undefined;
      };
      const request = {
        method: req.method ?? "GET",
        path: new URL(req.url ?? "/", "http://mock").pathname,
        apiKey: apiKeyOf(header("authorization")),
        idempotencyKey: header("idempotency-key"),
        body: Buffer.concat(chunks).toString("utf8"),
      };
      // Forced statuses, named examples and random bodies stay Prism's: the stateless path. Any other preference
      // (`respond-async`) is no business of Prism's, and the model answers as the MSW handlers' does.
      const preferences = preferencesOf(header("prefer"), new URL(req.url ?? "/", "http://mock").searchParams);
      const answering = "status" in preferences || asksPrism(preferences) ? Promise.resolve(undefined) : model.answer(request);
      answering
        .then((answer) => answer ?? HANDED_TO_PRISM)
        .catch((error: unknown): Answer => ({ status: 500, body: { error: `stateful mock: ${(error as Error).message}` } }))
        .then((answer) => {
          const text = JSON.stringify(answer.body);
          res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...answer.headers });
          res.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
