package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// registry is the model-token registry as the domain sub-keepers see it
// (market.Tokens). It wraps a copy of the keeper taken once its own
// collections exist; collections are handles on the store, so the copy
// reads and writes the same state.
type registry struct{ k Keeper }

func (r registry) RequireLive(ctx context.Context, denom string) error {
	return r.k.liveModelToken(ctx, denom)
}

func (r registry) GetToken(ctx context.Context, denom string) (types.ModelToken, error) {
	return r.k.ModelTokens.Get(ctx, denom)
}

func (r registry) SetToken(ctx context.Context, tok types.ModelToken) error {
	return r.k.ModelTokens.Set(ctx, tok.Denom, tok)
}

func (r registry) IssuerPayout(ctx context.Context, tok types.ModelToken) (sdk.AccAddress, error) {
	launch, err := r.k.Launch.Launches.Get(ctx, tok.LaunchId)
	if err != nil {
		return nil, err
	}
	return r.k.decodeAddr("payout_address", launch.PayoutAddress)
}

// graduates registers a graduated launch's model token (launch.Graduates):
// the registry record, the token's incentive budget and its pool's oracle.
type graduates struct{ k Keeper }

func (g graduates) RegisterToken(ctx context.Context, tok types.ModelToken) error {
	if err := g.k.ModelTokens.Set(ctx, tok.Denom, tok); err != nil {
		return err
	}
	if err := g.k.initMTIncentives(ctx, tok.Denom, tok.IncentivePool); err != nil {
		return err
	}
	_, err := g.k.Market.OpenOracle(ctx, tok.Denom)
	return err
}
