package app

import (
	"encoding/json"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	ratelimiting "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting"
	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v11/modules/core/02-client/types"
)

// The default outflow limit of a model token on a channel: a channel that
// governance never looked at could otherwise carry a model token's whole
// float to another chain in one block. At most DefaultMTOutflowPercent of
// the token's supply leaves through one channel per DefaultMTOutflowHours;
// what comes back is not limited.
const (
	DefaultMTOutflowPercent = 10
	DefaultMTOutflowHours   = 24
)

// mtOutflowDefaults is the rate-limiting middleware of classic transfer
// channels with one addition: the first time a live model token is sent
// through a channel that has no rate limit for it, the default one is added
// (ibc-go's own AddRateLimit, so it behaves as one governance added), then
// the send is checked against it. Governance changes it with
// MsgUpdateRateLimit like any other; to lift it, update it to 100%: a
// removed limit comes back at the next send. IBC v2 (client-id) paths keep
// only the limits governance sets.
type mtOutflowDefaults struct {
	*ratelimiting.IBCMiddleware
	limits     *ratelimitkeeper.Keeper
	modelToken func(ctx sdk.Context, denom string) bool
	authority  string
}

// SendPacket implements the ICS4 wrapper the transfer module sends through.
func (m mtOutflowDefaults) SendPacket(ctx sdk.Context, sourcePort, sourceChannel string, timeoutHeight clienttypes.Height, timeoutTimestamp uint64, data []byte) (uint64, error) {
	var packet ibctransfertypes.FungibleTokenPacketData
	if err := json.Unmarshal(data, &packet); err == nil && m.modelToken(ctx, packet.Denom) {
		if _, found := m.limits.GetRateLimit(ctx, packet.Denom, sourceChannel); !found {
			if err := m.limits.AddRateLimit(ctx, &ratelimittypes.MsgAddRateLimit{
				Signer:            m.authority,
				Denom:             packet.Denom,
				ChannelOrClientId: sourceChannel,
				MaxPercentSend:    sdkmath.NewInt(DefaultMTOutflowPercent),
				MaxPercentRecv:    sdkmath.NewInt(100),
				DurationHours:     DefaultMTOutflowHours,
			}); err != nil {
				return 0, err
			}
			ctx.Logger().Info("default outflow limit added", "denom", packet.Denom, "channel", sourceChannel,
				"percent", DefaultMTOutflowPercent, "hours", DefaultMTOutflowHours)
		}
	}
	return m.IBCMiddleware.SendPacket(ctx, sourcePort, sourceChannel, timeoutHeight, timeoutTimestamp, data)
}
