// Package testutil holds test helpers shared by the module's keeper tests:
// a real FlockApp (every keeper wired as in production) started at height 1
// with one bonded validator and funded accounts.
package testutil

import (
	"encoding/json"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/flockchain/flockd/app"
)

// GenesisTime is the block time of the first block of every test app.
// ChainID is the chain id of every test app.
const ChainID = "flock-test-1"

var GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TestApp is a running FlockApp plus a context at the next block.
type TestApp struct {
	*app.FlockApp
	Ctx      sdk.Context
	Accounts []sdk.AccAddress
}

// Setup starts a FlockApp with nAccounts accounts holding funds each.
// Accounts are derived from fixed secrets, so addresses are stable.
func Setup(t testing.TB, nAccounts int, funds sdk.Coins) *TestApp {
	t.Helper()
	return SetupWithGenesis(t, nAccounts, funds, nil)
}

// SetupWithGenesis is Setup with a hook to edit the genesis state first.
func SetupWithGenesis(t testing.TB, nAccounts int, funds sdk.Coins, edit func(map[string]json.RawMessage)) *TestApp {
	t.Helper()
	a, err := NewApp(t.TempDir(), nAccounts, funds, edit)
	require.NoError(t, err)
	return a
}

// NewApp is SetupWithGenesis for programs (scripts/econ runs the real keeper
// outside a test): errors are returned, and home is the app's home directory.
func NewApp(home string, nAccounts int, funds sdk.Coins, edit func(map[string]json.RawMessage)) (*TestApp, error) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(home),
		baseapp.SetChainID(ChainID))

	valSet, err := simtestutil.CreateRandomValidatorSet()
	if err != nil {
		return nil, err
	}

	accounts := make([]sdk.AccAddress, 0, nAccounts+1)
	genAccs := make([]authtypes.GenesisAccount, 0, nAccounts+1)
	balances := make([]banktypes.Balance, 0, nAccounts+1)
	for i := 0; i <= nAccounts; i++ { // account 0 is the validator's delegator
		addr := sdk.AccAddress(secp256k1.GenPrivKeyFromSecret([]byte{byte(i), byte(i >> 8), 'f'}).PubKey().Address())
		genAccs = append(genAccs, authtypes.NewBaseAccount(addr, nil, uint64(i), 0))
		balances = append(balances, banktypes.Balance{Address: addr.String(), Coins: funds})
		accounts = append(accounts, addr)
	}

	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, genAccs, balances...)
	if err != nil {
		return nil, err
	}
	var bankGen banktypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[banktypes.ModuleName], &bankGen)
	bankGen.DenomMetadata = append(bankGen.DenomMetadata, app.FlockMetadata())
	genesis[banktypes.ModuleName] = a.AppCodec().MustMarshalJSON(&bankGen)
	if edit != nil {
		edit(genesis)
	}
	state, err := json.Marshal(genesis)
	if err != nil {
		return nil, err
	}

	if _, err := a.InitChain(&abci.RequestInitChain{
		ChainId:         ChainID,
		Time:            GenesisTime,
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   state,
	}); err != nil {
		return nil, err
	}
	if _, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height:             1,
		Time:               GenesisTime,
		NextValidatorsHash: valSet.Hash(),
	}); err != nil {
		return nil, err
	}
	if _, err := a.Commit(); err != nil {
		return nil, err
	}

	ctx := a.NewNextBlockContext(cmtproto.Header{
		ChainID: ChainID,
		Height:  a.LastBlockHeight() + 1,
		Time:    GenesisTime.Add(5 * time.Second),
	})
	return &TestApp{FlockApp: a, Ctx: ctx, Accounts: accounts[1:]}, nil
}

// GovAuthority is the x/gov module account address, the authority of every
// gov-gated message.
func GovAuthority() string {
	return authtypes.NewModuleAddress(govtypes.ModuleName).String()
}

// FLOCK returns n whole FLOCK as uflock coins.
func FLOCK(n int64) sdk.Coins {
	return sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, n*1_000_000))
}
