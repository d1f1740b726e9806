package bootstrap

import (
	"bytes"
	"encoding/json"
	"os"
)

// EditJSON edits a JSON document in place; numbers stay exact
// (json.Number), so big integers survive.
func EditJSON(path string, edit func(doc map[string]any) error) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	if err := edit(doc); err != nil {
		return err
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(out, '\n'), 0o644)
}
