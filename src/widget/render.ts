// What <olostep-credits> shows, as DOM for its shadow root: the total, usage, the plan, a bar per lot, "as of" for a
// stale answer, the Buy button and the note of the last purchase. Text only through text nodes: nothing from a server
// is ever parsed as HTML.

/** One lot of the balance, as the API sends it (any field may be missing). */
export type Lot = { purchase_kind?: string; allocated_units?: number; remaining_units?: number; expiry_date?: number };
/** The balance, as the API sends it (any field may be missing). */
export type Info = { credits?: number; breakdown?: Lot[]; active_subscription?: { id?: string; display_name?: string; credits?: number }; allow_usage?: boolean };

/** Everything the element shows. */
export type View = {
  info?: Info;
  /** When upstream gave the answer shown, when it is stale (the route could not refresh it in time); else undefined. */
  asOf?: Date;
  /** Why the last read failed, when it did. */
  error?: string;
  /** What came of the last purchase. */
  note: string;
  /** The Buy button's amount (0: no button). */
  buyCredits: number;
  /** A purchase is in flight: the button is disabled. */
  buying: boolean;
};

export const STYLE = `:host{display:block;font:14px/1.4 var(--olostep-credits-font,system-ui,sans-serif);color:var(--olostep-credits-fg,#1d2330);background:var(--olostep-credits-bg,#fff);border:1px solid var(--olostep-credits-border,#d9dde5);border-radius:var(--olostep-credits-radius,10px);padding:16px;max-width:32rem}
h2{font-size:13px;font-weight:600;margin:0;color:var(--olostep-credits-muted,#5b6475);text-transform:uppercase;letter-spacing:.04em}
.total{font-size:32px;font-weight:700;margin:2px 0}.pill{font-size:12px;padding:2px 8px;border-radius:99px;background:#e3f6e8;color:#17693a}.pill.no{background:#fde8e8;color:#a12121}.pill.unknown{background:#eceef3;color:#5b6475}
.plan,.muted{color:var(--olostep-credits-muted,#5b6475)}ul{list-style:none;margin:12px 0 0;padding:0}li{margin:10px 0}
.row{display:flex;justify-content:space-between;gap:8px}.bar{height:8px;border-radius:4px;background:#eceef3;overflow:hidden;margin:4px 0}
.fill{height:100%;background:var(--olostep-credits-bar,#3461e0)}.pending .fill{background:var(--olostep-credits-pending,#e0a234)}.expired{opacity:.55}
.tag{font-size:12px;font-weight:600}.pending .tag{color:var(--olostep-credits-pending,#b07610)}.expired .tag{color:var(--olostep-credits-expired,#a12121)}
button{margin-top:12px;font:inherit;padding:6px 12px;border-radius:6px;border:1px solid var(--olostep-credits-bar,#3461e0);background:var(--olostep-credits-bar,#3461e0);color:#fff;cursor:pointer}button:disabled{opacity:.6;cursor:progress}
[role=alert]{color:var(--olostep-credits-expired,#a12121)}`;

export const number = (value: unknown) => (typeof value === "number" ? value.toLocaleString("en-US") : "?");
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

export function h(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** Whether any lot waits for its payment. */
export const hasPending = (info: Info | undefined) => Array.isArray(info?.breakdown) && info.breakdown.some((lot) => lot?.purchase_kind === "Pending");

/** The shadow root's content for `view`; `onBuy` is the button's click. */
export function renderView(view: View, onBuy: () => void): Node[] {
  const content: Node[] = [h("style", {}, STYLE)];
  const note = view.note ? [h("p", { role: "status" }, view.note)] : [];
  if (view.error !== undefined) return [...content, h("p", { role: "alert" }, `Could not load the credits (${view.error}).`), ...note];
  const { info } = view;
  if (!info) return [...content, h("p", { class: "muted", "aria-busy": "true" }, "Loading credits…")];
  const plan = info.active_subscription;
  const lots = Array.isArray(info.breakdown) ? info.breakdown : [];
  // A field the API stopped sending is no permission: only a boolean says whether usage is allowed.
  const usage = info.allow_usage === true ? ["pill", "usage allowed"] : info.allow_usage === false ? ["pill no", "usage not allowed"] : ["pill unknown", "usage unknown"];
  content.push(h("h2", {}, "Credits"), h("div", { class: "total" }, number(info.credits)), h("span", { class: usage[0]! }, usage[1]!));
  if (view.asOf) content.push(h("p", { class: "muted asof" }, `as of ${view.asOf.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`));
  if (plan) content.push(h("p", { class: "plan" }, `${plan.display_name ?? "?"} (${plan.id ?? "?"}) · ${number(plan.credits)} credits included`));
  const now = Date.now() / 1000;
  content.push(lots.length ? h("ul", {}, ...lots.map((lot) => lotItem(lot ?? {}, now))) : h("p", { class: "muted" }, "No credit lots."));
  if (view.buyCredits > 0) {
    const button = h("button", { type: "button" }, `Buy ${number(view.buyCredits)} credits`) as HTMLButtonElement;
    button.disabled = view.buying;
    button.addEventListener("click", onBuy);
    content.push(button);
  }
  return [...content, ...note];
}

function lotItem(lot: Lot, now: number): HTMLElement {
  const allocated = lot.allocated_units ?? 0;
  const remaining = lot.remaining_units ?? 0;
  const pending = lot.purchase_kind === "Pending";
  const expiry = typeof lot.expiry_date === "number" && Number.isFinite(lot.expiry_date) ? lot.expiry_date : undefined;
  const expired = expiry !== undefined && expiry < now;
  const state = pending ? "pending" : expired ? "expired" : "";
  const label = `${lot.purchase_kind ?? "Lot"}: ${number(remaining)} of ${number(allocated)} credits left${pending ? ", pending payment" : expired ? ", expired" : ""}`;
  const percent = allocated > 0 ? Math.max(0, Math.min(100, (remaining / allocated) * 100)) : 0;
  const bar = h("div", { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": String(allocated), "aria-valuenow": String(remaining), "aria-label": label }, h("div", { class: "fill", style: `width:${percent}%` }));
  const when = expiry === undefined ? "" : `${expired ? "expired" : "expires"} ${day(expiry)}`;
  return h(
    "li",
    { class: state },
    h("div", { class: "row" }, h("span", {}, lot.purchase_kind ?? "Lot", " ", h("span", { class: "tag" }, pending ? "awaiting payment" : state)), h("span", {}, `${number(remaining)} / ${number(allocated)}`)),
    bar,
    h("div", { class: "row muted" }, h("span", {}, when)),
  );
}
