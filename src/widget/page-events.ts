// The page-wide word that credits were bought: a DOM event on `document`, so that every <olostep-credits> of the page
// showing the same route reads at once and follows the Pending lot, whichever widget (or the page's own code) bought.

/** The event's name: `document.addEventListener("olostep-credits-purchase", …)`. */
export const PURCHASE_EVENT = "olostep-credits-purchase";

/** What the event carries (`event.detail`). */
export type PurchaseEventDetail = {
  /** The route the purchase went through, as an absolute URL (`new URL(src, document.baseURI)`). */
  src: string;
  /** The credits bought. */
  credits: number;
  /** `bought`: the route said so; `unknown`: no answer came back, even after retries with the same Idempotency-Key. */
  outcome: "bought" | "unknown";
};

/** The absolute URL of a route, without a trailing slash: `/api/billing` and `/api/billing/` are one route. */
export function routeUrl(src: string): string {
  const url = new URL(src, document.baseURI);
  url.pathname = url.pathname.replace(/\/+$/, "") || "/";
  url.hash = "";
  return url.href;
}

/** Tells every widget of the page (and anything else listening) that credits were bought through `detail.src`. */
export function announcePurchase(detail: PurchaseEventDetail): void {
  document.dispatchEvent(new CustomEvent<PurchaseEventDetail>(PURCHASE_EVENT, { detail }));
}

/** The route of a purchase event, when it is one a widget should act on (another script's event may carry anything). */
export function purchasedAt(event: Event): string | undefined {
  const detail = (event as CustomEvent<Partial<PurchaseEventDetail> | null>).detail;
  return typeof detail?.src === "string" ? routeUrl(detail.src) : undefined;
}
