// What changed between two versions of the spec, and which changes break callers.
import { operationsOf, type OpenApiDocument, type Operation } from "../../mocks/spec";

export type Change = { what: string; breaking: boolean };

type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; $ref?: string };

export function diffSpecs(before: OpenApiDocument, after: OpenApiDocument): Change[] {
  return [...diffOperations(before, after), ...diffSchemas(before, after)];
}

function operations(doc: OpenApiDocument): Map<string, Operation> {
  return new Map(operationsOf(doc).map(({ name, operation }) => [name, operation]));
}

function diffOperations(before: OpenApiDocument, after: OpenApiDocument): Change[] {
  const changes: Change[] = [];
  const old = operations(before);
  const now = operations(after);
  for (const name of old.keys()) if (!now.has(name)) changes.push({ what: `operation ${name} removed`, breaking: true });
  for (const [name, operation] of now) {
    const previous = old.get(name);
    if (!previous) {
      changes.push({ what: `operation ${name} added`, breaking: false });
      continue;
    }
    if (operation.requestBody?.required && !previous.requestBody?.required) {
      changes.push({ what: `operation ${name}: request body now required`, breaking: true });
    }
    const oldStatuses = Object.keys(previous.responses ?? {});
    const newStatuses = Object.keys(operation.responses ?? {});
    for (const status of newStatuses.filter((s) => !oldStatuses.includes(s))) {
      changes.push({ what: `operation ${name}: response ${status} added`, breaking: false });
    }
    for (const status of oldStatuses.filter((s) => !newStatuses.includes(s))) {
      changes.push({ what: `operation ${name}: response ${status} removed`, breaking: true });
    }
  }
  return changes;
}

function diffSchemas(before: OpenApiDocument, after: OpenApiDocument): Change[] {
  const old = (before.components?.schemas ?? {}) as Record<string, Schema>;
  const now = (after.components?.schemas ?? {}) as Record<string, Schema>;
  const changes: Change[] = [];
  for (const name of Object.keys(old)) if (!(name in now)) changes.push({ what: `schema ${name} removed`, breaking: true });
  for (const [name, schema] of Object.entries(now)) {
    if (!(name in old)) changes.push({ what: `schema ${name} added`, breaking: false });
    else changes.push(...diffSchema(name, old[name]!, schema));
  }
  return changes;
}

/** A property removed, a type changed, an enum value removed, or a field newly required breaks callers. */
function diffSchema(at: string, before: Schema, after: Schema): Change[] {
  const changes: Change[] = [];
  if ((before.type ?? before.$ref) !== (after.type ?? after.$ref)) {
    changes.push({ what: `${at}: type ${before.type ?? before.$ref ?? "any"} → ${after.type ?? after.$ref ?? "any"}`, breaking: true });
  }
  const removedValues = (before.enum ?? []).filter((value) => !(after.enum ?? []).includes(value));
  const addedValues = (after.enum ?? []).filter((value) => !(before.enum ?? []).includes(value));
  if (after.enum && removedValues.length) changes.push({ what: `${at}: enum value ${removedValues.map(String).join(", ")} removed`, breaking: true });
  if (before.enum && addedValues.length) changes.push({ what: `${at}: enum value ${addedValues.map(String).join(", ")} added`, breaking: false });
  for (const field of (after.required ?? []).filter((f) => !(before.required ?? []).includes(f))) {
    changes.push({ what: `${at}.${field}: now required`, breaking: true });
  }
  const oldProps = before.properties ?? {};
  const newProps = after.properties ?? {};
  for (const prop of Object.keys(oldProps)) if (!(prop in newProps)) changes.push({ what: `${at}.${prop} removed`, breaking: true });
  for (const [prop, schema] of Object.entries(newProps)) {
    if (!(prop in oldProps)) changes.push({ what: `${at}.${prop} added`, breaking: false });
    else changes.push(...diffSchema(`${at}.${prop}`, oldProps[prop]!, schema));
  }
  if (before.items && after.items) changes.push(...diffSchema(`${at}[]`, before.items, after.items));
  return changes;
}
