// Runs Spectral with the project's ruleset on one file; returns its errors as one line each.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

type SpectralResult = { code: string; message: string; path: string[]; severity: number };

export function lintErrors(file: string): string[] {
  const result = spawnSync(
    process.execPath,
    [require.resolve("@stoplight/spectral-cli/dist/index.js"), "lint", file, "--ruleset", join(REPO_ROOT, ".spectral.yaml"), "--format", "json", "--quiet"],
    { encoding: "utf8", env: { ...process.env, SCARF_ANALYTICS: "false" } },
  );
  let results: SpectralResult[];
  try {
    results = JSON.parse(result.stdout || "[]") as SpectralResult[];
  } catch {
    return [`spectral could not lint it: ${(result.stderr || result.stdout).trim().split("\n")[0]}`];
  }
  // Severity 0 is "error" in Spectral's JSON output.
  return results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join(".")}: ${r.message}`);
}
