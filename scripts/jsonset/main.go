// Command jsonset edits a JSON file in place: each argument path=value sets
// the dotted path (e.g. app_state.gov.params.voting_period=30s) to value, and
// path+=value appends value to the array at path. A value is parsed as JSON
// when it is valid JSON and used as a string otherwise. It keeps the localnet
// script free of jq/python.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: jsonset FILE path.to.key=value ...")
		os.Exit(2)
	}
	file := os.Args[1]
	raw, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber() // keep big integers exact
	if err := dec.Decode(&doc); err != nil {
		fail(fmt.Errorf("%s: %w", file, err))
	}
	for _, arg := range os.Args[2:] {
		path, value, ok := strings.Cut(arg, "=")
		if !ok {
			fail(fmt.Errorf("argument %q is not path=value", arg))
		}
		appendTo := strings.HasSuffix(path, "+")
		path = strings.TrimSuffix(path, "+")
		if err := set(doc, strings.Split(path, "."), parse(value), appendTo); err != nil {
			fail(fmt.Errorf("%s: %w", path, err))
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(file, append(out, '\n'), 0o644); err != nil {
		fail(err)
	}
}

func parse(v string) any {
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err == nil && !dec.More() {
		return out
	}
	return v
}

func set(node map[string]any, path []string, value any, appendTo bool) error {
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
		value = append(arr, value)
	}
	node[last] = value
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "jsonset:", err)
	os.Exit(1)
}
