package cmd

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"cosmossdk.io/log/v2"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/app/appdb"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
)

// invariantsReport is what `flockd check-invariants` prints.
type invariantsReport struct {
	Height  int64  `json:"height"`
	Broken  bool   `json:"broken"`
	Message string `json:"message,omitempty"`
}

// checkInvariantsCmd runs x/modeltoken's invariants (ledgers, emissions)
// against a stopped node's latest committed state, read-only. SDK v0.55 has
// no x/crisis, so this is how an operator (and the partition e2e) checks a
// real node's state; a broken invariant exits non-zero.
func checkInvariantsCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "check-invariants",
		Short:   "Check x/modeltoken's invariants on this node's latest state (the node must be stopped)",
		Example: "flockd check-invariants --home ~/.flockd",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sctx := server.GetServerContextFromCmd(cmd)
			home := sctx.Config.RootDir
			db, err := appdb.Open(home, server.GetAppDBBackend(sctx.Viper))
			if err != nil {
				return err
			}
			defer db.Close()
			a := app.New(log.NewNopLogger(), db, true, sctx.Viper)
			height := a.LastBlockHeight()
			if height == 0 {
				return fmt.Errorf("no committed state under %s", home)
			}
			cmd.SilenceUsage = true // a broken invariant is not a usage error
			ctx := sdk.NewContext(a.CommitMultiStore().CacheMultiStore(), cmtproto.Header{Height: height}, false, log.NewNopLogger())
			msg, broken := keeper.AllInvariants(a.ModelTokenKeeper)(ctx)
			out, err := json.Marshal(invariantsReport{Height: height, Broken: broken, Message: msg})
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), string(out))
			if broken {
				return fmt.Errorf("x/modeltoken invariant broken at height %d", height)
			}
			return nil
		},
	}
}
