package cmd

import (
	cmtcfg "github.com/cometbft/cometbft/config"

	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	"github.com/flockchain/flockd/app"
)

// initCometBFTConfig returns CometBFT defaults; operators tune config.toml.
func initCometBFTConfig() *cmtcfg.Config {
	return cmtcfg.DefaultConfig()
}

// AppDBBackend is the default application database. With SDK v0.55's store
// and goleveldb, an IAVL store that stays empty (x/evidence on a chain that
// has seen no evidence) cannot be reloaded: its empty root reads back as
// missing, so queries at the latest height and node restarts fail with
// "version does not exist". pebbledb keeps empty values and works.
const AppDBBackend = "pebbledb"

// initAppConfig sets app.toml defaults a validator would otherwise have to
// edit by hand: a zero minimum gas price in uflock (validators raise it),
// the pebbledb application database, and state-sync snapshots every 1,000
// blocks keeping 2, so new nodes can join without replaying the chain.
func initAppConfig() (string, any) {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = "0" + app.BondDenom
	cfg.AppDBBackend = AppDBBackend
	cfg.StateSync.SnapshotInterval = 1000
	cfg.StateSync.SnapshotKeepRecent = 2
	return serverconfig.DefaultConfigTemplate, cfg
}
