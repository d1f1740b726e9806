package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestWebAppInBrowser starts the localnet a newcomer gets, with the web app
// built and served by scripts/localnet.sh, and drives the app in Debian's
// Chromium as a person would (web/e2e/app.e2e.mjs): open the model tokens,
// connect the dev wallet as alice, buy in a launch (quote as she types, equal
// to the chain's), claim, stake, wait for an epoch, see pending rewards equal
// to REST's, claim them, see the balance equal to REST's. In parallel, bob
// signs every message the app sends in amino JSON sign mode
// (web/e2e/amino.e2e.test.ts) against the same node.
//
// Screenshots go to a temp dir, or to $WEB_SCREENSHOTS (the committed set in
// docs/screenshots is made with WEB_SCREENSHOTS=$PWD/docs/screenshots).
// Needs node >= 20.19, npm and chromium (.ci/run installs them); without
// them the test fails under CI and is skipped elsewhere.
func TestWebAppInBrowser(t *testing.T) {
	t.Parallel()
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	for _, need := range []string{chromium, "node", "npm"} {
		if _, err := exec.LookPath(need); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (.ci/run installs it): %v", need, err)
			}
			t.Skipf("%s is missing: install chromium, nodejs and npm from Debian to run the browser test", need)
		}
	}
	webDir, err := filepath.Abs("../../web")
	require.NoError(t, err)

	// A long raise, so the launch alice fills is still raising however slow the machine; 30 s epochs.
	ln := startLocalnet(t, "LOCALNET_WEB=1", "LOCALNET_EPOCH_SECONDS=30", "LOCALNET_RAISE_SECONDS=3600")
	appURL := fmt.Sprintf("http://127.0.0.1:%d/", ln.webPort)
	restURL := fmt.Sprintf("http://127.0.0.1:%d", ln.apiPort)
	ln.waitChain("the web app is served", func() bool {
		res, err := http.Get(appURL + "config.json")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})

	// Two raising launches: alice fills QWEN in the browser, bob buys into PHI with an amino signature.
	for _, line := range []string{
		`flockd tx modeltoken create-launch demo QWEN "Qwen 2" qwen-2 --from bob`,
		`flockd tx modeltoken create-launch demo PHI "Phi 3" phi-3 --from reporter`,
	} {
		out, err := ln.run(line, nil)
		require.NoError(t, err, out)
	}
	launchID := func(symbol string) string {
		l, err := ln.queryJSON("modeltoken", "launches")
		require.NoError(t, err)
		for _, x := range l["launches"].([]any) {
			if m := x.(map[string]any); m["symbol"] == symbol {
				return m["id"].(string)
			}
		}
		t.Fatalf("no launch %s", symbol)
		return ""
	}
	bobMnemonic := devMnemonic(t, ln, "bob")

	shots := os.Getenv("WEB_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	env := append(os.Environ(), "APP_URL="+appURL, "REST_URL="+restURL,
		fmt.Sprintf("RPC_URL=http://127.0.0.1:%d", ln.rpcPort), "CHROMIUM="+chromium, "SHOTS_DIR="+shots,
		"LAUNCH_ID="+launchID("QWEN"), "AMINO_LAUNCH_ID="+launchID("PHI"), "MNEMONIC="+bobMnemonic)

	// Both runs wait on the chain's state; the context only ends a run that hangs.
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	runs := map[string][]string{
		"browser": {"node", "e2e/app.e2e.mjs"},
		"amino":   {"npx", "vitest", "run", "--config", "vitest.e2e.config.ts"},
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := map[string]string{}
	for name, argv := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
			cmd.Dir, cmd.Env = webDir, env
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			mu.Lock()
			defer mu.Unlock()
			t.Logf("%s run:\n%s", name, strings.TrimSpace(out.String()))
			if err != nil {
				failures[name] = err.Error()
			}
		}()
	}
	wg.Wait()
	require.Empty(t, failures, "screenshots (failure.png on a failed browser run) in %s", shots)
}
