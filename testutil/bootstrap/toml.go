package bootstrap

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// setTOML sets existing keys of a CometBFT or SDK config file in place, as
// `config set` would: "section.key" (or "key" for a top-level one) → value.
// Only the value of the key's line changes, so the file keeps its comments
// and layout. A key the file does not have is an error: a misspelt setting
// would otherwise be silently ignored by the node.
func setTOML(path string, settings [][2]string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(raw), "\n")
	for _, kv := range settings {
		if err := setTOMLLine(lines, kv[0], kv[1]); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

func setTOMLLine(lines []string, dotted, value string) error {
	section, key := "", dotted
	if i := strings.LastIndex(dotted, "."); i >= 0 {
		section, key = dotted[:i], dotted[i+1:]
	}
	current := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			current = strings.Trim(t, "[]")
			continue
		}
		if current != section {
			continue
		}
		name, _, ok := strings.Cut(t, "=")
		if ok && strings.TrimSpace(name) == key {
			lines[i] = key + " = " + tomlValue(value)
			return nil
		}
	}
	return fmt.Errorf("no key %q", dotted)
}

// tomlValue writes value as TOML: booleans, integers and arrays ([...]) as
// they are, anything else as a quoted string.
func tomlValue(v string) string {
	if v == "true" || v == "false" || strings.HasPrefix(v, "[") {
		return v
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return v
	}
	return strconv.Quote(v)
}
