// Friendly names for the generated types; never restated by hand.
import type { components } from "../generated/billing.js";

type Schemas = components["schemas"];

export type CreditsInfo = Schemas["CreditsInfoResponse"];
export type CreditLot = Schemas["CreditsBreakdownItem"];
export type PurchaseKind = NonNullable<CreditLot["purchase_kind"]>;
export type ActiveSubscription = Schemas["ActiveSubscription"];
export type ErrorBody = Schemas["ErrorResponse"];
export type TopupCredits = Schemas["PurchaseTopupRequest"]["credits"];
export type TopupReceipt = Schemas["PurchaseTopupSuccess"];
