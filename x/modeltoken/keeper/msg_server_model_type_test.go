package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestMsgUpsertModelType(t *testing.T) {
	f := newFixture(t)
	mt := types.DefaultModelTypes()[0]
	mt.Id = "llm-medium"
	bad := mt
	bad.Allocation.SaleBps++

	tests := []struct {
		name string
		msg  *types.MsgUpsertModelType
		want error
	}{
		{"user is not the authority", &types.MsgUpsertModelType{Authority: f.Accounts[0].String(), ModelType: mt}, types.ErrInvalidAuthority},
		{"malformed authority", &types.MsgUpsertModelType{Authority: "x", ModelType: mt}, types.ErrInvalidAuthority},
		{"allocation not 10000", &types.MsgUpsertModelType{Authority: testutil.GovAuthority(), ModelType: bad}, types.ErrInvalidModelType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.msg.UpsertModelType(f.Ctx, tc.msg)
			require.ErrorIs(t, err, tc.want)
			has, err := f.ModelTokenKeeper.ModelTypes.Has(f.Ctx, "llm-medium")
			require.NoError(t, err)
			require.False(t, has)
		})
	}

	_, err := f.msg.UpsertModelType(f.Ctx, &types.MsgUpsertModelType{Authority: testutil.GovAuthority(), ModelType: mt})
	require.NoError(t, err)
	res, err := f.query.ModelTypes(f.Ctx, &types.QueryModelTypesRequest{})
	require.NoError(t, err)
	require.Len(t, res.ModelTypes, 3)

	// Replacing a type does not touch launches created from the old copy.
	msg := launchMsg(f.Accounts[0], "MED")
	msg.ModelType = "llm-medium"
	_, err = f.msg.CreateLaunch(f.Ctx, msg)
	require.NoError(t, err)
	changed := mt
	changed.RaiseMax = mt.RaiseMax.MulRaw(2)
	_, err = f.msg.UpsertModelType(f.Ctx, &types.MsgUpsertModelType{Authority: testutil.GovAuthority(), ModelType: changed})
	require.NoError(t, err)
	l, err := f.ModelTokenKeeper.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, mt.RaiseMax, l.ModelType.RaiseMax)
}
