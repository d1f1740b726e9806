package keeper

import (
	"context"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// SealForTest builds the sealed reward of one model from usage records, as
// ingest and settlement would (tests only).
func SealForTest(recs []types.UsageRecord, pool math.Int, alpha math.LegacyDec) types.EpochModelReward {
	mu := newModelUsage(1, "mt/test", formulas.Floors{})
	s := math.ZeroInt()
	for _, r := range recs {
		if err := addTerms(&mu, r, +1); err != nil {
			panic(err)
		}
		s = s.Add(r.Stake)
	}
	return types.EpochModelReward{Epoch: 1, Denom: "mt/test", Emission: pool, ReservedFlock: pool, Mt: pool,
		SumUg: mu.SumUg, SumUgSqrtS: mu.SumUgSqrtS, SumUsg: mu.SumUsg, StakeTotal: s, Alpha: alpha,
		MinIncentiveStake: math.ZeroInt(),
		PaidFlock:         math.ZeroInt(), PaidMt: math.ZeroInt()}
}

// CorruptEpochRewardForTest overwrites the stored EpochModelReward of
// (epoch, denom) with bytes that do not decode, so that reading it fails
// with an error other than collections.ErrNotFound (tests only).
func (k Keeper) CorruptEpochRewardForTest(ctx context.Context, epoch uint64, denom string) error {
	key, err := collections.EncodeKeyWithPrefix(types.EpochRewardsKey, k.EpochRewards.KeyCodec(), collections.Join(epoch, denom))
	if err != nil {
		return err
	}
	return k.storeService.OpenKVStore(ctx).Set(key, []byte{0xff, 0xff, 0xff})
}

// RawKeySetForTest lists the keys stored under prefix as a key set of
// (K1, K2) pairs, read without the keeper's own collections (tests only).
func RawKeySetForTest[K1, K2 any](ctx context.Context, k Keeper, prefix collections.Prefix, kc1 collcodec.KeyCodec[K1], kc2 collcodec.KeyCodec[K2]) ([]collections.Pair[K1, K2], error) {
	sb := collections.NewSchemaBuilder(k.storeService)
	ks := collections.NewKeySet(sb, prefix, "raw", collections.PairKeyCodec(kc1, kc2))
	iter, err := ks.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	return iter.Keys()
}

// SetFaultHookForTest sets the begin-block fault hook (tests only; nil
// clears it).
func SetFaultHookForTest(h func(step string)) { faultHook = h }

// StoreStatsForTest counts the module store's keys and their key+value
// bytes (tests and benchmarks only).
func (k Keeper) StoreStatsForTest(ctx context.Context) (keys, bytes int, err error) {
	it, err := k.storeService.OpenKVStore(ctx).Iterator(nil, nil)
	if err != nil {
		return 0, 0, err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		keys++
		bytes += len(it.Key()) + len(it.Value())
	}
	return keys, bytes, nil
}

// SetRawForTest writes value as the raw stored bytes of key under prefix,
// bypassing the collection's value codec, e.g. to store a record as an
// older binary encoded it (tests only).
func SetRawForTest[K any](ctx context.Context, k Keeper, prefix collections.Prefix, kc collcodec.KeyCodec[K], key K, value []byte) error {
	bz, err := collections.EncodeKeyWithPrefix(prefix, kc, key)
	if err != nil {
		return err
	}
	return k.storeService.OpenKVStore(ctx).Set(bz, value)
}

// SettleNextEpochWithLimitForTest runs one block's settlement step sealing
// at most limit models (tests only; the chain uses MaxSettleModelsPerBlock).
func (k Keeper) SettleNextEpochWithLimitForTest(ctx context.Context, limit int) error {
	return k.settleNextEpoch(ctx, limit)
}
