// Mock-only answers, served by the mock as named examples (Prefer: example=<name>) and as the balance a new API key
// starts from (an API key ending in :<name>, or --scenario). Each body is checked against the spec by
// tests/mocks/scenarios.test.ts. A module, not JSON: the ES module build runs in Node without import attributes.
// Dates are the spec example's: a yearly plan from 2024-01-01 whose lot expires 2025-01-01 (the stateful mock moves them
// all by the same days, so that the earliest lot expires a month from today); a lot bought "today" lasts a year, as
// the mock's own top-ups do (a Pending lot bought on 2024-12-02 expires 2025-12-02).
import type { OperationName } from "../generated/operations.js";

export type Scenario = { name: string; summary: string; operation: OperationName; status: string; body: unknown };

export const SCENARIOS: readonly Scenario[] = [
  {
    "name": "exhausted",
    "summary": "A team that has used every credit of its plan: usage is no longer allowed until a top-up lands or the plan renews.",
    "operation": "GET /user/credits/info",
    "status": "200",
    "body": {
      "credits": 0,
      "breakdown": [
        {
          "purchase_kind": "Subscription",
          "allocated_units": 10000,
          "remaining_units": 0,
          "expiry_date": 1735689600
        }
      ],
      "active_subscription": {
        "id": "SUB_PRO",
        "display_name": "Pro",
        "credits": 10000,
        "created_at": 1704067200
      },
      "allow_usage": false
    }
  },
  {
    "name": "topup-pending",
    "summary": "Right after a top-up: the purchased lot is still Pending until Stripe's webhook confirms the payment.",
    "operation": "GET /user/credits/info",
    "status": "200",
    "body": {
      "credits": 8500,
      "breakdown": [
        {
          "purchase_kind": "Subscription",
          "allocated_units": 10000,
          "remaining_units": 8500,
          "expiry_date": 1735689600
        },
        {
          "purchase_kind": "Pending",
          "allocated_units": 10000,
          "remaining_units": 0,
          "expiry_date": 1764633600
        }
      ],
      "active_subscription": {
        "id": "SUB_PRO",
        "display_name": "Pro",
        "credits": 10000,
        "created_at": 1704067200
      },
      "allow_usage": true
    }
  }
];
