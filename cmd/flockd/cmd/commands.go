package cmd

import (
	"errors"
	"fmt"

	cmtcrypto "github.com/cometbft/cometbft/crypto"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"

	"github.com/spf13/cobra"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/debug"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/keys"
	"github.com/cosmos/cosmos-sdk/client/pruning"
	"github.com/cosmos/cosmos-sdk/client/rpc"
	"github.com/cosmos/cosmos-sdk/client/snapshot"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	authcmd "github.com/cosmos/cosmos-sdk/x/auth/client/cli"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/app/appdb"
)

func initRootCmd(rootCmd *cobra.Command, tempApp *app.FlockApp) {
	basics := tempApp.BasicModuleManager
	rootCmd.AddCommand(
		genutilcli.InitCmd(basics, app.DefaultNodeHome),
		debug.Cmd(),
		pruning.Cmd(newApp, app.DefaultNodeHome),
		snapshot.Cmd(newApp),
		checkInvariantsCmd(),
	)

	// start, comet, export, version, rollback; the node opens its
	// application database with bloom filters (app/appdb).
	server.AddCommandsWithStartCmdOptions(rootCmd, app.DefaultNodeHome, newApp, appExport,
		server.StartCmdOptions{DBOpener: appdb.Open})
	// in-place-testnet: a one-validator rehearsal chain from this node's
	// state (app.InitForTestnet), e.g. to rehearse an upgrade on a copy of
	// mainnet with --trigger-testnet-upgrade.
	server.AddTestnetCreatorCommand(rootCmd, newTestnetApp, func(*cobra.Command) {})
	for _, c := range rootCmd.Commands() {
		if c.Name() == "in-place-testnet" {
			c.Example = "flockd in-place-testnet flock-rehearsal-1 $(flockd keys show validator -a) --skip-confirmation --trigger-testnet-upgrade v5"
		}
	}

	rootCmd.AddCommand(
		server.StatusCommand(),
		genutilcli.Commands(tempApp.TxConfig(), basics, app.DefaultNodeHome),
		queryCommand(),
		txCommand(),
		keys.Commands(),
	)
}

// queryCommand is `flockd query`; autocli adds one subcommand per module.
func queryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "query",
		Aliases:                    []string{"q"},
		Short:                      "Querying subcommands",
		DisableFlagParsing:         false,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		rpc.QueryEventForTxCmd(),
		rpc.WaitTxCmd(),
		server.QueryBlockCmd(),
		authcmd.QueryTxsByEventsCmd(),
		server.QueryBlocksCmd(),
		authcmd.QueryTxCmd(),
		server.QueryBlockResultsCmd(),
	)
	return cmd
}

// txCommand is `flockd tx`; autocli adds one subcommand per module.
func txCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "tx",
		Short:                      "Transactions subcommands",
		DisableFlagParsing:         false,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		authcmd.GetSignCommand(),
		authcmd.GetSignBatchCommand(),
		authcmd.GetMultiSignCommand(),
		authcmd.GetMultiSignBatchCmd(),
		authcmd.GetValidateSignaturesCommand(),
		flags.LineBreak,
		authcmd.GetBroadcastCommand(),
		authcmd.GetEncodeCommand(),
		authcmd.GetDecodeCommand(),
		authcmd.GetSimulateCmd(),
	)
	return cmd
}

func newApp(logger log.Logger, db dbm.DB, appOpts servertypes.AppOptions) servertypes.Application {
	return app.New(logger, db, true, appOpts, server.DefaultBaseappOptions(appOpts)...)
}

// newTestnetApp is newApp turned into a rehearsal chain by
// app.InitForTestnet with what in-place-testnet put in the options. The
// SDK's creator cannot return an error, so a failure panics with the
// reason before the node starts.
func newTestnetApp(logger log.Logger, db dbm.DB, appOpts servertypes.AppOptions) servertypes.Application {
	a := app.New(logger, db, true, appOpts, server.DefaultBaseappOptions(appOpts)...)
	valAddr, okAddr := appOpts.Get(server.KeyNewValAddr).(cmtbytes.HexBytes)
	pubKey, okKey := appOpts.Get(server.KeyUserPubKey).(cmtcrypto.PubKey)
	operator, okOp := appOpts.Get(server.KeyNewOpAddr).(string)
	upgrade, _ := appOpts.Get(server.KeyTriggerTestnetUpgrade).(string)
	if !okAddr || !okKey || !okOp {
		panic("in-place-testnet: the validator address, public key or operator address is missing")
	}
	if err := a.InitForTestnet(valAddr, pubKey, operator, upgrade); err != nil {
		panic(fmt.Sprintf("in-place-testnet: %v", err))
	}
	return a
}

func appExport(
	logger log.Logger, db dbm.DB, height int64, forZeroHeight bool,
	jailAllowedAddrs []string, appOpts servertypes.AppOptions, modulesToExport []string,
) (servertypes.ExportedApp, error) {
	homePath, ok := appOpts.Get(flags.FlagHome).(string)
	if !ok || homePath == "" {
		return servertypes.ExportedApp{}, errors.New("application home not set")
	}
	loadLatest := height == -1
	a := app.New(logger, db, loadLatest, appOpts)
	if !loadLatest {
		if err := a.LoadHeight(height); err != nil {
			return servertypes.ExportedApp{}, err
		}
	}
	return a.ExportAppStateAndValidators(forZeroHeight, jailAllowedAddrs, modulesToExport)
}
