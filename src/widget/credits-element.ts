/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// <olostep-credits src="/api/billing">: the team's balance as bars per lot, for browsers, with no dependencies.
// It fetches from your own server's route (createBillingHandler), never from the API: the key is not in the browser.
import { freshnessOf, isStale, readUpstreamAt, retryAfterMs } from "./freshness.js";
import { announcePurchase, purchasedAt, PURCHASE_EVENT, routeUrl } from "./page-events.js";
import { purchaseCredits, purchaseNote, routeErrorCode } from "./purchase.js";
import { MAX_RETRY_AFTER_MS, ReadSchedule } from "./read-schedule.js";
import { hasPending, number, renderView, type Info, type View } from "./render.js";

/**
 * `<olostep-credits src="/api/billing">`: the team's balance as bars per lot, read from your route. Attributes:
 * `src` (the route), `refresh` (seconds between reads; each read revalidates, so an unchanged balance costs a 304),
 * `topup-credits` (shows a Buy button for that amount; the route needs `allowTopup`). After a stale answer (its `Age`
 * past its `max-age`) it reads once more a second later; while a lot is `Pending` it reads every couple of seconds,
 * for up to two minutes. A purchase from any widget of the page dispatches `olostep-credits-purchase` on `document`,
 * and every widget of the page with the same `src` reads at once. Styled by `--olostep-credits-*` custom properties.
 * Importing `olostep-billing/widget` defines it.
 */
export class OlostepCreditsElement extends HTMLElement {
  /** The attributes whose change reloads the element. */
  static observedAttributes = ["src", "refresh", "topup-credits"];
  readonly #root = this.attachShadow({ mode: "open" });
  #schedule = new ReadSchedule();
  #view: View = { note: "", buyCredits: 0, buying: false };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #loading: AbortController | undefined;
  #queued = false;

  /** A purchase anywhere on the page, through this widget's route: read now, and follow the Pending lot. */
  readonly #onPurchase = (event: Event): void => {
    if (purchasedAt(event) !== routeUrl(this.#src())) return;
    this.#schedule.purchased(Date.now());
    void this.refresh();
  };

  /** Called by the browser when the element enters a page: loads, and starts the refresh. */
  connectedCallback(): void {
    // A page that moved the element starts its reads afresh (a follow that ran out while it was away is not left over).
    this.#schedule = new ReadSchedule();
    document.addEventListener(PURCHASE_EVENT, this.#onPurchase);
    this.#reload();
  }

  /** Called by the browser when the element leaves the page: stops every read, timed or in flight. */
  disconnectedCallback(): void {
    document.removeEventListener(PURCHASE_EVENT, this.#onPurchase);
    clearTimeout(this.#timer);
    this.#loading?.abort();
  }

  /** Called by the browser when an observed attribute changes: reloads once for any number of changes. */
  attributeChangedCallback(): void {
    if (this.isConnected) this.#reload();
  }

  /** One load for however many changes arrive together (an upgrade reports every attribute, then connects). */
  #reload(): void {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#render();
      void this.refresh();
    });
  }

  #src(): string {
    return this.getAttribute("src") ?? "/api/billing";
  }

  /** Reads the balance again from `src`: the browser revalidates its copy (a 304 costs no body), never re-downloads. */
  async refresh(): Promise<void> {
    clearTimeout(this.#timer);
    this.#loading?.abort();
    const loading = (this.#loading = new AbortController());
    try {
      const response = await fetch(this.#src(), { headers: { accept: "application/json" }, cache: "no-cache", signal: loading.signal });
      const receivedAt = Date.now();
      const body = (await response.json().catch(() => undefined)) as (Info & { error?: unknown }) | undefined;
      if (loading.signal.aborted) return;
      const waitMs = retryAfterMs(response, receivedAt, MAX_RETRY_AFTER_MS);
      if (!response.ok || typeof body !== "object" || body === null || Array.isArray(body)) {
        this.#schedule.failed(waitMs, receivedAt);
        this.#view.error = routeErrorCode(body?.error) ?? `status ${response.status}`;
      } else {
        const answer = freshnessOf(response, receivedAt);
        this.#schedule.answered(answer, hasPending(body), waitMs, receivedAt);
        // "As of" only for a stale answer: one the route could not refresh in time (upstream slow or failing).
        Object.assign(this.#view, { info: body, error: undefined, asOf: isStale(answer) ? new Date(readUpstreamAt(answer)) : undefined });
      }
    } catch {
      if (loading.signal.aborted) return;
      this.#schedule.failed(0, Date.now());
      // fetch rejects only when no answer came (the network, CORS, a server that hung up).
      this.#view.error = "no answer";
    }
    this.#render();
    this.#next();
  }

  /** Buys `credits` through `src` (the server must allow top-ups) after the user confirms; one purchase at a time. */
  async buy(credits: number): Promise<void> {
    if (this.#view.buying) return;
    // Disabled before the question: the second click of a double click finds no button to press.
    this.#view.buying = true;
    this.#render();
    try {
      if (!confirm(`Buy ${number(credits)} credits with the team's saved card?`)) return;
      const outcome = await purchaseCredits(this.#src(), credits);
      this.#view.note = purchaseNote(outcome);
      // Bought, or perhaps bought: every widget of the page showing this route reads now and follows the Pending lot.
      if (outcome.kind !== "refused") announcePurchase({ src: routeUrl(this.#src()), credits, outcome: outcome.kind });
    } finally {
      this.#view.buying = false;
      this.#render();
    }
  }

  #next(): void {
    clearTimeout(this.#timer);
    if (!this.isConnected) return;
    const delay = this.#schedule.next(Number(this.getAttribute("refresh")) || 0, Date.now());
    if (delay !== undefined) this.#timer = setTimeout(() => void this.refresh(), delay);
  }

  #render(): void {
    const amount = Number(this.getAttribute("topup-credits"));
    this.#view.buyCredits = amount > 0 ? amount : 0;
    this.#root.replaceChildren(...renderView(this.#view, () => void this.buy(this.#view.buyCredits)));
  }
}

if (!customElements.get("olostep-credits")) customElements.define("olostep-credits", OlostepCreditsElement);
