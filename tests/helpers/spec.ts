// The spec as tests read it: the same document Prism serves, never a copy typed into a test.
export { exampleOf, loadSpec, requestExampleOf, type OpenApiDocument as Spec, type ResponseObject } from "../../mocks/spec";
export { SPEC_FILE as SPEC_PATH } from "../../scripts/tooling/paths";
