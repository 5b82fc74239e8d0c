// The route's part of bench/results.md: its section and its rows of the Targets table, made from one measureRoute().
// `npm run bench -- --only route` measures the route alone and puts these into the existing results in place.
import { readFileSync, writeFileSync } from "node:fs";
import { throughputRatio, type RouteResults } from "./route";
import { fixed, median, table } from "./stats";

export const ROUTE_TITLE = "The route under load (autocannon 9 on loopback; the route in its own process, with the authorize the docs show, its upstream a counting server answering in 50 ms)";

export function routeSection(route: RouteResults): string {
  return (
    table(
      ["case", "requests", "statuses", "errors", "p50 ms", "p99 ms", "max ms", "upstream calls", "upstream sockets", "target", "met"],
      route.cases.map((c) => [
        c.name,
        String(c.load.requests),
        Object.entries(c.load.statuses).map(([code, count]) => `${count}× ${code}`).join(", "),
        String(c.load.errors),
        String(c.load.p50),
        String(c.load.p99),
        String(c.load.max),
        String(c.upstreamCalls),
        String(c.sockets),
        c.target,
        c.met ? "yes" : "no",
      ]),
    ) +
    "\n\nThe 429 case's minute after runs on the route's clock (moved a second at a time, 50 requests each second), not " +
    "on the wall's; a hanging upstream's viewers get 504 `upstream_timeout` after the route's two 2 s attempts, then " +
    "the failure's backoff answers at once. Every viewer sends a session cookie, which the route's `authorize` looks " +
    "up before anything else (the set-up the docs show); the bare server gets the same requests.\n\n" +
    table(
      ["cached reads, 100 connections, 4 s rounds, interleaved", "requests/s (median of 3)", "rounds"],
      [
        ["bare node:http answering the same JSON", fixed(median(route.throughput.bare), 0), route.throughput.bare.map((r) => fixed(r, 0)).join(", ")],
        ["the route with authorize (createBillingHandler + toNodeHandler)", fixed(median(route.throughput.route), 0), route.throughput.route.map((r) => fixed(r, 0)).join(", ")],
      ],
    ) +
    `\n\nHeap after a full collection: ${fixed(route.heap.startBytes / 1e6, 2)} MB after ${route.heap.requests.toLocaleString("en")} ` +
    `requests, ${fixed(route.heap.endBytes / 1e6, 2)} MB after ${route.heap.requests.toLocaleString("en")} more. ` +
    `The route's key in a response's headers or body, across every case: ${route.keySeen} times.`
  );
}

/** The route's rows of the Targets table: target, measured, met. */
export function routeTargets(route: RouteResults): string[][] {
  const ratio = throughputRatio(route.throughput);
  return [
    ...route.cases.map((c) => [`route, ${c.name}: ${c.target}`, `${c.upstreamCalls} calls, ${c.sockets} sockets, max ${c.load.max} ms, ${c.load.errors} errors`, c.met ? "yes" : "no"]),
    ["route's cached reads, with authorize, ≥ 0.5x a bare node:http server's requests/s (side by side)", `${fixed(ratio)}x`, ratio >= 0.5 ? "yes" : "no"],
    ["route's heap back to its start after 40,000 requests (within 1 MB)", `${fixed((route.heap.endBytes - route.heap.startBytes) / 1e6, 2)} MB`, route.heap.endBytes - route.heap.startBytes <= 1e6 ? "yes" : "no"],
    ["the route's key in nothing it returns", `${route.keySeen} times`, route.keySeen === 0 ? "yes" : "no"],
  ];
}

const isRouteRow = (target: string) => target.startsWith("route") || target.startsWith("the route's");

/** Puts a fresh route section and route rows into an existing results file, leaving every other measurement as it was. */
export function updateRouteResults(file: string, route: RouteResults, date: string): void {
  let text = readFileSync(file, "utf8");
  const start = text.search(/^## The route under load/m);
  const end = text.indexOf("\n## ", start + 1);
  if (start < 0 || end < 0) throw new Error(`${file} has no route section to update: run the whole bench`);
  text = `${text.slice(0, start)}## ${ROUTE_TITLE}\n\n_Measured on its own (\`npm run bench -- --only route\`) on ${date}._\n\n${routeSection(route)}\n${text.slice(end)}`;
  const targets = text.search(/^## Targets/m);
  const tableStart = text.indexOf("\n|", targets) + 1;
  let tableEnd = text.indexOf("\n\n", tableStart);
  if (tableEnd < 0) tableEnd = text.length;
  const rows = text.slice(tableStart, tableEnd).split("\n").slice(2).filter((line) => line.startsWith("|")).map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  const first = rows.findIndex((row) => isRouteRow(row[0]!));
  const kept = rows.filter((row) => !isRouteRow(row[0]!));
  kept.splice(first < 0 ? kept.length : first, 0, ...routeTargets(route));
  text = `${text.slice(0, tableStart)}${table(["target", "measured", "met"], kept)}${text.slice(tableEnd)}`;
  writeFileSync(file, text);
}
