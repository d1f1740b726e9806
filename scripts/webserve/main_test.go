package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The dev wallet's mnemonics are public: serving them for any chain but the
// localnet would invite users to sign real transactions with them.
func TestDevWalletOnlyForTheLocalnet(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<html></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	wallet := filepath.Join(dir, "dev.json")
	if err := os.WriteFile(wallet, []byte(`[{"name":"alice","mnemonic":"x"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, chainID, dir, wantErr string
	}{
		{"another chain id", "flock-1", dir, "only for the localnet"},
		{"no built app", devChainID, filepath.Join(dir, "missing"), "no built app"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := run(tc.dir, "127.0.0.1:0", appConfig{ChainID: tc.chainID}, wallet)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}
