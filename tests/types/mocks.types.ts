// Compile-time checks (run by `npm run typecheck`): the names the mocks take are the spec's, per operation and status.
import { preferHeader, startMock, type ForcedStatuses, type ScenarioName } from "../../mocks";
import { createHandlers } from "../../mocks/msw/node";

export async function mockTypeChecks(): Promise<void> {
  const force: ForcedStatuses = {
    "GET /user/credits/info": { status: 402, example: "credits_exhausted" },
    "POST /user/purchase-topup": 429,
  };
  await startMock({ force, scenario: "exhausted" });
  // @ts-expect-error a misspelt example name is a compile error
  await startMock({ force: { "GET /user/credits/info": { status: 402, example: "credits_exhuasted" } } });
  // @ts-expect-error an example of another status is a compile error (credits_exhausted is a 402's)
  createHandlers({ force: { "GET /user/credits/info": { status: 500, example: "credits_exhausted" } } });
  // @ts-expect-error a status the operation does not document is a compile error
  createHandlers({ force: { "GET /user/credits/info": 418 } });
  // @ts-expect-error an operation the spec does not have is a compile error
  createHandlers({ force: { "GET /no-such-operation-in-the-spec": 200 } });
  // @ts-expect-error a scenario the spec and the mock do not have is a compile error
  createHandlers({ scenario: "broke" });
  const scenario: ScenarioName = "credits_exhausted";
  void scenario;
  const prefer: string = preferHeader("POST /user/purchase-topup", { status: 429, example: "rate_limit_exceeded" });
  // @ts-expect-error Prefer: example= takes the names of that operation and status only
  preferHeader("POST /user/purchase-topup", { status: 429, example: "credits_exhausted" });
  void prefer;
}
