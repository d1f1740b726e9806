// Command webserve serves the built web app (web/dist) on a loopback port,
// with the /config.json that tells the app which node to use. scripts/localnet.sh
// starts it; it can serve the app for any node:
//
//	go run ./scripts/webserve -dir web/dist -listen 127.0.0.1:8080 \
//	    -chain-id flock-1 -rest https://rest.example -rpc https://rpc.example
//
// -dev-wallet FILE adds DEV-ONLY accounts (name + mnemonic) to the config;
// it is refused for any chain id but the localnet's, and the app checks the
// node's chain id again before it signs with them.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// devChainID is scripts/localnet.sh's chain id (web/src/client/wallet.ts has the same).
const devChainID = "flock-localnet-1"

type devAccount struct {
	Name     string `json:"name"`
	Mnemonic string `json:"mnemonic"`
}

type appConfig struct {
	ChainID     string       `json:"chainId"`
	REST        string       `json:"rest"`
	RPC         string       `json:"rpc"`
	DevAccounts []devAccount `json:"devAccounts,omitempty"`
}

func main() {
	dir := flag.String("dir", "web/dist", "built app (npm run build in web/)")
	listen := flag.String("listen", "127.0.0.1:8080", "address to serve on")
	cfg := appConfig{}
	flag.StringVar(&cfg.ChainID, "chain-id", devChainID, "chain id the app signs for")
	flag.StringVar(&cfg.REST, "rest", "http://127.0.0.1:1317", "the node's REST gateway, as the browser reaches it")
	flag.StringVar(&cfg.RPC, "rpc", "http://127.0.0.1:26657", "the node's CometBFT RPC, as the browser reaches it")
	devWallet := flag.String("dev-wallet", "", "JSON file of DEV-ONLY accounts [{name, mnemonic}] (localnet only)")
	flag.Parse()

	if err := run(*dir, *listen, cfg, *devWallet); err != nil {
		fmt.Fprintln(os.Stderr, "webserve:", err)
		os.Exit(1)
	}
}

func run(dir, listen string, cfg appConfig, devWallet string) error {
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("no built app in %s (run npm ci && npm run build in web/): %w", dir, err)
	}
	if devWallet != "" {
		if cfg.ChainID != devChainID {
			return fmt.Errorf("-dev-wallet is only for the localnet (chain id %s), not %s", devChainID, cfg.ChainID)
		}
		b, err := os.ReadFile(devWallet)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &cfg.DevAccounts); err != nil {
			return fmt.Errorf("%s: %w", devWallet, err)
		}
	}
	config, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/config.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(config)
	})
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	log.Printf("serving %s on http://%s (chain %s, REST %s, RPC %s, %d dev accounts)", dir, ln.Addr(), cfg.ChainID, cfg.REST, cfg.RPC, len(cfg.DevAccounts))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	return srv.Serve(ln)
}
