package main

// A small, deterministic SVG line/step chart: axes with ticks and units, a
// legend, a title. Floats only place pixels and label axes; the numbers in
// the report's tables are exact.

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type series struct {
	Name   string
	X, Y   []float64
	Dashed bool
}

type plot struct {
	Title, XLabel, YLabel string
	Series                []series
	YFrom0                bool
}

var palette = []string{"#3b5bdb", "#e8590c", "#2b8a3e", "#c2255c", "#5f3dc4", "#1098ad", "#862e9c", "#a61e4d"}

func (p plot) write(path string) error {
	return os.WriteFile(path, []byte(p.svg()), 0o644)
}

// writePlots writes each plot to dir/name, in name order.
func writePlots(dir string, plots map[string]plot) error {
	names := make([]string, 0, len(plots))
	for n := range plots {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := plots[n].write(filepath.Join(dir, n)); err != nil {
			return err
		}
	}
	return nil
}

func (p plot) svg() string {
	const W, H, L, R, T, B = 720.0, 420.0, 80.0, 190.0, 40.0, 56.0
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range p.Series {
		for i := range s.X {
			x0, x1 = math.Min(x0, s.X[i]), math.Max(x1, s.X[i])
			y0, y1 = math.Min(y0, s.Y[i]), math.Max(y1, s.Y[i])
		}
	}
	if p.YFrom0 && y0 > 0 {
		y0 = 0
	}
	if x1 <= x0 {
		x1 = x0 + 1
	}
	if y1 <= y0 {
		y1 = y0 + 1
	}
	xt, yt := ticks(x0, x1), ticks(y0, y1)
	x0, x1 = math.Min(x0, xt[0]), math.Max(x1, xt[len(xt)-1])
	y0, y1 = math.Min(y0, yt[0]), math.Max(y1, yt[len(yt)-1])
	px := func(x float64) float64 { return L + (x-x0)/(x1-x0)*(W-L-R) }
	py := func(y float64) float64 { return H - B - (y-y0)/(y1-y0)*(H-T-B) }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" font-family="sans-serif">`+"\n", W, H, W, H)
	fmt.Fprintf(&b, `<rect width="%g" height="%g" fill="#ffffff"/>`+"\n", W, H)
	fmt.Fprintf(&b, `<text x="%g" y="24" font-size="15" font-weight="bold">%s</text>`+"\n", L, esc(p.Title))
	for _, t := range yt {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#e9ecef"/>`+"\n", f(L), f(py(t)), f(W-R), f(py(t)))
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" text-anchor="end">%s</text>`+"\n", f(L-6), f(py(t)+4), label(t))
	}
	for _, t := range xt {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#e9ecef"/>`+"\n", f(px(t)), f(T), f(px(t)), f(H-B))
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" text-anchor="middle">%s</text>`+"\n", f(px(t)), f(H-B+16), label(t))
	}
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#343a40"/>`+"\n", f(L), f(H-B), f(W-R), f(H-B))
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#343a40"/>`+"\n", f(L), f(T), f(L), f(H-B))
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="middle">%s</text>`+"\n", f((L+W-R)/2), f(H-12), esc(p.XLabel))
	fmt.Fprintf(&b, `<text x="18" y="%s" font-size="12" text-anchor="middle" transform="rotate(-90 18 %s)">%s</text>`+"\n", f((T+H-B)/2), f((T+H-B)/2), esc(p.YLabel))
	for i, s := range p.Series {
		color := palette[i%len(palette)]
		pts := make([]string, len(s.X))
		for j := range s.X {
			pts[j] = f(px(s.X[j])) + "," + f(py(s.Y[j]))
		}
		dash := ""
		if s.Dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`+"\n", color, dash, strings.Join(pts, " "))
		if len(s.X) <= 25 {
			for j := range s.X {
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3" fill="%s"/>`+"\n", f(px(s.X[j])), f(py(s.Y[j])), color)
			}
		}
		ly := T + 10 + float64(i)*18
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n", f(W-R+12), f(ly), f(W-R+32), f(ly), color, dash)
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11">%s</text>`+"\n", f(W-R+38), f(ly+4), esc(s.Name))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// ticks picks 4-8 round values covering [lo, hi].
func ticks(lo, hi float64) []float64 {
	span := hi - lo
	step := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(step*m) <= 7 {
			step *= m
			break
		}
	}
	var out []float64
	for t := math.Floor(lo/step) * step; t <= hi+step*1e-9; t += step {
		out = append(out, math.Round(t/step)*step)
	}
	if out[len(out)-1] < hi {
		out = append(out, out[len(out)-1]+step)
	}
	return out
}

func label(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return strconv.FormatFloat(v/1e9, 'f', -1, 64) + "B"
	case a >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case a >= 1e4:
		return strconv.FormatFloat(v/1e3, 'f', -1, 64) + "k"
	default:
		return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
	}
}

func f(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
