// Validators for the spec's own component schemas (ajv), so checks follow the spec, not a copy of it.
import Ajv, { type ValidateFunction } from "ajv";
import type { Spec } from "./spec";

export { responseSchemaRef } from "../../core/openapi/document";

export function schemaValidator(spec: Spec): (ref: string) => ValidateFunction {
  // OpenAPI 3.0 schema objects carry keywords (example, nullable) that strict JSON Schema refuses.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: "billing-spec", components: spec.components });
  return (ref) => {
    const validate = ajv.getSchema(`billing-spec${ref}`);
    if (!validate) throw new Error(`no schema at ${ref}`);
    return validate;
  };
}
