// Small SVG charts (line and bar) with axes, labels and a legend. Values are
// converted to floating point only to place pixels; every number printed on
// a page comes from format.ts on the exact strings.
const NS = "http://www.w3.org/2000/svg";

export interface Series {
  name: string;
  points: [number, number][];
  color: string;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  bars?: boolean;
  marker?: { x: number; y: number; label: string };
  testid?: string;
}

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** tick prints an axis value compactly (1.2k, 3.4M). */
export function tick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(1) + "B";
  if (a >= 1e6) return (v / 1e6).toFixed(1) + "M";
  if (a >= 1e3) return (v / 1e3).toFixed(1) + "k";
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export function chart(series: Series[], o: ChartOptions): SVGSVGElement {
  const W = o.width ?? 520, H = o.height ?? 240, L = 60, R = 12, T = 28, B = 44;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", role: "img", "aria-label": o.title }) as SVGSVGElement;
  if (o.testid) svg.setAttribute("data-testid", o.testid);
  svg.appendChild(el("text", { x: L, y: 16, class: "chart-title" }, o.title));
  const all = series.flatMap((s) => s.points).concat(o.marker ? [[o.marker.x, o.marker.y]] : []);
  if (!all.length) {
    svg.appendChild(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "muted" }, "no data yet"));
    return svg;
  }
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  // Bars stand on whole x values (epochs): leave half a slot either side.
  const pad = o.bars ? 0.5 : 0;
  const x0 = Math.min(...xs) - pad, x1 = Math.max(...xs) + pad === x0 ? x0 + 1 : Math.max(...xs) + pad;
  const y0 = 0, y1 = Math.max(...ys) > 0 ? Math.max(...ys) * 1.1 : 1;
  const px = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  // axes and ticks
  svg.appendChild(el("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }));
  svg.appendChild(el("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }));
  for (let i = 0; i <= 4; i++) {
    const yv = y0 + ((y1 - y0) * i) / 4;
    svg.appendChild(el("text", { x: L - 4, y: py(yv) + 4, "text-anchor": "end", class: "tick" }, tick(yv)));
  }
  const xticks = o.bars
    ? [...new Set(xs)].sort((a, b) => a - b).filter((_, i, a) => a.length <= 12 || i % Math.ceil(a.length / 12) === 0)
    : [0, 1, 2, 3, 4].map((i) => x0 + ((x1 - x0) * i) / 4);
  for (const xv of xticks) svg.appendChild(el("text", { x: px(xv), y: H - B + 14, "text-anchor": "middle", class: "tick" }, tick(xv)));
  svg.appendChild(el("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", class: "axis-label" }, o.xLabel));
  svg.appendChild(el("text", { x: 12, y: (T + H - B) / 2, transform: `rotate(-90 12 ${(T + H - B) / 2})`, "text-anchor": "middle", class: "axis-label" }, o.yLabel));
  // data
  series.forEach((s, si) => {
    if (o.bars) {
      const n = series.length, bw = Math.max(2, ((W - L - R) / (x1 - x0)) * 0.8 / n);
      for (const [x, y] of s.points) svg.appendChild(el("rect", { x: px(x) - (bw * n) / 2 + bw * si, y: py(y), width: bw * 0.9, height: Math.max(0, H - B - py(y)), fill: s.color }));
    } else if (s.points.length) {
      svg.appendChild(el("polyline", { points: s.points.map(([x, y]) => `${px(x)},${py(y)}`).join(" "), fill: "none", stroke: s.color, "stroke-width": 2 }));
      if (s.points.length <= 30) for (const [x, y] of s.points) svg.appendChild(el("circle", { cx: px(x), cy: py(y), r: 2.5, fill: s.color }));
    }
    // legend
    svg.appendChild(el("rect", { x: W - R - 150, y: T + si * 16, width: 10, height: 10, fill: s.color }));
    svg.appendChild(el("text", { x: W - R - 135, y: T + 9 + si * 16, class: "legend" }, s.name));
  });
  if (o.marker) {
    svg.appendChild(el("circle", { cx: px(o.marker.x), cy: py(o.marker.y), r: 5, class: "marker" }));
    svg.appendChild(el("text", { x: px(o.marker.x) + 8, y: py(o.marker.y) - 8, class: "legend" }, o.marker.label));
  }
  return svg;
}

/** n converts base units to display units as a float, for placing points only. */
export function n(base: string, exponent = 6): number {
  return Number(base) / 10 ** exponent;
}
