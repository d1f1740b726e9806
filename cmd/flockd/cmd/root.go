// Package cmd builds the flockd command tree: node commands from the SDK
// server, genesis helpers, keys, and module tx/query commands from autocli.
package cmd

import (
	"os"

	"github.com/spf13/cobra"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/server"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/app"
)

// NewRootCmd returns the `flockd` root command.
func NewRootCmd() *cobra.Command {
	// A throwaway in-memory app gives autocli the module list and codecs.
	tempDir, err := os.MkdirTemp("", "flockd-autocli")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tempDir)
	tempApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(tempDir))

	initClientCtx := client.Context{}.
		WithCodec(tempApp.AppCodec()).
		WithInterfaceRegistry(tempApp.InterfaceRegistry()).
		WithTxConfig(tempApp.TxConfig()).
		WithLegacyAmino(tempApp.LegacyAmino()).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(app.DefaultNodeHome).
		WithViper("FLOCKD")

	rootCmd := &cobra.Command{
		Use:           "flockd",
		Short:         "flockd: a Cosmos SDK chain running a usage-backed model-token economy",
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())

			ctx := initClientCtx.WithCmdContext(cmd.Context())
			ctx, err := client.ReadPersistentCommandFlags(ctx, cmd.Flags())
			if err != nil {
				return err
			}
			ctx, err = config.ReadFromClientConfig(ctx)
			if err != nil {
				return err
			}
			if err := client.SetCmdClientContextHandler(ctx, cmd); err != nil {
				return err
			}
			appTemplate, appConfig := initAppConfig()
			return server.InterceptConfigsPreRunHandler(cmd, appTemplate, appConfig, initCometBFTConfig())
		},
	}

	initRootCmd(rootCmd, tempApp)

	autoCliOpts := tempApp.AutoCliOpts()
	autoCliOpts.ClientCtx = initClientCtx
	if err := autoCliOpts.EnhanceRootCommand(rootCmd); err != nil {
		panic(err)
	}
	rootCmd.PersistentFlags().String(flags.FlagChainID, "", "The network chain ID")
	for _, c := range rootCmd.Commands() {
		if c.Name() == "tx" { // not gentx, which signs offline
			defaultGasAuto(c)
		}
	}
	return rootCmd
}

// defaultGasAuto makes every transaction command simulate its gas (--gas
// auto, --gas-adjustment 1.5) unless told otherwise: the SDK's fixed 200,000
// is too little for a buy that graduates a launch or a large usage batch, and
// a newcomer's first tx should not fail with out-of-gas.
func defaultGasAuto(cmd *cobra.Command) {
	if f := cmd.Flags().Lookup(flags.FlagGas); f != nil && f.DefValue == "" {
		f.DefValue = flags.GasFlagAuto
		_ = f.Value.Set(flags.GasFlagAuto)
		if adj := cmd.Flags().Lookup(flags.FlagGasAdjustment); adj != nil {
			adj.DefValue = "1.5"
			_ = adj.Value.Set("1.5")
		}
	}
	for _, c := range cmd.Commands() {
		defaultGasAuto(c)
	}
}
