// A few DOM helpers: the app is small enough not to need a framework.
type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

/** h builds an element: h("a", { href: "#/x", class: "btn" }, "text", child). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
}

/** amount shows base units in the display unit and keeps the exact base units in data-raw (the e2e reads them). */
export function amountEl(testid: string, raw: string, shown: string, unit: string): HTMLElement {
  return h("span", { class: "amount", "data-testid": testid, "data-raw": raw }, shown, " ", h("span", { class: "unit" }, unit));
}

/** section is a titled card. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "card" }, h("h2", {}, title), ...children);
}

export function table(head: string[], rows: Child[][], testid?: string): HTMLElement {
  return h("table", { "data-testid": testid },
    h("thead", {}, h("tr", {}, head.map((c) => h("th", {}, c)))),
    h("tbody", {}, rows.length ? rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c)))) : h("tr", {}, h("td", { colspan: head.length, class: "muted" }, "none"))));
}

/** status shows the outcome of an action in a live region the e2e waits on. */
export function setStatus(el: HTMLElement, kind: "ok" | "error" | "busy", text: string) {
  el.className = `status ${kind}`;
  el.dataset.state = kind;
  el.textContent = text;
}

/** kv is a two-column list of labels and values (each wrapped, so the grid keeps its columns). */
export function kv(...pairs: [string, Child][]): HTMLElement {
  return h("div", { class: "kv" }, pairs.map(([k, v]) => [h("span", { class: "k" }, k), h("span", {}, v)]));
}
