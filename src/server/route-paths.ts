// Where the route answers, and nowhere else: the balance at its mount point and at the keyless client's path
// (`<mount>/user/credits/info`), a top-up at the mount point and at the API's own path (`<mount>/user/purchase-topup`)
// when allowed; 405 with Allow for a method a path does not take, 404 (a problem, never cached) for any other path,
// so that browsers and CDNs never keep a copy of the balance under a made-up URL.
import { getUserCreditsInfo, postUserPurchaseTopup } from "../../generated/operations.js";
import { errorAnswer } from "./browser-errors.js";
import type { RouteAnswer, RouteRequest } from "./route-answer.js";

/** What a request asks of the route. */
export type Operation = "read" | "topup";

/** `basePath` as settingsOf checked it: no trailing slash ("" for a route mounted at the root). */
export function createRouter(basePath: string, allowTopup: boolean): (request: RouteRequest) => Operation | RouteAnswer {
  const credits = basePath + getUserCreditsInfo.path;
  const topup = basePath + postUserPurchaseTopup.path;
  const notAllowed = (allow: string) => errorAnswer({ error: "method_not_allowed", status: 405 }, { allow });
  const mountAllows = allowTopup ? "GET, HEAD, POST" : "GET, HEAD";
  const where = `${basePath || "/"} and ${credits}` + (allowTopup ? `, and buys credits by POST there and at ${topup}` : "");
  const notFound = errorAnswer({ error: "not_found", status: 404, title: "Not Found", detail: `This route answers the balance at ${where}.` });

  return (request) => {
    const { method } = request;
    const reads = method === "GET" || method === "HEAD";
    const path = pathOf(request.url);
    if (path === basePath) return reads ? "read" : method === "POST" && allowTopup ? "topup" : notAllowed(mountAllows);
    if (path === credits) return reads ? "read" : notAllowed("GET, HEAD");
    // Without allowTopup the route has no purchase path at all.
    if (path === topup && allowTopup) return method === "POST" ? "topup" : notAllowed("POST");
    return notFound;
  };
}

/** The URL's path without its trailing slashes ("/api/billing/" is the mount point too). */
const pathOf = (url: string) => new URL(url).pathname.replace(/\/+$/, "");
