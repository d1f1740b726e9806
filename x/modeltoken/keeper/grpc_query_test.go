package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestQueryParams(t *testing.T) {
	f := newFixture(t)

	_, err := f.query.Params(f.Ctx, nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))

	res, err := f.query.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	stored, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, stored, res.Params)
	require.Equal(t, types.DefaultLaunchFee, res.Params.LaunchFee)
}
