package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// InitGenesis writes a validated genesis state into the store.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	// Create the treasury module account now: a plain bank send to its
	// address would otherwise create a base account in its place.
	k.auth.GetModuleAccount(ctx, types.TreasuryAccount)
	if err := k.Launch.InitGenesis(ctx, gs); err != nil {
		return err
	}
	for _, t := range gs.ModelTokens {
		if err := k.ModelTokens.Set(ctx, t.Denom, t); err != nil {
			return err
		}
	}
	return k.initStakingGenesis(ctx, gs)
}

func (k Keeper) initStakingGenesis(ctx context.Context, gs types.GenesisState) error {
	if gs.Epoch.Number > 0 {
		if err := k.Epoch.Set(ctx, gs.Epoch); err != nil {
			return err
		}
	}
	for _, p := range gs.Positions {
		owner, err := k.addressCodec.StringToBytes(p.Owner)
		if err != nil {
			return err
		}
		if err := k.Positions.Set(ctx, collections.Join(sdk.AccAddress(owner), p.Denom), p); err != nil {
			return err
		}
	}
	for _, ms := range gs.ModelStakes {
		if err := k.ModelStakes.Set(ctx, ms.Denom, ms); err != nil {
			return err
		}
	}
	for _, cp := range gs.StakeCheckpoints {
		if err := k.StakeCheckpoints.Set(ctx, collections.Join(cp.Denom, cp.CountedEpoch), cp); err != nil {
			return err
		}
	}
	for _, u := range gs.Unbondings {
		if err := k.Unbondings.Set(ctx, u.Id, u); err != nil {
			return err
		}
		if err := k.UnbondingQueue.Set(ctx, collections.Join(u.CompletionTime.Unix(), u.Id)); err != nil {
			return err
		}
	}
	if err := k.UnbondingSeq.Set(ctx, gs.NextUnbondingId); err != nil {
		return err
	}
	for _, d := range gs.DiscountSchedules {
		if err := k.Discounts.Set(ctx, d.Denom, d); err != nil {
			return err
		}
	}
	totals := types.GmTotals{Locked: math.ZeroInt(), Gmflock: math.ZeroInt()}
	for _, l := range gs.GmLocks {
		owner, err := k.addressCodec.StringToBytes(l.Owner)
		if err != nil {
			return err
		}
		if err := k.GmLocks.Set(ctx, l.Id, l); err != nil {
			return err
		}
		if err := k.addLockCount(ctx, owner, +1); err != nil {
			return err
		}
		totals.Locked = totals.Locked.Add(l.Amount)
		totals.Gmflock = totals.Gmflock.Add(l.Gmflock)
	}
	if err := k.GmTotals.Set(ctx, totals); err != nil {
		return err
	}
	if err := k.GmLockSeq.Set(ctx, gs.NextLockId); err != nil {
		return err
	}
	return k.initUsageGenesis(ctx, gs)
}

func (k Keeper) initUsageGenesis(ctx context.Context, gs types.GenesisState) error {
	for _, e := range gs.EpochStarts {
		if err := k.EpochStarts.Set(ctx, e.Epoch, e); err != nil {
			return err
		}
	}
	for _, b := range gs.UsageBatches {
		if err := k.UsageBatches.Set(ctx, batchKey(b), b); err != nil {
			return err
		}
	}
	for _, pb := range gs.PendingBatches {
		hash := pb.ContentHash
		if hash == "" { // an export from before v4: the id's only content
			all, err := k.batchCandidates(ctx, pb.Epoch, pb.BatchId)
			if err != nil {
				return err
			}
			if len(all) != 1 {
				return errorsmod.Wrapf(types.ErrInvalidGenesis, "pending rows of batch %d/%s name no content, and it has %d", pb.Epoch, pb.BatchId, len(all))
			}
			hash = all[0].ContentHash
		}
		if err := k.PendingRows.Set(ctx, collections.Join3(pb.Epoch, pb.BatchId, hash), types.PendingRows{Rows: pb.Rows}); err != nil {
			return err
		}
	}
	if err := k.rebuildPendingCounts(ctx); err != nil {
		return err
	}
	for _, u := range gs.UserUsage {
		user, err := k.addressCodec.StringToBytes(u.User)
		if err != nil {
			return err
		}
		if err := k.UsageByUser.Set(ctx, collections.Join3(u.Epoch, u.Denom, sdk.AccAddress(user)), u.Record); err != nil {
			return err
		}
	}
	perEpoch := map[uint64]math.Int{}
	var epochs []uint64
	for _, mu := range gs.ModelUsage {
		if err := k.ModelUsages.Set(ctx, collections.Join(mu.Epoch, mu.Denom), mu); err != nil {
			return err
		}
		if _, ok := perEpoch[mu.Epoch]; !ok {
			perEpoch[mu.Epoch] = math.ZeroInt()
			epochs = append(epochs, mu.Epoch)
		}
		perEpoch[mu.Epoch] = perEpoch[mu.Epoch].Add(mu.TotalSpend)
	}
	for _, e := range epochs { // slice order: deterministic
		if err := k.EpochUsage.Set(ctx, e, perEpoch[e]); err != nil {
			return err
		}
	}
	return k.initRewardsGenesis(ctx, gs)
}

func (k Keeper) initRewardsGenesis(ctx context.Context, gs types.GenesisState) error {
	for _, inc := range gs.Incentives {
		if err := k.Incentives.Set(ctx, inc.Denom, inc); err != nil {
			return err
		}
	}
	for _, d := range gs.IncentiveRateDeltas {
		if err := k.IncentiveDeltas.Set(ctx, collections.Join(d.Denom, d.Step), d.Delta); err != nil {
			return err
		}
	}
	for _, g := range gs.GmSnapshots {
		user, err := k.addressCodec.StringToBytes(g.User)
		if err != nil {
			return err
		}
		if err := k.GmSnapshots.Set(ctx, collections.Join(g.Epoch, sdk.AccAddress(user)), g.Gm); err != nil {
			return err
		}
	}
	for _, r := range gs.RewardEntries {
		user, err := k.addressCodec.StringToBytes(r.User)
		if err != nil {
			return err
		}
		if err := k.RewardIndex.Set(ctx, collections.Join3(sdk.AccAddress(user), r.Epoch, r.Denom)); err != nil {
			return err
		}
	}
	for _, r := range gs.EpochRewards {
		if err := k.EpochRewards.Set(ctx, collections.Join(r.Epoch, r.Denom), r); err != nil {
			return err
		}
	}
	for _, s := range gs.EpochSummaries {
		if err := k.EpochSummaries.Set(ctx, s.Epoch, s); err != nil {
			return err
		}
	}
	if err := k.NextSettleEpoch.Set(ctx, gs.SettledEpochs); err != nil {
		return err
	}
	if gs.SettleProgress != nil {
		// The rest of the epoch's pools come from this emission: never more
		// than the schedule's E(e).
		if limit := formulas.EmissionFor(gs.Params, gs.SettleProgress.Epoch); gs.SettleProgress.Emission.GT(limit) {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "settle progress of epoch %d: emission %s above the schedule's %s",
				gs.SettleProgress.Epoch, gs.SettleProgress.Emission, limit)
		}
		if err := k.SettleProgress.Set(ctx, *gs.SettleProgress); err != nil {
			return err
		}
	}
	if err := k.ExpiredEpochs.Set(ctx, gs.ExpiredEpochs); err != nil {
		return err
	}
	if err := k.Market.InitGenesis(ctx, gs); err != nil {
		return err
	}
	return k.initAttesters(ctx, gs)
}

// ExportGenesis reads the whole module state back out.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: p}
	if err := k.Launch.ExportGenesis(ctx, gs); err != nil {
		return nil, err
	}
	if err := k.ModelTokens.Walk(ctx, nil, func(_ string, t types.ModelToken) (bool, error) {
		gs.ModelTokens = append(gs.ModelTokens, t)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.exportStakingGenesis(ctx, gs); err != nil {
		return nil, err
	}
	return gs, nil
}

func (k Keeper) exportStakingGenesis(ctx context.Context, gs *types.GenesisState) error {
	e, err := k.Epoch.Get(ctx)
	if err == nil {
		gs.Epoch = e
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if err := k.Positions.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, string], p types.StakePosition) (bool, error) {
		gs.Positions = append(gs.Positions, p)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.ModelStakes.Walk(ctx, nil, func(_ string, ms types.ModelStake) (bool, error) {
		gs.ModelStakes = append(gs.ModelStakes, ms)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.StakeCheckpoints.Walk(ctx, nil, func(_ collections.Pair[string, uint64], cp types.ModelStake) (bool, error) {
		gs.StakeCheckpoints = append(gs.StakeCheckpoints, cp)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.Unbondings.Walk(ctx, nil, func(_ uint64, u types.UnbondingEntry) (bool, error) {
		gs.Unbondings = append(gs.Unbondings, u)
		return false, nil
	}); err != nil {
		return err
	}
	if gs.NextUnbondingId, err = k.UnbondingSeq.Peek(ctx); err != nil {
		return err
	}
	if err := k.Discounts.Walk(ctx, nil, func(_ string, d types.DiscountSchedule) (bool, error) {
		gs.DiscountSchedules = append(gs.DiscountSchedules, d)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.GmLocks.Walk(ctx, nil, func(_ uint64, l types.GmLock) (bool, error) {
		gs.GmLocks = append(gs.GmLocks, l)
		return false, nil
	}); err != nil {
		return err
	}
	if gs.NextLockId, err = k.GmLockSeq.Peek(ctx); err != nil {
		return err
	}
	return k.exportUsageGenesis(ctx, gs)
}

func (k Keeper) exportUsageGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.EpochStarts.Walk(ctx, nil, func(_ uint64, e types.EpochStart) (bool, error) {
		gs.EpochStarts = append(gs.EpochStarts, e)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.UsageBatches.Walk(ctx, nil, func(_ BatchKey, b types.UsageBatch) (bool, error) {
		gs.UsageBatches = append(gs.UsageBatches, b)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.PendingRows.Walk(ctx, nil, func(key BatchKey, p types.PendingRows) (bool, error) {
		gs.PendingBatches = append(gs.PendingBatches, types.PendingBatch{Epoch: key.K1(), BatchId: key.K2(), ContentHash: key.K3(), Rows: p.Rows})
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.UsageByUser.Walk(ctx, nil, func(key collections.Triple[uint64, string, sdk.AccAddress], rec types.UsageRecord) (bool, error) {
		user, err := k.addressCodec.BytesToString(key.K3())
		if err != nil {
			return true, err
		}
		gs.UserUsage = append(gs.UserUsage, types.UserUsageRecord{Epoch: key.K1(), Denom: key.K2(), User: user, Record: rec})
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.ModelUsages.Walk(ctx, nil, func(_ collections.Pair[uint64, string], mu types.ModelUsage) (bool, error) {
		gs.ModelUsage = append(gs.ModelUsage, mu)
		return false, nil
	}); err != nil {
		return err
	}
	return k.exportRewardsGenesis(ctx, gs)
}

func (k Keeper) exportRewardsGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.Incentives.Walk(ctx, nil, func(_ string, inc types.ModelIncentives) (bool, error) {
		gs.Incentives = append(gs.Incentives, inc)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.IncentiveDeltas.Walk(ctx, nil, func(key collections.Pair[string, uint64], d math.Int) (bool, error) {
		gs.IncentiveRateDeltas = append(gs.IncentiveRateDeltas, types.IncentiveRateDelta{Denom: key.K1(), Step: key.K2(), Delta: d})
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.GmSnapshots.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], g math.LegacyDec) (bool, error) {
		user, err := k.addressCodec.BytesToString(key.K2())
		if err != nil {
			return true, err
		}
		gs.GmSnapshots = append(gs.GmSnapshots, types.GmSnapshot{Epoch: key.K1(), User: user, Gm: g})
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.RewardIndex.Walk(ctx, nil, func(key collections.Triple[sdk.AccAddress, uint64, string]) (bool, error) {
		user, err := k.addressCodec.BytesToString(key.K1())
		if err != nil {
			return true, err
		}
		gs.RewardEntries = append(gs.RewardEntries, types.RewardEntry{User: user, Epoch: key.K2(), Denom: key.K3()})
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.EpochRewards.Walk(ctx, nil, func(_ collections.Pair[uint64, string], r types.EpochModelReward) (bool, error) {
		gs.EpochRewards = append(gs.EpochRewards, r)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.EpochSummaries.Walk(ctx, nil, func(_ uint64, s types.EpochSummary) (bool, error) {
		gs.EpochSummaries = append(gs.EpochSummaries, s)
		return false, nil
	}); err != nil {
		return err
	}
	var err error
	if gs.SettledEpochs, err = k.NextSettleEpoch.Peek(ctx); err != nil {
		return err
	}
	if prog, err := k.SettleProgress.Get(ctx); err == nil {
		gs.SettleProgress = &prog
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if gs.ExpiredEpochs, err = k.ExpiredEpochs.Peek(ctx); err != nil {
		return err
	}
	if err := k.Market.ExportGenesis(ctx, gs); err != nil {
		return err
	}
	return k.exportAttesters(ctx, gs)
}
