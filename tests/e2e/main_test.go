// Package e2e runs the flockd binary as a real CometBFT node and drives it
// through its own CLI, the REST gateway and gRPC. `go test -short` skips it.
package e2e

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		fmt.Println("e2e: skipped in -short mode")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "flockd-e2e-bin")
	if err != nil {
		panic(err)
	}
	flockdBin = filepath.Join(dir, "flockd")
	commit := "unknown"
	if out, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		commit = strings.TrimSpace(string(out))
	}
	build := exec.Command("go", "build", "-o", flockdBin,
		"-ldflags", "-X github.com/cosmos/cosmos-sdk/version.Commit="+commit+" -X github.com/cosmos/cosmos-sdk/version.Version=e2e",
		"github.com/flockchain/flockd/cmd/flockd")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building flockd failed:", err)
		os.Exit(1)
	}
	// The bootstrap's command, for scripts/localnet-multi.sh (StartNetwork).
	setupBin = filepath.Join(dir, "flock-localnet")
	build = exec.Command("go", "build", "-o", setupBin, "github.com/flockchain/flockd/cmd/flock-localnet")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building flock-localnet failed:", err)
		os.Exit(1)
	}
	// The attester service (TestAttesterService*).
	attesterBin = filepath.Join(dir, "flock-attester")
	build = exec.Command("go", "build", "-o", attesterBin, "github.com/flockchain/flockd/cmd/flock-attester")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building flock-attester failed:", err)
		os.Exit(1)
	}
	code := m.Run()
	if code == 0 {
		if err := checkTypedEventCoverage(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			code = 1
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}
