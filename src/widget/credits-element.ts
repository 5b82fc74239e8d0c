/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// <olostep-credits src="/api/billing">: the team's balance as bars per lot, for browsers, with no dependencies.
// It fetches from your own server's route (createBillingHandler), never from the API: the key is not in the browser.

type Lot = { purchase_kind?: string; allocated_units?: number; remaining_units?: number; expiry_date?: number };
type Info = { credits?: number; breakdown?: Lot[]; active_subscription?: { id?: string; display_name?: string; credits?: number }; allow_usage?: boolean };

const STYLE = `:host{display:block;font:14px/1.4 var(--olostep-credits-font,system-ui,sans-serif);color:var(--olostep-credits-fg,#1d2330);background:var(--olostep-credits-bg,#fff);border:1px solid var(--olostep-credits-border,#d9dde5);border-radius:var(--olostep-credits-radius,10px);padding:16px;max-width:32rem}
h2{font-size:13px;font-weight:600;margin:0;color:var(--olostep-credits-muted,#5b6475);text-transform:uppercase;letter-spacing:.04em}
.total{font-size:32px;font-weight:700;margin:2px 0}.pill{font-size:12px;padding:2px 8px;border-radius:99px;background:#e3f6e8;color:#17693a}.pill.no{background:#fde8e8;color:#a12121}
.plan,.muted{color:var(--olostep-credits-muted,#5b6475)}ul{list-style:none;margin:12px 0 0;padding:0}li{margin:10px 0}
.row{display:flex;justify-content:space-between;gap:8px}.bar{height:8px;border-radius:4px;background:#eceef3;overflow:hidden;margin:4px 0}
.fill{height:100%;background:var(--olostep-credits-bar,#3461e0)}.pending .fill{background:var(--olostep-credits-pending,#e0a234)}.expired{opacity:.55}
.tag{font-size:12px;font-weight:600}.pending .tag{color:var(--olostep-credits-pending,#b07610)}.expired .tag{color:var(--olostep-credits-expired,#a12121)}
button{margin-top:12px;font:inherit;padding:6px 12px;border-radius:6px;border:1px solid var(--olostep-credits-bar,#3461e0);background:var(--olostep-credits-bar,#3461e0);color:#fff;cursor:pointer}
[role=alert]{color:var(--olostep-credits-expired,#a12121)}`;

/**
 * When a stale answer was read upstream (the route could not refresh it in time), from its headers as RFC 9111 §4.2
 * reads them: max-age is the answer's freshness lifetime and Age how old it is; fresh while the lifetime is greater.
 */
function staleSince(response: Response): Date | undefined {
  const age = Number(response.headers.get("age") ?? 0);
  const maxAge = Number(/(?:^|,)\s*max-age=(\d+)/i.exec(response.headers.get("cache-control") ?? "")?.[1] ?? Number.NaN);
  // An answer just read (Age 0) is as current as any; one without a lifetime says nothing of its freshness.
  return age > 0 && age >= maxAge ? new Date(Date.now() - age * 1000) : undefined;
}

const number = (value: unknown) => (typeof value === "number" ? value.toLocaleString("en-US") : "?");
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function h(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/**
 * `<olostep-credits src="/api/billing">`: the team's balance as bars per lot, read from your route. Attributes:
 * `src` (the route), `refresh` (seconds between reads; each read revalidates, so an unchanged balance costs a 304),
 * `topup-credits` (shows a Buy button for that amount; the route needs `allowTopup`). Styled by `--olostep-credits-*`
 * custom properties. Importing `olostep-billing/widget` defines it.
 */
export class OlostepCreditsElement extends HTMLElement {
  /** The attributes whose change reloads the element. */
  static observedAttributes = ["src", "refresh", "topup-credits"];
  readonly #root = this.attachShadow({ mode: "open" });
  #timer: ReturnType<typeof setInterval> | undefined;
  #loading: AbortController | undefined;
  #info: Info | undefined;
  /** When the answer shown was read upstream, if the route served it stale (upstream failing or being left alone). */
  #asOf: Date | undefined;
  #note = "";

  #queued = false;

  /** Called by the browser when the element enters a page: loads, and starts the refresh. */
  connectedCallback(): void {
    this.#reload();
  }

  /** Called by the browser when the element leaves the page: stops the refresh and any read in flight. */
  disconnectedCallback(): void {
    clearInterval(this.#timer);
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
      this.#schedule();
      void this.refresh();
    });
  }

  /** Reads the balance again from `src`: the browser revalidates its copy (a 304 costs no body), never re-downloads. */
  async refresh(): Promise<void> {
    this.#loading?.abort();
    const loading = (this.#loading = new AbortController());
    if (!this.#info) this.#show([h("p", { class: "muted", "aria-busy": "true" }, "Loading credits…")]);
    try {
      const response = await fetch(this.getAttribute("src") ?? "/api/billing", { headers: { accept: "application/json" }, cache: "no-cache", signal: loading.signal });
      const body = (await response.json()) as Info & { error?: string };
      if (!response.ok) throw new Error(body.error ?? `status ${response.status}`);
      this.#info = body;
      this.#asOf = staleSince(response);
      this.#render();
    } catch (error) {
      if (loading.signal.aborted) return;
      this.#show([h("p", { role: "alert" }, `Could not load the credits (${(error as Error).message}).`)]);
    }
  }

  /** Buys `credits` through `src` (the server must allow top-ups) after the user confirms. */
  async buy(credits: number): Promise<void> {
    if (!confirm(`Buy ${number(credits)} credits with the team's saved card?`)) return;
    const response = await fetch(this.getAttribute("src") ?? "/api/billing", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({ credits }),
    });
    const body = (await response.json()) as { error?: string; retryAfterSeconds?: number };
    this.#note = response.ok ? "Bought: the credits show as pending until the payment is confirmed." : `Not bought (${body.error}${body.retryAfterSeconds ? `, try again in ${body.retryAfterSeconds} s` : ""}).`;
    await this.refresh();
  }

  #schedule(): void {
    clearInterval(this.#timer);
    const seconds = Number(this.getAttribute("refresh"));
    if (seconds > 0) this.#timer = setInterval(() => void this.refresh(), seconds * 1000);
  }

  #show(content: (Node | string)[]): void {
    this.#root.replaceChildren(h("style", {}, STYLE), ...content);
  }

  #render(): void {
    const info = this.#info!;
    const plan = info.active_subscription;
    const lots = info.breakdown ?? [];
    const now = Date.now() / 1000;
    const allowed = info.allow_usage !== false;
    const content: (Node | string)[] = [
      h("h2", {}, "Credits"),
      h("div", { class: "total" }, number(info.credits)),
      h("span", { class: allowed ? "pill" : "pill no" }, allowed ? "usage allowed" : "usage not allowed"),
    ];
    if (this.#asOf) content.push(h("p", { class: "muted asof" }, `as of ${this.#asOf.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`));
    if (plan) content.push(h("p", { class: "plan" }, `${plan.display_name ?? "?"} (${plan.id ?? "?"}) · ${number(plan.credits)} credits included`));
    content.push(lots.length ? h("ul", {}, ...lots.map((lot) => this.#lot(lot, now))) : h("p", { class: "muted" }, "No credit lots."));
    const amount = Number(this.getAttribute("topup-credits"));
    if (amount > 0) {
      const button = h("button", { type: "button" }, `Buy ${number(amount)} credits`);
      button.addEventListener("click", () => void this.buy(amount));
      content.push(button);
    }
    if (this.#note) content.push(h("p", { role: "status" }, this.#note));
    this.#show(content);
  }

  #lot(lot: Lot, now: number): HTMLElement {
    const allocated = lot.allocated_units ?? 0;
    const remaining = lot.remaining_units ?? 0;
    const pending = lot.purchase_kind === "Pending";
    const expired = lot.expiry_date !== undefined && lot.expiry_date < now;
    const state = pending ? "pending" : expired ? "expired" : "";
    const label = `${lot.purchase_kind ?? "Lot"}: ${number(remaining)} of ${number(allocated)} credits left${pending ? ", pending payment" : expired ? ", expired" : ""}`;
    const percent = allocated > 0 ? Math.max(0, Math.min(100, (remaining / allocated) * 100)) : 0;
    const bar = h("div", { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": String(allocated), "aria-valuenow": String(remaining), "aria-label": label }, h("div", { class: "fill", style: `width:${percent}%` }));
    const when = lot.expiry_date === undefined ? "" : `${expired ? "expired" : "expires"} ${day(lot.expiry_date)}`;
    return h(
      "li",
      { class: state },
      h("div", { class: "row" }, h("span", {}, lot.purchase_kind ?? "Lot", " ", h("span", { class: "tag" }, pending ? "awaiting payment" : state)), h("span", {}, `${number(remaining)} / ${number(allocated)}`)),
      bar,
      h("div", { class: "row muted" }, h("span", {}, when)),
    );
  }
}

if (!customElements.get("olostep-credits")) customElements.define("olostep-credits", OlostepCreditsElement);
