// Where the repository keeps the spec and the generated types, resolved from this file, not the cwd.
import { relative, resolve, sep } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..");
export const SPEC_FILE = resolve(REPO_ROOT, "openapi", "billing.json");
export const GENERATED_DIR = resolve(REPO_ROOT, "generated");
/** The compiled `olostep-billing` bin (package.json "bin"), as `npm run build` writes it. */
export const CLI_BIN = resolve(REPO_ROOT, "dist", "cjs", "src", "cli", "main.js");

/** A path as the repository names it (forward slashes), so generated headers do not depend on the machine. */
export function repoLabel(file: string): string {
  const inside = relative(REPO_ROOT, file);
  return inside.startsWith("..") ? file : inside.split(sep).join("/");
}
