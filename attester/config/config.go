// Package config reads the attester service's TOML file and its
// environment overrides.
package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// Config is flock-attester.toml. Every key can be overridden by an
// environment variable FLOCK_ATTESTER_<SECTION>_<KEY> (upper case, dots and
// dashes as underscores), e.g. FLOCK_ATTESTER_SOURCE_DSN or
// FLOCK_ATTESTER_GRPC (a comma-separated list).
type Config struct {
	ChainID string `toml:"chain_id"`
	// GRPC lists node gRPC endpoints (host:port), tried in order.
	GRPC []string `toml:"grpc"`
	// Key is the attester's key in the keyring.
	Key            string `toml:"key"`
	KeyringBackend string `toml:"keyring_backend"` // test, file or os
	KeyringDir     string `toml:"keyring_dir"`
	// GasPrice pays fees, e.g. "0.025uflock" ("0uflock" on a chain with no
	// minimum gas price).
	GasPrice      string   `toml:"gas_price"`
	GasAdjustment float64  `toml:"gas_adjustment"`
	AddressPrefix string   `toml:"address_prefix"`
	PollInterval  Duration `toml:"poll_interval"`
	// BuildDelay is how long (block time) after an epoch ends its batches
	// are built; events recorded later are late (reported, not posted).
	BuildDelay Duration `toml:"build_delay"`
	// ResendAfterBlocks: a sent tx not in a block after this many blocks
	// is signed again (the same content).
	ResendAfterBlocks int64 `toml:"resend_after_blocks"`
	// Listen serves /metrics and /healthz.
	Listen  string  `toml:"listen"`
	Source  Source  `toml:"source"`
	Journal Journal `toml:"journal"`
}

// Source is where billing events come from.
type Source struct {
	Kind string `toml:"kind"` // "postgres" or "jsonl"
	DSN  string `toml:"dsn"`  // postgres
	// Query overrides the default SELECT over billing_events; it must
	// return (event_id, user_address, model, spend_micro_usd, occurred_at)
	// for occurred_at in [$1, $2).
	Query string `toml:"query"`
	Path  string `toml:"path"` // jsonl
}

// Journal is where the service records its steps.
type Journal struct {
	Kind string `toml:"kind"` // "postgres" or "file"
	DSN  string `toml:"dsn"`
	Dir  string `toml:"dir"`
}

// Duration is a time.Duration written as "5s".
type Duration struct{ time.Duration }

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	d.Duration = v
	return err
}

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Defaults are the values a key left out of the file takes.
func Defaults() Config {
	return Config{
		KeyringBackend: "test", GasPrice: "0uflock", GasAdjustment: 1.5, AddressPrefix: "flock",
		PollInterval: Duration{2 * time.Second}, ResendAfterBlocks: 10, Listen: "127.0.0.1:9464",
		Source: Source{Kind: "jsonl"}, Journal: Journal{Kind: "file"},
	}
}

// Load reads path over the defaults, then the environment.
func Load(path string, env []string) (Config, error) {
	cfg := Defaults()
	if path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			return cfg, err
		}
		dec := toml.NewDecoder(strings.NewReader(string(raw))).DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			var strict *toml.StrictMissingError
			if errors.As(err, &strict) {
				return cfg, fmt.Errorf("%s: unknown keys:\n%s", path, strict.String())
			}
			return cfg, fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := applyEnv(&cfg, env); err != nil {
		return cfg, err
	}
	return cfg, cfg.Validate()
}

// Validate checks what the service cannot run without.
func (c Config) Validate() error {
	var errs []error
	if c.ChainID == "" {
		errs = append(errs, errors.New("chain_id is required"))
	}
	if len(c.GRPC) == 0 {
		errs = append(errs, errors.New("grpc: at least one node endpoint"))
	}
	if c.Key == "" {
		errs = append(errs, errors.New("key is required"))
	}
	switch c.Source.Kind {
	case "postgres":
		if c.Source.DSN == "" {
			errs = append(errs, errors.New("source.dsn is required for a postgres source"))
		}
	case "jsonl":
		if c.Source.Path == "" {
			errs = append(errs, errors.New("source.path is required for a jsonl source"))
		}
	default:
		errs = append(errs, fmt.Errorf("source.kind %q: postgres or jsonl", c.Source.Kind))
	}
	switch c.Journal.Kind {
	case "postgres":
		if c.Journal.DSN == "" {
			errs = append(errs, errors.New("journal.dsn is required for a postgres journal"))
		}
	case "file":
		if c.Journal.Dir == "" {
			errs = append(errs, errors.New("journal.dir is required for a file journal"))
		}
	default:
		errs = append(errs, fmt.Errorf("journal.kind %q: postgres or file", c.Journal.Kind))
	}
	return errors.Join(errs...)
}

// applyEnv sets fields from FLOCK_ATTESTER_* variables.
func applyEnv(cfg *Config, env []string) error {
	vars := map[string]string{}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if ok && strings.HasPrefix(k, "FLOCK_ATTESTER_") {
			vars[k] = v
		}
	}
	return walk(reflect.ValueOf(cfg).Elem(), "FLOCK_ATTESTER", vars)
}

func walk(v reflect.Value, prefix string, vars map[string]string) error {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := prefix + "_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(strings.Split(f.Tag.Get("toml"), ",")[0]))
		fv := v.Field(i)
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Duration{}) {
			if err := walk(fv, name, vars); err != nil {
				return err
			}
			continue
		}
		val, ok := vars[name]
		if !ok {
			continue
		}
		if err := setField(fv, val); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func setField(fv reflect.Value, val string) error {
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(val)
	case reflect.Slice:
		fv.Set(reflect.ValueOf(strings.Split(val, ",")))
	case reflect.Int64:
		var n int64
		if _, err := fmt.Sscan(val, &n); err != nil {
			return err
		}
		fv.SetInt(n)
	case reflect.Float64:
		var f float64
		if _, err := fmt.Sscan(val, &f); err != nil {
			return err
		}
		fv.SetFloat(f)
	case reflect.Struct: // Duration
		return fv.Addr().Interface().(*Duration).UnmarshalText([]byte(val))
	default:
		return fmt.Errorf("unsupported kind %s", fv.Kind())
	}
	return nil
}
