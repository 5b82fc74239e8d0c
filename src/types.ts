// Friendly names for the generated types; never restated by hand.
import type { components } from "../generated/billing.js";

type Schemas = components["schemas"];

/** The answer to `GET /user/credits/info`: the balance, its lots, the plan, whether usage is allowed. */
export type CreditsInfo = Schemas["CreditsInfoResponse"];
/** One lot of credits in `CreditsInfo.breakdown`: how it was issued, how much is left, when it expires. */
export type CreditLot = Schemas["CreditsBreakdownItem"];
/** How a lot was issued (`Subscription`, `Top-up`, `Pending`, …). */
export type PurchaseKind = NonNullable<CreditLot["purchase_kind"]>;
/** The team's plan, in `CreditsInfo.active_subscription`. */
export type ActiveSubscription = Schemas["ActiveSubscription"];
/** An error answer's body, as the spec describes it. */
export type ErrorBody = Schemas["ErrorResponse"];
/** The amounts a top-up may buy (TOPUP_CREDITS lists them). */
export type TopupCredits = Schemas["PurchaseTopupRequest"]["credits"];
/** The answer to a successful `POST /user/purchase-topup`: the payment, before the credits land. */
export type TopupReceipt = Schemas["PurchaseTopupSuccess"];
