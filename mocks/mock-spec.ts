// The spec Prism serves: openapi/billing.json plus the mock-only scenarios as named examples. Made from the spec given
// and the scenarios alone (no generated module is loaded), so that the generator can list the named answers it makes.
import type { OpenApiDocument } from "../core/openapi/document.js";
import { SCENARIOS, type Scenario } from "./scenarios.js";

export type { Scenario } from "./scenarios.js";

export function loadScenarios(): Scenario[] {
  return structuredClone(SCENARIOS) as Scenario[];
}

/**
 * OpenAPI 3.0 allows `example` or `examples`, not both, so the vendor's example becomes the first named one
 * ("default"): Prism serves the first when no example is asked for, exactly as it serves the plain spec.
 */
export function buildMockSpec(spec: OpenApiDocument, scenarios: Scenario[] = loadScenarios()): OpenApiDocument {
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
