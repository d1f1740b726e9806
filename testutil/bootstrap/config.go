// Package bootstrap sets up a local flockd chain, one validator or several,
// the one way make localnet, make localnet-multi (through cmd/flock-localnet)
// and the e2e tests (directly) do it: `flockd init`, keys, genesis accounts,
// the genesis edits of a committed overrides file plus the caller's, one
// gentx per validator, collect-gentxs, validate, peers, and config files set
// key by key. It drives the flockd binary it is given, so it works for any
// version of the node (the upgrade test starts an older one).
package bootstrap

import (
	"encoding/json"
	"fmt"
	"os"
)

// Overrides is the committed overrides file (scripts/localnet/overrides.json).
type Overrides struct {
	// Accounts are funded at genesis and kept in the first node's test
	// keyring; a mnemonic makes the address the same on every reset.
	Accounts []Account `json:"accounts"`
	// Validator is each validator's genesis balance and self-delegation;
	// the first node's validator key is the account named "validator" if
	// Accounts has one.
	Validator Validator `json:"validator"`
	// Genesis edits (path=value, path+=value, "@name" for an address).
	Genesis []string `json:"genesis"`
	// Config, App and Client set keys of config.toml, app.toml and
	// client.toml ("section.key" → value).
	Config map[string]string `json:"config"`
	App    map[string]string `json:"app"`
	Client map[string]string `json:"client"`
}

// Validator is what each validator gets at genesis.
type Validator struct {
	Coins          string `json:"coins"`
	SelfDelegation string `json:"self_delegation"`
}

// Account is a genesis account.
type Account struct {
	Name     string `json:"name"`
	Mnemonic string `json:"mnemonic,omitempty"`
	Coins    string `json:"coins"`
}

// LoadOverrides reads an overrides file.
func LoadOverrides(path string) (Overrides, error) {
	var o Overrides
	raw, err := os.ReadFile(path)
	if err != nil {
		return o, err
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		return o, fmt.Errorf("%s: %w", path, err)
	}
	return o, nil
}

// Ports are one node's listen addresses' ports.
type Ports struct {
	P2P, RPC, GRPC, API int
}

// Config is one chain to set up.
type Config struct {
	Bin     string // the flockd binary
	ChainID string
	Denom   string // the staking and fee denom
	// Homes are the nodes' home directories, one per validator.
	Homes []string
	// Hosts are the nodes' listen hosts (default 127.0.0.1 each).
	Hosts []string
	Ports []Ports
	Overrides
	// Set are further genesis edits, applied after the overrides file's.
	Set []string
	// EditGenesis, when set, edits the genesis document last; addr gives
	// an account's address.
	EditGenesis func(genesis map[string]any, addr func(name string) (string, error)) error
}

// Node is one set-up node.
type Node struct {
	Home string `json:"home"`
	RPC  string `json:"rpc"`  // tcp://host:port
	GRPC string `json:"grpc"` // host:port
	REST string `json:"rest"` // http://host:port
	P2P  string `json:"p2p"`  // tcp://host:port
}

func (c Config) host(i int) string {
	if i < len(c.Hosts) && c.Hosts[i] != "" {
		return c.Hosts[i]
	}
	return "127.0.0.1"
}

func (c Config) node(i int) Node {
	h, p := c.host(i), c.Ports[i]
	return Node{
		Home: c.Homes[i],
		RPC:  fmt.Sprintf("tcp://%s:%d", h, p.RPC),
		GRPC: fmt.Sprintf("%s:%d", h, p.GRPC),
		REST: fmt.Sprintf("http://%s:%d", h, p.API),
		P2P:  fmt.Sprintf("tcp://%s:%d", h, p.P2P),
	}
}
