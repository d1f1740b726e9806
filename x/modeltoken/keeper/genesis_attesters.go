package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// initAttesters writes the attesters' bonds (and their unbonding queue),
// the slash evidence and the per-attester opened spend.
func (k Keeper) initAttesters(ctx context.Context, gs types.GenesisState) error {
	for _, b := range gs.AttesterBonds {
		addr, err := k.addressCodec.StringToBytes(b.Attester)
		if err != nil {
			return err
		}
		if err := k.AttesterBonds.Set(ctx, addr, b); err != nil {
			return err
		}
		for _, u := range b.Unbondings {
			if err := k.AttesterUnbonding.Set(ctx, collections.Join(u.Completion.Unix(), sdk.AccAddress(addr))); err != nil {
				return err
			}
		}
	}
	var last uint64
	for _, e := range gs.Evidence {
		if err := k.Evidence.Set(ctx, e.Id, e); err != nil {
			return err
		}
		last = max(last, e.Id)
	}
	if err := k.EvidenceSeq.Set(ctx, last); err != nil {
		return err
	}
	for _, s := range gs.AttesterEpochSpend {
		addr, err := k.addressCodec.StringToBytes(s.Attester)
		if err != nil {
			return err
		}
		if err := k.AttesterSpend.Set(ctx, collections.Join3(s.Epoch, s.Denom, sdk.AccAddress(addr)), s.Spend); err != nil {
			return err
		}
	}
	return nil
}

// exportAttesters reads them back.
func (k Keeper) exportAttesters(ctx context.Context, gs *types.GenesisState) error {
	if err := k.AttesterBonds.Walk(ctx, nil, func(_ sdk.AccAddress, b types.AttesterBond) (bool, error) {
		gs.AttesterBonds = append(gs.AttesterBonds, b)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.Evidence.Walk(ctx, nil, func(_ uint64, e types.AttestationEvidence) (bool, error) {
		gs.Evidence = append(gs.Evidence, e)
		return false, nil
	}); err != nil {
		return err
	}
	return k.AttesterSpend.Walk(ctx, nil, func(key collections.Triple[uint64, string, sdk.AccAddress], spend uint64) (bool, error) {
		gs.AttesterEpochSpend = append(gs.AttesterEpochSpend, types.AttesterEpochSpend{
			Epoch: key.K1(), Denom: key.K2(), Attester: key.K3().String(), Spend: spend})
		return false, nil
	})
}
