// Prism's check of a request's parameters, location by location (headers, then the query, then the path): each
// location's values (parameter-values.ts) as one object, every parameter a property, coerced as ajv coerces and
// validated, its violations in Prism's words and order (the required ones missing first, then each parameter's).
import { validators, type Validate } from "../generated/validators.js";
import { deref } from "../core/openapi/refs.js";
import type { Located, OpenApiDocument, Parameter } from "../core/openapi/document.js";
import { coerced } from "./coercion.js";
import { parameterValues, type Location, type RequestParts } from "./parameter-values.js";
import { violations, type Violation } from "./request-checks.js";
import type { Answer } from "./stateful/account.js";

const LOCATIONS: Location[] = ["header", "query", "path"];

/**
 * A request Prism 5.14.2 cannot read: one of its deserialisers throws (an array or object header left out, a path value
 * with a comma for an array, an object, the label or matrix style, a delimited style on a non-array), and the throw
 * ends Prism's process. Both hosts answer it with this 500 instead (the Prism host's front door keeps it from Prism).
 */
export function unreadableParameters(spec: OpenApiDocument, parameters: Located<Parameter>[], parts: RequestParts): Answer | undefined {
  for (const location of LOCATIONS) {
    const mine = parameters.filter((parameter) => parameter.in === location && parameter.schema !== undefined);
    try {
      parameterValues(mine, location, parts, (parameter) => deref(spec, parameter.schema as object) as never);
    } catch {
      const names = mine.map((parameter) => parameter.name).join(", ");
      const detail = `Prism 5.14.2 fails to read the ${location} parameters (${names}) of this request and stops; the mock refuses it instead.`;
      return { status: 500, body: { type: "about:blank", title: "Unreadable parameters", status: 500, detail }, headers: { "content-type": "application/problem+json" } };
    }
  }
  return undefined;
}

/** Every violation of the request's parameters, in Prism's order (unreadableParameters first: this one may throw). */
export function parameterViolations(spec: OpenApiDocument, parameters: Located<Parameter>[], parts: RequestParts): Violation[] {
  return LOCATIONS.flatMap((location) => {
    // A parameter with no `schema` (one with `content`) is not in Prism's object: neither required nor checked.
    const mine = parameters.filter((parameter) => parameter.in === location && parameter.schema !== undefined);
    if (mine.length === 0) return [];
    const values = parameterValues(mine, location, parts, (parameter) => deref(spec, parameter.schema as object) as never);
    const missing = mine
      .filter((parameter) => parameter.required && values[parameter.name.toLowerCase()] === undefined)
      .map((parameter): Violation => ({ location: [location], severity: "Error", code: "required", message: `Request ${location} must have required property '${parameter.name.toLowerCase()}'` }));
    const byName = new Map(mine.map((parameter) => [parameter.name.toLowerCase(), parameter]));
    const invalid = [...byName].flatMap(([name, parameter]) => {
      if (values[name] === undefined) return [];
      return violations(asProperty(validators[`${parameter.pointer}/schema`], name), coerced(spec, parameter.schema, values[name]), [location], `Request ${location}`, "parameter");
    });
    return [...missing, ...invalid];
  });
}

/** A parameter's validator whose errors point below the parameter's name, as in Prism's object of all of them. */
function asProperty(validate: Validate | undefined, name: string): Validate | undefined {
  if (!validate) return undefined;
  const wrapped: Validate = (data) => {
    const valid = validate(data);
    wrapped.errors = validate.errors?.map((error) => ({ ...error, instancePath: `/${name}${error.instancePath}` })) ?? null;
    return valid;
  };
  return wrapped;
}
