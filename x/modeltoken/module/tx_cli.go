package module

import (
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// GetTxCmd is the `flockd tx modeltoken` command. It holds the hand-written
// usage commands (a batch comes from a JSON file, which autocli cannot
// read); autocli adds every other Msg command to it (EnhanceCustomCommand).
func (AppModule) GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Transactions of the model-token economy",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(submitUsageCmd(), confirmUsageCmd(), voidBatchCmd(), claimAllCmd(), updateParamsProposalCmd())
	return cmd
}

func submitUsageCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "submit-usage [batch.json]",
		Short: "Post a batch of per-user API spend (attesters only)",
		Long: `Post a usage batch from a JSON file:

  {"epoch": "3", "denom": "mt/llama", "batch_id": "2026-11-25-a",
   "rows": [{"user": "flock1...", "spend": "1500000"}]}

spend is micro-USD. Without "epoch" the batch goes into the current epoch.
The batch is atomic: one bad row rejects it. With an attestation quorum above
1, other attesters confirm it with confirm-usage. (The localnet writes
.localnet/batch.json.)`,
		Example: "flockd tx modeltoken submit-usage .localnet/batch.json --from attester",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := txContext(cmd)
			if err != nil {
				return err
			}
			msg, err := readBatchFile(clientCtx, args[0])
			if err != nil {
				return err
			}
			if msg.Epoch == 0 {
				if msg.Epoch, err = currentEpoch(cmd, clientCtx); err != nil {
					return err
				}
			}
			msg.Attester = clientCtx.GetFromAddress().String()
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func confirmUsageCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "confirm-usage [batch.json | epoch denom batch-id content-hash]",
		Short: "Confirm another attester's usage batch by its content hash (attesters only)",
		Long: `Confirm a batch another attester opened. Either give the batch file you
hold (the submit-usage format; its content hash is computed here and only the
hash is sent; without "epoch", the current or previous epoch that holds the
batch id), or the epoch, denom, batch id and content hash
(flockd query modeltoken usage-batches [epoch] lists them).`,
		Example: "flockd tx modeltoken confirm-usage .localnet/batch.json --from attester2",
		Args: cobra.MatchAll(cobra.RangeArgs(1, 4), func(_ *cobra.Command, args []string) error {
			if len(args) != 1 && len(args) != 4 {
				return fmt.Errorf("want a batch file, or epoch, denom, batch id and content hash; got %d arguments", len(args))
			}
			return nil
		}),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := txContext(cmd)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				batch, err := readBatchFile(clientCtx, args[0])
				if err != nil {
					return err
				}
				if err := findBatchEpoch(cmd, clientCtx, batch); err != nil {
					return err
				}
				msg := types.MsgSubmitUsage{
					Attester: clientCtx.GetFromAddress().String(), Epoch: batch.Epoch, Denom: batch.Denom,
					BatchId: batch.BatchId, ContentHash: types.UsageContentHash(batch.Denom, batch.Epoch, batch.Rows),
				}
				return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), &msg)
			}
			epoch, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("epoch %q: %w", args[0], err)
			}
			msg := types.MsgSubmitUsage{
				Attester: clientCtx.GetFromAddress().String(), Epoch: epoch,
				Denom: args[1], BatchId: args[2], ContentHash: args[3],
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), &msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func voidBatchCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "void-batch [batch.json]",
		Short: "Void a usage batch of an unsettled epoch and slash its attesters (guardians; governance in a proposal)",
		Long: `Void a usage batch before its epoch settles (end + attestation_grace +
dispute_window). The file is the batch as posted (the submit-usage format);
its rows must hash to the batch's content hash, so they come out of the sums
exactly. A batch that never reached quorum needs only epoch and batch_id, and
content_hash if rival contents were posted under the id (each content of an
id is voided on its own).
Without "epoch", the current or previous epoch that holds the batch id.
Every attester of the batch loses void_slash_bps of its bond and is jailed.
(On the localnet the validator key is a guardian.)`,
		Example: "flockd tx modeltoken void-batch .localnet/batch.json --reason \"fake spend\" --from validator",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := txContext(cmd)
			if err != nil {
				return err
			}
			batch, err := readBatchFile(clientCtx, args[0])
			if err != nil {
				return err
			}
			if err := findBatchEpoch(cmd, clientCtx, batch); err != nil {
				return err
			}
			reason, err := cmd.Flags().GetString("reason")
			if err != nil {
				return err
			}
			msg := types.MsgVoidBatch{Authority: clientCtx.GetFromAddress().String(), Epoch: batch.Epoch,
				BatchId: batch.BatchId, ContentHash: batch.ContentHash, Rows: batch.Rows, Reason: reason}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), &msg)
		},
	}
	cmd.Flags().String("reason", "", "why the batch is voided (in the event)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// txContext is the client context of a hand-written tx command whose
// arguments have parsed: from here an error is a one-line reason, so cobra
// must not print the usage before it.
func txContext(cmd *cobra.Command) (client.Context, error) {
	cmd.SilenceUsage = true
	return client.GetClientTxContext(cmd)
}

// readBatchFile reads a usage batch in the submit-usage JSON format.
func readBatchFile(clientCtx client.Context, path string) (*types.MsgSubmitUsage, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var msg types.MsgSubmitUsage
	if err := clientCtx.Codec.UnmarshalJSON(raw, &msg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &msg, nil
}

// currentEpoch asks the node for the current reward epoch.
func currentEpoch(cmd *cobra.Command, clientCtx client.Context) (uint64, error) {
	res, err := types.NewQueryClient(clientCtx).CurrentEpoch(cmd.Context(), &types.QueryCurrentEpochRequest{})
	if err != nil {
		return 0, err
	}
	return res.Epoch.Number, nil
}

// findBatchEpoch fills a batch file's omitted epoch with the epoch that holds
// its batch id: the current one, or the previous one (the batch was posted
// just before the epoch ended and may still be confirmed or voided in its
// grace and dispute window). A file with an epoch is left as it is.
func findBatchEpoch(cmd *cobra.Command, clientCtx client.Context, batch *types.MsgSubmitUsage) error {
	if batch.Epoch != 0 {
		return nil
	}
	cur, err := currentEpoch(cmd, clientCtx)
	if err != nil {
		return err
	}
	q := types.NewQueryClient(clientCtx)
	for _, epoch := range []uint64{cur, cur - 1} {
		if epoch == 0 {
			continue
		}
		var key []byte
		for {
			res, err := q.UsageBatches(cmd.Context(), &types.QueryUsageBatchesRequest{
				Epoch: epoch, Pagination: &query.PageRequest{Key: key, Limit: 200},
			})
			if err != nil {
				return err
			}
			for _, b := range res.Batches {
				if b.BatchId == batch.BatchId && b.Denom == batch.Denom {
					batch.Epoch = epoch
					return nil
				}
			}
			if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
				break
			}
			key = res.Pagination.NextKey
		}
	}
	return fmt.Errorf("no batch %q of %s in epoch %d or %d: put its \"epoch\" in the file", batch.BatchId, batch.Denom, cur, cur-1)
}

// maxClaimMsgsPerTx bounds claim-all's transaction; a larger backlog takes
// another run.
const maxClaimMsgsPerTx = 20

func claimAllCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "claim-all",
		Short: "Claim every settled reward across models in one transaction, as many claims as max_claim_entries requires",
		Long: `Reads your pending rewards and sends one transaction with enough
MsgClaimRewards messages to pay every settled entry (each message pays at
most max_claim_entries (epoch, model) entries), up to 20 messages; a larger
backlog takes another run. claim-rewards sends a single claim.`,
		Example: "flockd tx modeltoken claim-all --from alice",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := txContext(cmd)
			if err != nil {
				return err
			}
			q := types.NewQueryClient(clientCtx)
			owner := clientCtx.GetFromAddress().String()
			pending, err := q.PendingRewards(cmd.Context(), &types.QueryPendingRewardsRequest{Owner: owner})
			if err != nil {
				return err
			}
			params, err := q.Params(cmd.Context(), &types.QueryParamsRequest{})
			if err != nil {
				return err
			}
			entries := uint64(0)
			for _, m := range pending.Models {
				entries += uint64(m.Epochs)
			}
			if entries == 0 {
				return fmt.Errorf("%s has no settled rewards to claim", owner)
			}
			per := max(uint64(params.Params.MaxClaimEntries), 1)
			n := min((entries+per-1)/per, maxClaimMsgsPerTx)
			msgs := make([]sdk.Msg, n)
			for i := range msgs {
				msgs[i] = &types.MsgClaimRewards{Claimer: owner}
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msgs...)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
