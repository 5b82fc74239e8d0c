/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// olostep-billing/widget: `import "olostep-billing/widget"` defines <olostep-credits>.
export { OlostepCreditsElement } from "./credits-element.js";
export { PURCHASE_EVENT, type PurchaseEventDetail } from "./page-events.js";
