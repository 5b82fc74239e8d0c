// The spec Prism serves: openapi/billing.json plus the mock-only scenarios as named examples.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export type Scenario = { name: string; summary: string; operation: string; status: string; body: unknown };

type MediaType = { example?: unknown; examples?: Record<string, { summary?: string; value: unknown }> };
type Spec = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, MediaType> }> }>> };

export const SCENARIOS_FILE = resolve(__dirname, "scenarios.json");

export function loadScenarios(file = SCENARIOS_FILE): Scenario[] {
  return (JSON.parse(readFileSync(file, "utf8")) as { scenarios: Scenario[] }).scenarios;
}

/**
 * OpenAPI 3.0 allows `example` or `examples`, not both, so the vendor's example becomes the first named one
 * ("default"): Prism serves the first when no example is asked for, exactly as it serves the plain spec.
 */
export function buildMockSpec(specFile: string, scenarios: Scenario[] = loadScenarios()): Spec {
  const spec = JSON.parse(readFileSync(specFile, "utf8")) as Spec;
  for (const scenario of scenarios) {
    const [method = "", path = ""] = scenario.operation.split(" ");
    const media = spec.paths[path]?.[method.toLowerCase()]?.responses[scenario.status]?.content?.["application/json"];
    // A scenario for an operation or status the spec no longer has is skipped here and failed by its test.
    if (!media) continue;
    if (!media.examples) {
      media.examples = "example" in media ? { default: { value: media.example } } : {};
      delete media.example;
    }
    media.examples[scenario.name] = { summary: scenario.summary, value: scenario.body };
  }
  return spec;
}
