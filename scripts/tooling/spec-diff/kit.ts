// This kit's judgement on top of oasdiff's: oasdiff's levels judge a change for a client it does not know, while this
// kit knows what it reads (core/kit-reads.ts). A change that removes, retypes or makes optional a field the kit reads
// is an error for this kit whatever oasdiff's level, and the finding says which surface it reaches; the rule id and
// oasdiff's own level stay on the finding (`kit.oasdiffLevel`). diffSpecs stays oasdiff's judgement alone (its tests
// hold it to oasdiff's verdicts); spec:diff, spec:update and spec:pull report through here.
import { KIT_READS, KIT_SURFACES, type KitReads, type KitSurface } from "../../../core/kit-reads";
import { fieldOf, sortFindings, type Finding } from "./findings";

/** What a rule id says the change does to what a reader gets; the rest (added, narrowed, documented) takes nothing away. */
const REMOVES = /^(response-(optional-|required-)?property-removed|response-media-type-removed|response-body-media-type-schema-removed|response-(non-)?success-status-removed|response-optional-property-became-write-only|response-required-property-became-write-only|(api|api-path)-removed-.*)$/;
const RETYPES = /^response-(body|property)-(type-(changed|generalized|compatible)|list-of-types-widened|became-nullable|one-of-added|any-of-added|wrapped-in-one-of)$/;
const MAKES_OPTIONAL = /^response-property-became-optional$/;

/** The findings with this kit's judgement added: raised to error where they reach a field the kit reads, re-sorted. */
export function forThisKit(findings: Finding[], reads: KitReads = KIT_READS): Finding[] {
  return sortFindings(findings.map((finding) => judged(finding, reads)));
}

function judged(finding: Finding, reads: KitReads): Finding {
  if (!REMOVES.test(finding.id) && !RETYPES.test(finding.id) && !MAKES_OPTIONAL.test(finding.id)) return finding;
  const reached = fieldsReached(finding, reads[finding.operation]);
  if (reached.length === 0) return finding;
  // One field: the sentences alone; a body or an object with several fields read below it: each sentence names its field.
  const named = reached.length > 1;
  const reaches = reached.flatMap(({ field, read }) =>
    Object.entries(read.reads).map(([surface, would]) => `${named ? `${field}: ` : ""}${KIT_SURFACES[surface as KitSurface].name} would ${would}`),
  );
  return { ...finding, level: "error", kit: { oasdiffLevel: finding.level, reaches } };
}

/**
 * The fields the kit reads that a finding reaches: those at the finding's place in a JSON body of that status, or below
 * it (removing `breakdown` removes each lot's `remaining_units`); a whole status, body or operation reaches all of them.
 */
function fieldsReached(finding: Finding, statuses: KitReads[string] | undefined): { field: string; read: KitReads[string][string][string] }[] {
  if (!statuses) return [];
  const place = /^response (\S+)(?: (\S+))?$/.exec(finding.location);
  let status: string[];
  let at = "";
  if (finding.location === "operation") status = Object.keys(statuses);
  else if (place && (place[2] === undefined || /^application\/json\b|\+json\b/.test(place[2]))) {
    status = [place[1]!];
    at = place[2] === undefined ? "" : (fieldOf(finding) ?? "");
  } else return [];
  return status.flatMap((code) =>
    Object.entries(statuses[code] ?? {})
      .filter(([field]) => at === "" || field === at || field.startsWith(`${at}/`))
      .map(([field, read]) => ({ field, read })),
  );
}
