// A copy of the spec with operations the vendor could add, each with the security and error answers of the balance
// read: `GET /user/credits/history` (issue 34's: `limit` integer 1–100 and `cursor`, optional), the same with `limit`
// required, and operations whose parameters cover every type and every style OpenAPI allows in the path, the query
// and a header, and request bodies as a form and as multipart. For tests that run both mock hosts on it.
import type { Operation, Parameter } from "../../core/openapi/document";
import type { Spec } from "./spec";
import type { Probe } from "./probes";

export const HISTORY = "/user/credits/history";
export const HISTORY_REQUIRED = "/user/credits/history-required";
export const STYLES_PATH = "/probe/{id}/{tags}/{range}/{point}";
export const QUERY_PATH = "/probe/query";
export const HEADER_PATH = "/probe/header";
export const FORM_PATH = "/probe/form";
export const DEPRECATED_PATH = "/probe/deprecated";
export const RECORD_PATH = "/probe/record";
export const ANSWERS_PATH = "/probe/answers";
export const NO_EXAMPLE_PATH = "/probe/no-example";

const integer = (extra: object = {}) => ({ type: "integer", ...extra });
const list = (items: object) => ({ type: "array", items });
const point = { type: "object", properties: { x: integer(), y: integer() } };

/** An operation as the vendor would add it: the balance read's security and error answers, a 200 with an example. */
function addedOperation(spec: Spec, parameters: Parameter[], answer: unknown, requestBody?: Operation["requestBody"]): Operation {
  const balance = spec.paths["/user/credits/info"]!.get!;
  return {
    summary: "Added by a test.",
    ...(balance.security ? { security: balance.security } : {}),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      "200": { description: "What was read.", content: { "application/json": { schema: { type: "object" }, example: answer } } },
      ...Object.fromEntries(Object.entries(balance.responses).filter(([status]) => !status.startsWith("2"))),
    },
  };
}

/** The spec given, with issue 34's `GET /user/credits/history` and its variant with `limit` required (changed and returned). */
export function withHistoryOperations(spec: Spec): Spec {
  const history = (required: boolean): Parameter[] => [
    { name: "limit", in: "query", required, schema: integer({ minimum: 1, maximum: 100 }) },
    { name: "cursor", in: "query", schema: { type: "string" } },
  ];
  const page = { items: [{ credits: -10, at: 1735689600 }], next_cursor: "c2" };
  spec.paths[HISTORY] = { get: addedOperation(spec, history(false), page) };
  spec.paths[HISTORY_REQUIRED] = { get: addedOperation(spec, history(true), page) };
  return spec;
}

/** The spec given, with every operation above added (changed and returned). */
export function withParameterOperations(spec: Spec): Spec {
  withHistoryOperations(spec);
  const operation = (parameters: Parameter[], answer: unknown, requestBody?: Operation["requestBody"]) => addedOperation(spec, parameters, answer, requestBody);
  spec.paths[STYLES_PATH] = {
    get: operation(
      [
        { name: "id", in: "path", required: true, schema: integer({ minimum: 1 }) },
        { name: "tags", in: "path", required: true, style: "label", explode: true, schema: list({ type: "string", enum: ["a", "b", "c"] }) },
        { name: "range", in: "path", required: true, style: "matrix", explode: true, schema: list(integer()) },
        { name: "point", in: "path", required: true, style: "simple", explode: true, schema: point },
      ],
      { read: true },
    ),
  };
  spec.paths[QUERY_PATH] = {
    get: operation(
      [
        { name: "count", in: "query", required: true, schema: integer({ maximum: 10 }) },
        { name: "ratio", in: "query", schema: { type: "number", exclusiveMaximum: 1 } },
        { name: "flag", in: "query", schema: { type: "boolean" } },
        { name: "kind", in: "query", schema: { type: "string", enum: ["Top-up", "Subscription"] } },
        { name: "ids", in: "query", explode: true, schema: list(integer()) },
        { name: "csv", in: "query", explode: false, schema: list(integer()) },
        { name: "spaced", in: "query", style: "spaceDelimited", schema: list({ type: "string" }) },
        { name: "piped", in: "query", style: "pipeDelimited", schema: list(integer()) },
        { name: "filter", in: "query", style: "deepObject", explode: true, schema: point },
        { name: "pair", in: "query", explode: false, schema: point },
        { name: "old", in: "query", deprecated: true, schema: { type: "string" } },
      ],
      { read: true },
    ),
  };
  // readOnly properties are the server's: Prism leaves them out of what a request must send (inline, and through a $ref).
  spec.components.schemas.ProbeRecord = { type: "object", required: ["id", "name"], properties: { id: { type: "string", readOnly: true }, name: { type: "string" } } };
  const record = { type: "object", required: ["id", "name", "inner"], properties: { id: { type: "string", readOnly: true }, name: { type: "string" }, inner: { $ref: "#/components/schemas/ProbeRecord" } } };
  spec.components.schemas.ProbeTree = { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/ProbeTree" } } } };
  spec.paths[RECORD_PATH] = { post: operation([], { saved: true }, { required: true, content: { "application/json": { schema: record } } }) };
  // Answers as the vendor may write them: headers, another media type, no body, no example (Prism makes one from the
  // schema).
  const headers = { "X-Limit": { schema: { type: "integer" }, example: 5 }, "X-Window": { schema: { type: "string" } } };
  spec.paths[ANSWERS_PATH] = {
    get: {
      ...operation([], {}),
      responses: {
        "200": { description: "With headers.", headers, content: { "application/json": { schema: { type: "object" }, example: { read: true } }, "text/csv": { schema: { type: "string" }, example: "read\ntrue\n" } } },
        "202": { description: "Words.", content: { "text/plain": { schema: { type: "string" }, example: "accepted" } } },
        "204": { description: "Nothing." },
      },
    },
  };
  // A pattern the sample cannot know: Prism's sample breaks its own schema, and Prism (--errors) answers a 500 naming it.
  spec.paths[`${NO_EXAMPLE_PATH}-pattern`] = {
    get: { ...operation([], {}), responses: { "200": { description: "No example.", content: { "application/json": { schema: { type: "object", properties: { url: { type: "string", pattern: "^/v1/" } } } } } } } },
  };
  spec.paths[NO_EXAMPLE_PATH] = {
    get: {
      ...operation([], {}),
      responses: {
        "200": {
          description: "No example.",
          headers,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["count", "items"],
                properties: {
                  count: { type: "integer", minimum: 3 },
                  items: { type: "array", minItems: 2, items: { $ref: "#/components/schemas/ProbeRecord" } },
                  when: { type: "string", format: "date-time" },
                  day: { type: "string", format: "date" },
                  id: { type: "string", format: "uuid" },
                  team_id: { type: "string", format: "uuid" },
                  email: { type: "string", format: "email" },
                  secret: { type: "string", format: "password", minLength: 12 },
                  code: { type: "string", minLength: 10, maxLength: 12 },
                  kind: { type: "string", enum: ["x", "y"] },
                  ratio: { type: "number", maximum: 0.5 },
                  maybe: { type: "string", nullable: true },
                  merged: { allOf: [{ type: "object", properties: { a: { type: "integer" } } }, { properties: { b: { type: "boolean" } } }] },
                  either: { oneOf: [{ type: "integer", default: 7 }, { type: "string" }] },
                  map: { type: "object", additionalProperties: { type: "integer" } },
                  tree: { $ref: "#/components/schemas/ProbeTree" },
                  plain: { description: "no type at all" },
                },
              },
            },
          },
        },
      },
    },
  };
  spec.paths[DEPRECATED_PATH] = { get: { ...operation([], { read: true }), deprecated: true } };
  spec.paths[HEADER_PATH] = {
    get: operation(
      [
        { name: "X-Count", in: "header", required: true, schema: integer({ minimum: 1 }) },
        { name: "X-Ids", in: "header", schema: list(integer()) },
        { name: "X-Point", in: "header", explode: true, schema: point },
        { name: "X-Live", in: "header", schema: { type: "boolean" } },
      ],
      { read: true },
    ),
  };
  const formSchema = { type: "object", required: ["count"], properties: { count: integer({ maximum: 10 }), note: { type: "string", maxLength: 5 } } };
  spec.paths[FORM_PATH] = {
    post: operation([], { received: true }, { required: true, content: { "application/x-www-form-urlencoded": { schema: formSchema }, "multipart/form-data": { schema: formSchema } } }),
  };
  return spec;
}

const key = { authorization: "Bearer team-params" };
const get = (name: string, path: string, headers: Record<string, string> = {}): Probe => ({ name, path, headers: { ...key, ...headers } });
const post = (name: string, type: string, body: string): Probe => ({ name, method: "POST", path: FORM_PATH, headers: { ...key, "content-type": type }, body });
const multipart = (fields: Record<string, string>) =>
  `${Object.entries(fields).map(([name, value]) => `--b0\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("")}--b0--\r\n`;

/** The array and object headers: Prism cannot read a request without them. */
const lists = { "x-ids": "1,2", "x-point": "x=1,y=2" };

/** Requests to the operations above, valid and not, by name (the tests look some up by it). */
export const PARAMETER_PROBES: Probe[] = [
  get("history, limit and cursor", `${HISTORY}?limit=10&cursor=x`),
  get("history, no parameters", HISTORY),
  get("history, limit=ten", `${HISTORY}?limit=ten`),
  get("history, limit=0", `${HISTORY}?limit=0`),
  get("history, limit=101", `${HISTORY}?limit=101`),
  get("history, limit=1.5", `${HISTORY}?limit=1.5`),
  get("history, limit empty", `${HISTORY}?limit=`),
  get("history, limit twice", `${HISTORY}?limit=1&limit=2`),
  get("history, Limit in capitals", `${HISTORY}?Limit=ten`),
  get("required history, limit and cursor", `${HISTORY_REQUIRED}?limit=10&cursor=x`),
  get("required history, no limit", `${HISTORY_REQUIRED}?cursor=x`),
  get("required history, limit=ten", `${HISTORY_REQUIRED}?limit=ten`),
  get("required history, limit=0", `${HISTORY_REQUIRED}?limit=0`),
  get("required history, no Authorization, no limit", HISTORY_REQUIRED, { authorization: "" }),
  get("required history, Prefer: code=402", `${HISTORY_REQUIRED}?limit=5`, { prefer: "code=402, example=credits_exhausted" }),
  get("path, every style valid", "/probe/7/.a.b/;range=1;range=2/x=1"),
  get("path, id not an integer", "/probe/seven/.a.b/;range=1;range=2/x=1"),
  get("path, id below the minimum", "/probe/0/.a.b/;range=1/x=1"),
  get("path, id with an encoded comma", "/probe/7%2C8/.a/;range=1/x=1"),
  get("path, id with a comma", "/probe/7,8/.a/;range=1/x=1"),
  get("path, a label outside the enum", "/probe/7/.a.z/;range=1/x=1"),
  get("path, an empty label", "/probe/7/./;range=1/x=1"),
  get("path, a matrix item not an integer", "/probe/7/.a/;range=1;range=two/x=1"),
  get("path, an object property not an integer", "/probe/7/.a/;range=1/x=one"),
  // Prism 5.14.2's deserialisers throw on these, and the throw ends its process: both hosts refuse them with a 500.
  get("path, a label without its dot", "/probe/7/a.b/;range=1/x=1"),
  get("path, a matrix without its name", "/probe/7/.a/;other=1/x=1"),
  get("path, an object of two properties (a comma)", "/probe/7/.a/;range=1/x=1,y=2"),
  get("query, every style valid", `${QUERY_PATH}?count=3&ratio=0.5&flag=true&kind=Top-up&ids=1&ids=2&csv=1,2&spaced=a%20b&piped=1|2&filter[x]=1&filter[y]=2&pair=x,1,y,2`),
  get("query, a deprecated parameter", `${QUERY_PATH}?count=1&old=x`),
  get("query, a deprecated parameter and an error", `${QUERY_PATH}?count=x&old=x`),
  get("a deprecated operation", DEPRECATED_PATH),
  get("an answer with headers", ANSWERS_PATH),
  get("an answer with headers, accepting CSV", ANSWERS_PATH, { accept: "text/csv" }),
  get("an answer with headers, accepting CSV or JSON", ANSWERS_PATH, { accept: "text/csv;q=0.5, application/json" }),
  get("an answer with headers, accepting anything", ANSWERS_PATH, { accept: "*/*" }),
  get("an answer with no example", NO_EXAMPLE_PATH),
  get("an answer with no example, whose sample breaks a pattern", `${NO_EXAMPLE_PATH}-pattern`),
  get("an answer in words", ANSWERS_PATH, { prefer: "code=202" }),
  get("an answer with no body", ANSWERS_PATH, { prefer: "code=204" }),
  { ...post("a record without its readOnly ids", "application/json", '{"name":"a","inner":{"name":"b"}}'), path: RECORD_PATH },
  { ...post("a record with its readOnly ids", "application/json", '{"id":"1","name":"a","inner":{"id":"2","name":"b"}}'), path: RECORD_PATH },
  { ...post("a record without its name", "application/json", '{"inner":{}}'), path: RECORD_PATH },
  get("query, count missing", `${QUERY_PATH}?ratio=0.5`),
  get("query, count too large", `${QUERY_PATH}?count=11`),
  get("query, ratio not a number", `${QUERY_PATH}?count=1&ratio=half`),
  get("query, ratio at the exclusive maximum", `${QUERY_PATH}?count=1&ratio=1`),
  get("query, flag not a boolean", `${QUERY_PATH}?count=1&flag=yes`),
  get("query, flag=false", `${QUERY_PATH}?count=1&flag=false`),
  get("query, kind outside the enum", `${QUERY_PATH}?count=1&kind=Refund`),
  get("query, ids with one not an integer", `${QUERY_PATH}?count=1&ids=1&ids=x`),
  get("query, ids as one comma list", `${QUERY_PATH}?count=1&ids=1,2`),
  get("query, csv with one not an integer", `${QUERY_PATH}?count=1&csv=1,x`),
  get("query, csv repeated", `${QUERY_PATH}?count=1&csv=1&csv=2,y`),
  get("query, piped with one not an integer", `${QUERY_PATH}?count=1&piped=1|x`),
  get("query, filter with a property not an integer", `${QUERY_PATH}?count=1&filter[x]=one`),
  get("query, pair with a property not an integer", `${QUERY_PATH}?count=1&pair=x,one`),
  get("query, every parameter broken", `${QUERY_PATH}?count=x&ratio=y&flag=z&kind=w&ids=v&csv=u&piped=t&filter[x]=s&pair=x,r`),
  get("header, every style valid", HEADER_PATH, { ...lists, "x-count": "2", "x-live": "true" }),
  get("header, count missing", HEADER_PATH, lists),
  get("header, count not an integer", HEADER_PATH, { ...lists, "x-count": "two" }),
  get("header, count empty", HEADER_PATH, { ...lists, "x-count": "" }),
  get("header, an id not an integer", HEADER_PATH, { ...lists, "x-count": "2", "x-ids": "1,x" }),
  get("header, a point property not an integer", HEADER_PATH, { ...lists, "x-count": "2", "x-point": "x=one" }),
  get("header, live not a boolean", HEADER_PATH, { ...lists, "x-count": "2", "x-live": "maybe" }),
  get("header, live=false", HEADER_PATH, { ...lists, "x-count": "2", "x-live": "false" }),
  // Prism 5.14.2 throws on an array or object header left out (and stops): both hosts refuse it with a 500.
  get("header, the array header left out", HEADER_PATH, { "x-count": "2", "x-point": "x=1" }),
  post("form, valid", "application/x-www-form-urlencoded", "count=3&note=hi"),
  post("form, count not an integer", "application/x-www-form-urlencoded", "count=three"),
  post("form, count missing", "application/x-www-form-urlencoded", "note=hi"),
  post("form, note too long", "application/x-www-form-urlencoded", "count=3&note=hello+world"),
  post("multipart, valid", "multipart/form-data; boundary=b0", multipart({ count: "3", note: "hi" })),
  post("multipart, count too large", "multipart/form-data; boundary=b0", multipart({ count: "30" })),
  post("multipart, no boundary", "multipart/form-data", multipart({ count: "3" })),
  post("JSON to a form operation", "application/json", '{"count":3}'),
];
