package main

// Parameter files: the same JSON as the module's params in a genesis file
// (`app_state.modeltoken.params`). A file may name only the params it
// changes; the rest are the defaults.

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

var cdc = codec.NewProtoCodec(codectypes.NewInterfaceRegistry())

func paramsJSON(p types.Params) map[string]json.RawMessage {
	b, err := cdc.MarshalJSON(&p)
	if err != nil {
		panic(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return m
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// loadParams reads a params file over the defaults; "" gives the defaults.
func loadParams(path string) (types.Params, error) {
	p := types.DefaultParams()
	if path == "" {
		return p, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return p, err
	}
	var over map[string]json.RawMessage
	if err := json.Unmarshal(b, &over); err != nil {
		return p, fmt.Errorf("%s: %w", path, err)
	}
	merged := paramsJSON(p)
	for k, v := range over {
		if _, ok := merged[k]; !ok {
			return p, fmt.Errorf("%s: unknown param %q", path, k)
		}
		merged[k] = v
	}
	mb, err := json.Marshal(merged)
	if err != nil {
		return p, err
	}
	if err := cdc.UnmarshalJSON(mb, &p); err != nil {
		return p, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}
