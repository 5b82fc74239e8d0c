// The list of what the kit reads (core/kit-reads.ts) cannot drift from the code: each surface's files read exactly the
// fields listed for that surface, and no other file of src/ or mocks/ reads a field of an answer without being on the
// list. Fields are found by name, as the code spells them (`.remaining_units`, `{ credits, allow_usage } =`, a key
// written `allow_usage:`), so a nested field is known by its last name; the compiler holds the rest (kit-reads.ts).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { KIT_READS, KIT_SURFACES, type KitRead, type KitReads, type KitSurface } from "../../core/kit-reads";
import { REPO } from "../helpers/run-script";

/** Names too common in code to find by name (`error.code`, `lot.id`…): their entries are held by the compiler only. */
const TOO_COMMON = new Set(["code", "id"]);

/** Files that use a listed name for something other than an answer's field, and why. */
const NOT_ANSWERS: Record<string, string> = {
  "src/client.ts": "credits: the top-up amount a caller passes",
  "src/internal/topup.ts": "credits: the top-up request's body",
  "src/cli/command-table.ts": "credits: the top-up amount argument",
  "src/cli/context.ts": "credits: the top-up amount argument",
  "src/server/topup-route.ts": "credits: the browser's top-up request; the route passes upstream's answers on as they came",
};

const fields: [string, KitRead][] = Object.values(KIT_READS as KitReads).flatMap((statuses) => Object.values(statuses).flatMap((reads) => Object.entries(reads)));
const names = new Set(fields.map(([field]) => field.split("/").at(-1)!).filter((name) => !TOO_COMMON.has(name)));

/** The listed names a source reads or writes: `.name`, `?.name`, `name:` (a key or a member), `{ name } =`. */
function namesIn(source: string): Set<string> {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const found = new Set<string>();
  for (const name of names) if (new RegExp(`\\.${name}\\b|(?<![\\w$."'])${name}\\??:`).test(code)) found.add(name);
  for (const [, inside] of code.matchAll(/\{([^{}]*)\}\s*=(?![=>])/g)) {
    for (const part of inside!.split(",")) {
      const key = part.split(/[:=]/)[0]!.trim();
      if (names.has(key)) found.add(key);
    }
  }
  return found;
}

const sourceOf = (file: string) => readFileSync(join(REPO, file), "utf8");
const walk = (dir: string): string[] =>
  readdirSync(join(REPO, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(REPO, path)).isDirectory() ? walk(path) : path.endsWith(".ts") ? [path.split(sep).join("/")] : [];
  });

test.each(Object.keys(KIT_SURFACES) as KitSurface[])("%s reads exactly the fields the list gives it", (surface) => {
  const listed = new Set(fields.filter(([, read]) => surface in read.reads).map(([field]) => field.split("/").at(-1)!).filter((name) => names.has(name)));
  const read = new Set(KIT_SURFACES[surface].files.flatMap((file) => [...namesIn(sourceOf(file))]));
  expect({ surface, read: [...read].sort() }).toEqual({ surface, read: [...listed].sort() });
});

test("no other file of src/ or mocks/ reads a field of an answer without being on the list", () => {
  const surfaces = new Set<string>(Object.values(KIT_SURFACES).flatMap((surface) => [...surface.files]));
  const readers = [...walk("src"), ...walk("mocks")]
    .filter((file) => !surfaces.has(file) && !(file in NOT_ANSWERS))
    .map((file) => [file, [...namesIn(sourceOf(file))]] as const)
    .filter(([, found]) => found.length > 0);
  expect(readers).toEqual([]);
  // An exemption whose file no longer uses the name is stale: it would hide a read added there later.
  for (const file of Object.keys(NOT_ANSWERS)) expect([file, namesIn(sourceOf(file)).size > 0]).toEqual([file, true]);
});

test("the walk finds a read the list does not have (it can fail)", () => {
  expect([...namesIn("const left = lot.remaining_units ?? 0; const { allow_usage } = reading; write({ expiry_date: 1 });")].sort()).toEqual(["allow_usage", "expiry_date", "remaining_units"]);
  expect([...namesIn("// lot.remaining_units in a comment\nconst text = 'credits: none';")]).toEqual([]);
});
