//go:build faultinject

package keeper

import "os"

// In a faultinject build, FLOCKD_FAULT_STEP names a begin-block step that
// panics on every block (tests/e2e: a panicking step must not halt a node).
func init() {
	step := os.Getenv("FLOCKD_FAULT_STEP")
	if step == "" {
		return
	}
	faultHook = func(name string) {
		if name == step {
			panic("injected fault in begin-block step " + name)
		}
	}
}
