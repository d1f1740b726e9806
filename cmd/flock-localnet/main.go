// Command flock-localnet sets up a local flockd chain of one or more
// validators from the committed overrides file, with testutil/bootstrap
// (the same code the e2e tests use). make localnet and make localnet-multi
// call it through scripts/localnet.sh and scripts/localnet-multi.sh, which
// then start the nodes with `flockd start --home <home>`.
//
//	flock-localnet init --dir .localnet --overrides scripts/localnet/overrides.json \
//	    [--nodes 4 --base-port 27000] [--ports 26656,26657,9090,1317] \
//	    [--set path=value ...] [--config section.key=value ...] [--app key=value ...] \
//	    [--hosts "10.0.0.1 10.0.0.2 ..."] [--dev-wallet FILE name,name,...]
//
// One node's home is <dir>/home; several nodes' are <dir>/node<i>, node i
// listening on base-port+10i+{0 p2p, 1 rpc, 2 grpc, 3 rest}.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/flockchain/flockd/testutil/bootstrap"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, " ") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	if len(os.Args) < 2 || os.Args[1] != "init" {
		fmt.Fprintln(os.Stderr, "usage: flock-localnet init --dir DIR --overrides FILE [flags] (flock-localnet init -h)")
		os.Exit(2)
	}
	if err := initNet(os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "flock-localnet:", err)
		os.Exit(1)
	}
}

func initNet(args []string) error {
	fs := flag.NewFlagSet("init", flag.ExitOnError)
	bin := fs.String("bin", "build/flockd", "the flockd binary")
	dir := fs.String("dir", "", "directory for the node homes (emptied first)")
	overrides := fs.String("overrides", "scripts/localnet/overrides.json", "the overrides file")
	chainID := fs.String("chain-id", "flock-localnet-1", "chain id")
	nodes := fs.Int("nodes", 1, "number of validators")
	ports := fs.String("ports", "26656,26657,9090,1317", "one node's p2p,rpc,grpc,rest ports")
	basePort := fs.Int("base-port", 0, "several nodes: node i uses base-port+10i+{0,1,2,3}")
	hosts := fs.String("hosts", "", "space-separated listen host per node (default 127.0.0.1)")
	devWallet := fs.String("dev-wallet", "", "write FILE with these accounts' names and mnemonics: FILE:name,name")
	var sets, configs, apps list
	fs.Var(&sets, "set", "a further genesis edit, path=value or path+=value (repeatable)")
	fs.Var(&configs, "config", "a config.toml setting, section.key=value (repeatable)")
	fs.Var(&apps, "app", "an app.toml setting, section.key=value (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("--dir is required")
	}
	o, err := bootstrap.LoadOverrides(*overrides)
	if err != nil {
		return err
	}
	if err := putAll(&o.Config, configs); err != nil {
		return err
	}
	if err := putAll(&o.App, apps); err != nil {
		return err
	}
	cfg := bootstrap.Config{Bin: *bin, ChainID: *chainID, Overrides: o, Set: sets, Hosts: strings.Fields(*hosts)}
	for i := 0; i < *nodes; i++ {
		home := filepath.Join(*dir, "home")
		p, err := nodePorts(*ports, *basePort, i, *nodes)
		if err != nil {
			return err
		}
		if *nodes > 1 {
			home = filepath.Join(*dir, fmt.Sprintf("node%d", i))
		}
		cfg.Homes = append(cfg.Homes, home)
		cfg.Ports = append(cfg.Ports, p)
	}
	if err := os.RemoveAll(*dir); err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	net, err := bootstrap.Init(cfg)
	if err != nil {
		return err
	}
	if *devWallet != "" {
		if err := writeDevWallet(*devWallet, o.Accounts); err != nil {
			return err
		}
	}
	out, err := json.MarshalIndent(net, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(*dir, "net.json"), append(out, '\n'), 0o644)
}

func putAll(m *map[string]string, kvs []string) error {
	if *m == nil {
		*m = map[string]string{}
	}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("%q is not key=value", kv)
		}
		(*m)[k] = v
	}
	return nil
}

func nodePorts(ports string, base, i, n int) (bootstrap.Ports, error) {
	if n > 1 || base > 0 {
		if base == 0 {
			return bootstrap.Ports{}, fmt.Errorf("several nodes need --base-port")
		}
		b := base + 10*i
		return bootstrap.Ports{P2P: b, RPC: b + 1, GRPC: b + 2, API: b + 3}, nil
	}
	var p [4]int
	parts := strings.Split(ports, ",")
	if len(parts) != 4 {
		return bootstrap.Ports{}, fmt.Errorf("--ports wants p2p,rpc,grpc,rest")
	}
	for j, s := range parts {
		v, err := strconv.Atoi(s)
		if err != nil {
			return bootstrap.Ports{}, fmt.Errorf("--ports: %w", err)
		}
		p[j] = v
	}
	return bootstrap.Ports{P2P: p[0], RPC: p[1], GRPC: p[2], API: p[3]}, nil
}

// writeDevWallet writes the web app's DEV-ONLY wallet: "FILE:name,name".
func writeDevWallet(spec string, accounts []bootstrap.Account) error {
	file, names, ok := strings.Cut(spec, ":")
	if !ok {
		return fmt.Errorf("--dev-wallet wants FILE:name,name")
	}
	type entry struct {
		Name     string `json:"name"`
		Mnemonic string `json:"mnemonic"`
	}
	var out []entry
	for _, n := range strings.Split(names, ",") {
		found := false
		for _, a := range accounts {
			if a.Name == n && a.Mnemonic != "" {
				out, found = append(out, entry{a.Name, a.Mnemonic}), true
			}
		}
		if !found {
			return fmt.Errorf("--dev-wallet: no account %q with a mnemonic", n)
		}
	}
	raw, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(raw, '\n'), 0o644)
}
