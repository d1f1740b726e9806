package bootstrap

import (
	"encoding/json"
	"fmt"
	"strings"
)

// A JSON edit is path=value (set) or path+=value (append to the array at
// path); path is dotted (app_state.gov.params.voting_period). A value that
// parses as JSON is used as JSON, anything else as a string, and "@name"
// (alone, or as an array element) is replaced by the address of account
// name. The same syntax serves the overrides file's "set" list and the
// command's --set flags.

// applyEdit applies one path=value or path+=value edit to doc.
func applyEdit(doc map[string]any, edit string, addr func(string) (string, error)) error {
	path, raw, ok := strings.Cut(edit, "=")
	if !ok {
		return fmt.Errorf("edit %q is not path=value or path+=value", edit)
	}
	appendTo := strings.HasSuffix(path, "+")
	path = strings.TrimSuffix(path, "+")
	value, err := resolveAddrs(parseValue(raw), addr)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := setPath(doc, strings.Split(path, "."), value, appendTo); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func parseValue(v string) any {
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber() // big integers stay exact
	var out any
	if err := dec.Decode(&out); err == nil && !dec.More() {
		return out
	}
	return v
}

// resolveAddrs replaces "@name" strings (at the top or inside arrays) by
// the account's address.
func resolveAddrs(v any, addr func(string) (string, error)) (any, error) {
	switch x := v.(type) {
	case string:
		if name, ok := strings.CutPrefix(x, "@"); ok {
			return addr(name)
		}
		return x, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := resolveAddrs(e, addr)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// setPath sets (or appends to) the existing key at path: a typo in a path
// is an error, not a new key the chain would ignore.
func setPath(node map[string]any, path []string, value any, appendTo bool) error {
	for _, key := range path[:len(path)-1] {
		next, ok := node[key].(map[string]any)
		if !ok {
			return fmt.Errorf("no object at %q", key)
		}
		node = next
	}
	last := path[len(path)-1]
	current, ok := node[last]
	if !ok {
		return fmt.Errorf("no key %q", last)
	}
	if appendTo {
		arr, ok := current.([]any)
		if !ok {
			return fmt.Errorf("%q is not an array", last)
		}
		if more, ok := value.([]any); ok {
			value = append(arr, more...)
		} else {
			value = append(arr, value)
		}
	}
	node[last] = value
	return nil
}
