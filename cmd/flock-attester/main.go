// Command flock-attester is the attester service an attester operator runs
// beside a node: it turns billing events (PostgreSQL, or a JSON-lines file)
// into canonical usage batches for each ended epoch, posts or confirms them
// before the attestation grace ends, and journals every step so a restart
// resumes without losing, double-counting or contradicting a row. See the
// README, "Attester service".
//
//	flock-attester run --config flock-attester.toml
//	flock-attester init-db --config flock-attester.toml   (PostgreSQL: create the tables)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/attester/chain"
	"github.com/flockchain/flockd/attester/config"
	"github.com/flockchain/flockd/attester/journal"
	"github.com/flockchain/flockd/attester/pg"
	"github.com/flockchain/flockd/attester/service"
	"github.com/flockchain/flockd/attester/source"
	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: flock-attester run|init-db --config FILE")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	path := fs.String("config", "flock-attester.toml", "the configuration file (keys can be overridden by FLOCK_ATTESTER_* variables)")
	_ = fs.Parse(os.Args[2:])
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := config.Load(*path, os.Environ())
	if err != nil {
		log.Error("configuration", "err", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	switch os.Args[1] {
	case "run":
		err = run(ctx, cfg, log)
	case "init-db":
		err = initDB(ctx, cfg)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		log.Error("flock-attester stopped", "err", err)
		os.Exit(1)
	}
}

func initDB(ctx context.Context, cfg config.Config) error {
	for _, dsn := range []string{cfg.Source.DSN, cfg.Journal.DSN} {
		if dsn == "" {
			continue
		}
		if err := pg.Migrate(ctx, dsn); err != nil {
			return err
		}
	}
	return nil
}

func run(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	app.SetAddressPrefixes()
	enc := app.MakeEncodingConfig()
	modeltokentypes.RegisterInterfaces(enc.InterfaceRegistry)
	kr, err := keyring.New("flockd", cfg.KeyringBackend, cfg.KeyringDir, strings.NewReader(os.Getenv("FLOCK_ATTESTER_KEYRING_PASSPHRASE")+"\n"), enc.Codec)
	if err != nil {
		return fmt.Errorf("keyring: %w", err)
	}
	gasPrice, err := sdk.ParseDecCoin(cfg.GasPrice)
	if err != nil {
		return fmt.Errorf("gas_price: %w", err)
	}
	client, err := chain.New(chain.Config{Endpoints: cfg.GRPC, ChainID: cfg.ChainID, TxConfig: enc.TxConfig, Keyring: kr,
		KeyName: cfg.Key, GasPrice: gasPrice, GasAdjustment: cfg.GasAdjustment})
	if err != nil {
		return err
	}
	defer client.Close()

	var src source.Source
	switch cfg.Source.Kind {
	case "postgres":
		if src, err = pg.OpenSource(ctx, cfg.Source.DSN, cfg.Source.Query); err != nil {
			return err
		}
	default:
		src = source.JSONLines{Path: cfg.Source.Path}
	}
	defer src.Close()
	var jr journal.Journal
	switch cfg.Journal.Kind {
	case "postgres":
		if jr, err = pg.OpenJournal(ctx, cfg.Journal.DSN); err != nil {
			return err
		}
	default:
		if jr, err = journal.OpenFile(cfg.Journal.Dir); err != nil {
			return err
		}
	}
	defer jr.Close()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := service.NewMetrics(reg)
	svc := service.New(client, src, jr, metrics, log, service.Options{BuildDelay: cfg.BuildDelay.Duration,
		ResendAfterBlocks: cfg.ResendAfterBlocks, AddressPrefix: cfg.AddressPrefix})

	// /healthz: 200 while the last tick succeeded, 503 with the error
	// otherwise (a node or database the service cannot reach).
	var lastErr atomic.Value
	lastErr.Store("starting")
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		if msg := lastErr.Load().(string); msg != "" {
			http.Error(w, msg, http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	srv := &http.Server{Addr: cfg.Listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	if cfg.Listen != "" { // "" turns the listener off
		go func() {
			if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("metrics listener", "err", err)
			}
		}()
	}
	defer func() {
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()

	log.Info("flock-attester started", "attester", client.Address().String(), "chain_id", cfg.ChainID, "nodes", cfg.GRPC,
		"source", cfg.Source.Kind, "journal", cfg.Journal.Kind, "listen", cfg.Listen)
	ticker := time.NewTicker(cfg.PollInterval.Duration)
	defer ticker.Stop()
	for {
		if err := svc.Tick(ctx); err != nil {
			if ctx.Err() != nil {
				break
			}
			lastErr.Store(err.Error())
			log.Error("tick failed; retrying", "err", err, "node", client.Endpoint())
		} else {
			lastErr.Store("")
		}
		select {
		case <-ctx.Done():
			log.Info("flock-attester stopping")
			return nil
		case <-ticker.C:
		}
	}
	log.Info("flock-attester stopping")
	return nil
}
