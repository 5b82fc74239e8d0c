// olostep-billing/msw in a consumer: its handlers go to msw's setupServer as they are, typed by msw's own declarations.
import { setupServer } from "msw/node";
import { createHandlers, type MockHandlers } from "olostep-billing/msw";

const mock: MockHandlers = createHandlers({ settleMs: 0, force: { "GET /user/credits/info": 500 } });
export const server = setupServer(...mock.handlers);
export const seen: { method: string; path: string; status: number }[] = mock.requests();
