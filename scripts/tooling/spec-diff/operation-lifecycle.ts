// An operation's life between two versions, oasdiff's way: deprecated (with or without a sunset) or reactivated, its
// sunset moved or deleted, its stability level raised, lowered or made invalid. Draft and alpha operations may change
// freely: nothing else about them is judged.
import type { Sink } from "./findings";
import { isChecked, rankOf, stabilityOf, sunsetOf } from "./lifecycle";

type Node = Record<string, unknown>;

/** Adds the operation's lifecycle findings; returns whether the rest of the operation is judged. */
export function operationLifecycle(sink: Sink, base: Node, revision: Node, today: string): boolean {
  const [from, to] = [stabilityOf(base), stabilityOf(revision)];
  if (from.invalid) sink.add("api-invalid-stability-level", `x-stability-level ${JSON.stringify(base["x-stability-level"])} is not draft, alpha, beta or stable (base)`);
  if (to.invalid) sink.add("api-invalid-stability-level", `x-stability-level ${JSON.stringify(revision["x-stability-level"])} is not draft, alpha, beta or stable`);
  if (!from.invalid && !to.invalid && rankOf(from) !== rankOf(to) && isChecked(from)) {
    sink.add(`api-stability-${rankOf(to) < rankOf(from) ? "decreased" : "increased"}`, `stability ${from.level ?? "stable"} → ${to.level ?? "stable"}`);
  }
  const [was, is] = [base.deprecated === true, revision.deprecated === true];
  if (was && !is) sink.add("endpoint-reactivated", "the operation is no longer deprecated");
  if (!was && is && !to.invalid) deprecation(sink, revision, today);
  if (is) sunsetChange(sink, base, revision, today);
  return !to.invalid && isChecked(to);
}

function deprecation(sink: Sink, revision: Node, today: string): void {
  const sunset = sunsetOf(revision);
  if (!sunset) sink.add("endpoint-deprecated", "the operation is deprecated");
  else if (sunset.invalid) sink.add("api-deprecated-sunset-parse", `the operation is deprecated with an x-sunset that is not a date: ${JSON.stringify(revision["x-sunset"])}`);
  else if (sunset.day! < today) sink.add("api-sunset-date-too-small", `the operation is deprecated with a sunset already past (${sunset.day})`);
  else sink.add("endpoint-deprecated-with-sunset", `the operation is deprecated, sunset ${sunset.day}`);
}

/** A deprecated operation's sunset deleted, or moved earlier to a day already past. */
function sunsetChange(sink: Sink, base: Node, revision: Node, today: string): void {
  const [from, to] = [sunsetOf(base), sunsetOf(revision)];
  if (from && !to) return sink.add("sunset-deleted", "the deprecated operation's x-sunset was deleted");
  if (!from || !to || base["x-sunset"] === revision["x-sunset"]) return;
  if (from.invalid || to.invalid) return sink.add("api-path-sunset-parse", "an x-sunset is not a date");
  if (to.day! < from.day! && to.day! < today) sink.add("api-sunset-date-changed-too-small", `the sunset moved from ${from.day} to ${to.day}, already past`);
}
