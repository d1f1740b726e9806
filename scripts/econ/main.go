// Command econ runs the model-token economy on the real x/modeltoken keeper
// (an in-memory FlockApp, no second implementation of any formula) and writes
// what it pays as CSV, SVG plots and Markdown.
//
//	go run ./scripts/econ report  [-out docs]                      the governance report docs/economics.md (make econ-report)
//	go run ./scripts/econ run     -scenario S.json [-params P.json] -out DIR
//	go run ./scripts/econ whatif  -scenario S.json -a A.json -b B.json -out DIR
//
// Params files are the module's genesis params JSON (keys not given keep
// their defaults); scenario files are described in scenario.go and
// docs/economics/scenario-zipf.json is an example.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	out := fs.String("out", "", "output directory")
	scenario := fs.String("scenario", "", "scenario file (JSON)")
	params := fs.String("params", "", "params file (genesis params JSON); default params if empty")
	a := fs.String("a", "", "whatif: first params file")
	b := fs.String("b", "", "whatif: second params file")
	inputs := fs.String("inputs", "docs/economics", "report: where the what-if example's scenario and params files are")
	_ = fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "report":
		if *out == "" {
			*out = "docs"
		}
		err = writeReport(*out, *inputs)
	case "run":
		err = runCmd(*scenario, *params, *out)
	case "whatif":
		err = whatIfCmd(*scenario, *a, *b, *out)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "econ:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: econ report [-out docs] | run -scenario S.json [-params P.json] -out DIR | whatif -scenario S.json -a A.json -b B.json -out DIR")
	os.Exit(2)
}

func runCmd(scenarioPath, paramsPath, out string) error {
	if scenarioPath == "" || out == "" {
		usage()
	}
	s, err := loadScenario(scenarioPath)
	if err != nil {
		return err
	}
	p, err := loadParams(paramsPath)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	r, err := runScenario(p, s)
	if err != nil {
		return err
	}
	var md strings.Builder
	fmt.Fprintf(&md, "# Scenario %s\n\nParams: %s. %d epochs; FLOCK emitted per epoch: %s.\n\n", s.Name, orDefault(paramsPath), s.Epochs, joinInts(r.Emitted))
	md.WriteString(groupTable(groupTotals(r)))
	plt := plot{Title: "FLOCK earned per user", XLabel: "user", YLabel: "FLOCK earned", YFrom0: true, Series: []series{{Name: s.Name}}}
	for i, p := range r.Participants {
		plt.Series[0].X, plt.Series[0].Y = append(plt.Series[0].X, float64(i+1)), append(plt.Series[0].Y, toF(flockDec(p.Flock)))
	}
	if err := plt.write(filepath.Join(out, "rewards.svg")); err != nil {
		return err
	}
	md.WriteString("\n![rewards](rewards.svg)\n\nPer user: `results.csv`.\n")
	if err := writeParticipants(filepath.Join(out, "results.csv"), r); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "report.md"), []byte(md.String()), 0o644)
}

func whatIfCmd(scenarioPath, aPath, bPath, out string) error {
	if scenarioPath == "" || aPath == "" || bPath == "" || out == "" {
		usage()
	}
	s, err := loadScenario(scenarioPath)
	if err != nil {
		return err
	}
	pa, err := loadParams(aPath)
	if err != nil {
		return err
	}
	pb, err := loadParams(bPath)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	md, _, _, err := whatIf(s, pa, pb, filepath.Base(aPath), filepath.Base(bPath), out, "whatif", "")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "whatif.md"), []byte("# What-if\n\n"+md), 0o644)
}

func orDefault(path string) string {
	if path == "" {
		return "defaults"
	}
	return path
}
