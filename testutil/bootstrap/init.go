package bootstrap

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Init sets up the chain of cfg in its (fresh) homes and returns its nodes.
// It does not start them: `flockd start --home <home>` does, with every
// listen address already in the node's config.
func Init(cfg Config) ([]Node, error) {
	if len(cfg.Homes) == 0 || len(cfg.Ports) != len(cfg.Homes) {
		return nil, errors.New("bootstrap: one home and one set of ports per node")
	}
	if cfg.Denom == "" {
		cfg.Denom = "uflock"
	}
	b := &builder{cfg: cfg, addrs: map[string]string{}}
	steps := []func() error{b.initHomes, b.addKeys, b.addAccounts, b.editGenesis, b.gentxs, b.shareGenesis, b.writeConfigs}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	nodes := make([]Node, len(cfg.Homes))
	for i := range nodes {
		nodes[i] = cfg.node(i)
	}
	return nodes, nil
}

type builder struct {
	cfg Config
	// addrs are the first node's keyring's addresses by key name.
	addrs map[string]string
}

func (b *builder) home0() string { return b.cfg.Homes[0] }

// run runs the flockd binary; its output is returned in the error only.
func (b *builder) run(stdin string, args ...string) (string, error) {
	cmd := exec.Command(b.cfg.Bin, args...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("flockd %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

func (b *builder) initHomes() error {
	for i, h := range b.cfg.Homes {
		if _, err := b.run("", "init", fmt.Sprintf("node%d", i), "--chain-id", b.cfg.ChainID, "--default-denom", b.cfg.Denom, "--home", h); err != nil {
			return err
		}
	}
	return nil
}

// addKey adds name to home's test keyring, from its mnemonic if it has one.
func (b *builder) addKey(home, name, mnemonic string) (string, error) {
	args := []string{"keys", "add", name, "--keyring-backend", "test", "--home", home}
	if mnemonic != "" {
		args = append(args, "--recover")
		mnemonic += "\n"
	}
	if _, err := b.run(mnemonic, args...); err != nil {
		return "", err
	}
	return b.run("", "keys", "show", name, "-a", "--keyring-backend", "test", "--home", home)
}

// addKeys puts every account in the first node's keyring and a validator
// key in every home (the first node's is the "validator" account, if the
// overrides name one).
func (b *builder) addKeys() error {
	for _, a := range b.cfg.Accounts {
		addr, err := b.addKey(b.home0(), a.Name, a.Mnemonic)
		if err != nil {
			return err
		}
		b.addrs[a.Name] = addr
	}
	for i, h := range b.cfg.Homes {
		if i == 0 && b.addrs["validator"] != "" {
			continue
		}
		addr, err := b.addKey(h, "validator", "")
		if err != nil {
			return err
		}
		if i == 0 {
			b.addrs["validator"] = addr
		}
	}
	return nil
}

func (b *builder) addr(name string) (string, error) {
	if a, ok := b.addrs[name]; ok {
		return a, nil
	}
	return "", fmt.Errorf("no account named %q", name)
}

func (b *builder) addAccounts() error {
	add := func(addr, coins string) error {
		_, err := b.run("", "genesis", "add-genesis-account", addr, coins, "--home", b.home0())
		return err
	}
	funded := map[string]bool{}
	for _, a := range b.cfg.Accounts {
		if err := add(b.addrs[a.Name], a.Coins); err != nil {
			return err
		}
		funded[b.addrs[a.Name]] = true
	}
	for _, h := range b.cfg.Homes {
		addr, err := b.run("", "keys", "show", "validator", "-a", "--keyring-backend", "test", "--home", h)
		if err != nil {
			return err
		}
		if !funded[addr] {
			if err := add(addr, b.cfg.Validator.Coins); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) genesisPath(i int) string {
	return filepath.Join(b.cfg.Homes[i], "config", "genesis.json")
}

func (b *builder) editGenesis() error {
	return EditJSON(b.genesisPath(0), func(doc map[string]any) error {
		for _, e := range slices.Concat(b.cfg.Genesis, b.cfg.Set) {
			if err := applyEdit(doc, e, b.addr); err != nil {
				return err
			}
		}
		if b.cfg.EditGenesis != nil {
			return b.cfg.EditGenesis(doc, b.addr)
		}
		return nil
	})
}

// gentxs has every validator sign its own gentx in its own home, then
// collects them in the first.
func (b *builder) gentxs() error {
	dir := filepath.Join(b.home0(), "config", "gentx")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, h := range b.cfg.Homes {
		if i > 0 {
			if err := copyFile(b.genesisPath(0), b.genesisPath(i)); err != nil {
				return err
			}
		}
		if _, err := b.run("", "genesis", "gentx", "validator", b.cfg.Validator.SelfDelegation, "--chain-id", b.cfg.ChainID,
			"--keyring-backend", "test", "--home", h, "--output-document", filepath.Join(dir, fmt.Sprintf("gentx-node%d.json", i))); err != nil {
			return err
		}
	}
	if _, err := b.run("", "genesis", "collect-gentxs", "--home", b.home0()); err != nil {
		return err
	}
	_, err := b.run("", "genesis", "validate", "--home", b.home0())
	return err
}

func (b *builder) shareGenesis() error {
	for i := 1; i < len(b.cfg.Homes); i++ {
		if err := copyFile(b.genesisPath(0), b.genesisPath(i)); err != nil {
			return err
		}
	}
	return nil
}

// writeConfigs sets each node's listen addresses, peers and the overrides'
// settings in its config.toml, app.toml and client.toml.
func (b *builder) writeConfigs() error {
	ids := make([]string, len(b.cfg.Homes))
	for i, h := range b.cfg.Homes {
		id, err := b.run("", "comet", "show-node-id", "--home", h)
		if err != nil {
			return err
		}
		ids[i] = id
	}
	for i, h := range b.cfg.Homes {
		n := b.cfg.node(i)
		var peers []string
		for j := range b.cfg.Homes {
			if j != i {
				peers = append(peers, fmt.Sprintf("%s@%s:%d", ids[j], b.cfg.host(j), b.cfg.Ports[j].P2P))
			}
		}
		config := [][2]string{
			{"rpc.laddr", n.RPC},
			{"p2p.laddr", n.P2P},
			{"p2p.persistent_peers", strings.Join(peers, ",")},
			// Several nodes on one IP: allow it.
			{"p2p.allow_duplicate_ip", "true"},
			{"p2p.addr_book_strict", "false"},
		}
		app := [][2]string{
			{"api.address", strings.Replace(n.REST, "http://", "tcp://", 1)},
			{"grpc.address", n.GRPC},
		}
		client := [][2]string{{"node", n.RPC}, {"chain-id", b.cfg.ChainID}}
		files := []struct {
			name string
			set  [][2]string
		}{
			{"config.toml", append(config, sorted(b.cfg.Config)...)},
			{"app.toml", append(app, sorted(b.cfg.App)...)},
			{"client.toml", append(client, sorted(b.cfg.Client)...)},
		}
		for _, f := range files {
			if err := setTOML(filepath.Join(h, "config", f.name), f.set); err != nil {
				return err
			}
		}
	}
	return nil
}

// sorted is m's settings in key order (a map's order is random).
func sorted(m map[string]string) [][2]string {
	var out [][2]string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, [2]string{k, m[k]})
	}
	return out
}

func copyFile(from, to string) error {
	raw, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, raw, 0o644)
}
