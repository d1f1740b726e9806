package launch

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// InitGenesis writes the launch domain's part of a validated gs: model
// types, the launch sequence, launches with their deadline and symbol
// entries, supporters' claims and issuer vestings.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	for _, mt := range gs.ModelTypes {
		if err := k.ModelTypes.Set(ctx, mt.Id, mt); err != nil {
			return err
		}
	}
	if gs.NextLaunchId > 0 {
		if err := k.LaunchSeq.Set(ctx, gs.NextLaunchId-1); err != nil {
			return err
		}
	}
	for _, l := range gs.Launches {
		if err := k.Launches.Set(ctx, l.Id, l); err != nil {
			return err
		}
		if l.Status == types.LAUNCH_STATUS_RAISING {
			if err := k.LaunchDeadlines.Set(ctx, collections.Join(l.EndTime.Unix(), l.Id)); err != nil {
				return err
			}
		}
		if l.Status != types.LAUNCH_STATUS_FAILED {
			if err := k.LaunchSymbols.Set(ctx, l.Symbol, l.Id); err != nil {
				return err
			}
		}
	}
	for _, c := range gs.Claims {
		addr, err := k.addressCodec.StringToBytes(c.Supporter)
		if err != nil {
			return err
		}
		if err := k.Claims.Set(ctx, collections.Join(c.LaunchId, sdk.AccAddress(addr)), c); err != nil {
			return err
		}
	}
	for _, v := range gs.Vestings {
		if err := k.Vestings.Set(ctx, v.LaunchId, v); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis adds the launch domain's state to gs.
func (k Keeper) ExportGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.ModelTypes.Walk(ctx, nil, func(_ string, mt types.ModelType) (bool, error) {
		gs.ModelTypes = append(gs.ModelTypes, mt)
		return false, nil
	}); err != nil {
		return err
	}
	last, err := k.LaunchSeq.Peek(ctx)
	if err != nil {
		return err
	}
	gs.NextLaunchId = last + 1
	if err := k.Launches.Walk(ctx, nil, func(_ uint64, l types.Launch) (bool, error) {
		gs.Launches = append(gs.Launches, l)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.Claims.Walk(ctx, nil, func(_ collections.Pair[uint64, sdk.AccAddress], c types.Claim) (bool, error) {
		gs.Claims = append(gs.Claims, c)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.Vestings.Walk(ctx, nil, func(_ uint64, v types.IssuerVesting) (bool, error) {
		gs.Vestings = append(gs.Vestings, v)
		return false, nil
	}); err != nil {
		return err
	}
	return nil
}
