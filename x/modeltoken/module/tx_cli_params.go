package module

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govcli "github.com/cosmos/cosmos-sdk/x/gov/client/cli"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// updateParamsProposalCmd submits MsgUpdateParams in a gov proposal. It is
// written by hand, not by autocli: autocli reads the params with proto JSON
// into a dynamic message, which takes neither the durations nor the
// decimals that `flockd query modeltoken params -o json` prints ("1m0s",
// "2.190000000000000000" for a cosmos.Dec, whose wire form is the scaled
// integer), so the query's output could not be fed back. The chain's own
// codec reads both, and the params are validated here before signing.
func updateParamsProposalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update-params-proposal [params-json or file]",
		Short: "Propose new x/modeltoken params (the whole params object, as query params -o json prints it)",
		Long: `Submit a governance proposal that replaces every x/modeltoken parameter.
The argument is the params object as JSON (the "params" field of
flockd query modeltoken params -o json, edited), or a file holding it.
--title, --summary and --deposit describe the proposal; it passes by a vote.`,
		Example: `flockd tx modeltoken update-params-proposal "$(flockd q modeltoken params -o json | jq -c '.params | .attestation_quorum = 1')" --title "quorum 1" --summary "one attester" --deposit 10000000uflock --from alice`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := txContext(cmd)
			if err != nil {
				return err
			}
			raw := []byte(args[0])
			if !strings.HasPrefix(strings.TrimSpace(args[0]), "{") {
				if raw, err = os.ReadFile(args[0]); err != nil {
					return err
				}
			}
			var params types.Params
			if err := clientCtx.Codec.UnmarshalJSON(raw, &params); err != nil {
				return fmt.Errorf("params: %w", err)
			}
			if err := params.Validate(addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())); err != nil {
				return err
			}
			prop, err := govcli.ReadGovPropFlags(clientCtx, cmd.Flags())
			if err != nil {
				return err
			}
			authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
			if err := prop.SetMsgs([]sdk.Msg{&types.MsgUpdateParams{Authority: authority, Params: params}}); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), prop)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	govcli.AddGovPropFlagsToCmd(cmd)
	return cmd
}
