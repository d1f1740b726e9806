// Package chain is the attester service's view of the chain: its clock
// (block height and time, the epochs), the rules a batch must follow, the
// attester's own standing, the batches already posted, and signed
// transactions, over gRPC to one of several nodes (fail-over).
package chain

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/client"
	cmtservice "github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/query"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Client talks to the first node of Endpoints that answers, moving to the
// next on a transport error.
type Client struct {
	endpoints []string
	txConfig  client.TxConfig
	keyring   keyring.Keyring
	keyName   string
	address   sdk.AccAddress
	chainID   string
	gasPrice  sdk.DecCoin
	gasAdjust float64

	mu   sync.Mutex
	cur  int
	conn *grpc.ClientConn
	// nextSeq is the sequence after the last transaction CheckTx accepted:
	// the node's account query does not count the mempool, so several
	// transactions in one block need it. Reset when the chain says the
	// sequence is wrong.
	nextSeq uint64
}

// Config is what a Client needs.
type Config struct {
	Endpoints []string // gRPC host:port, tried in order
	ChainID   string
	TxConfig  client.TxConfig
	Keyring   keyring.Keyring
	KeyName   string
	// GasPrice pays fees (zero on a chain with no minimum gas price).
	GasPrice      sdk.DecCoin
	GasAdjustment float64
}

// New opens a client; it connects lazily.
func New(cfg Config) (*Client, error) {
	if len(cfg.Endpoints) == 0 {
		return nil, errors.New("chain: no node endpoint")
	}
	rec, err := cfg.Keyring.Key(cfg.KeyName)
	if err != nil {
		return nil, fmt.Errorf("key %q: %w", cfg.KeyName, err)
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return nil, err
	}
	if cfg.GasAdjustment == 0 {
		cfg.GasAdjustment = 1.5
	}
	return &Client{endpoints: cfg.Endpoints, txConfig: cfg.TxConfig, keyring: cfg.Keyring, keyName: cfg.KeyName,
		address: addr, chainID: cfg.ChainID, gasPrice: cfg.GasPrice, gasAdjust: cfg.GasAdjustment}, nil
}

// Address is the attester's account.
func (c *Client) Address() sdk.AccAddress { return c.address }

// Endpoint is the node in use.
func (c *Client) Endpoint() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.endpoints[c.cur]
}

func (c *Client) connection() (*grpc.ClientConn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		return c.conn, nil
	}
	conn, err := grpc.NewClient(c.endpoints[c.cur], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	c.conn = conn
	return conn, nil
}

// failOver drops the connection and moves to the next endpoint.
func (c *Client) failOver() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		_ = c.conn.Close()
		c.conn = nil
	}
	c.cur = (c.cur + 1) % len(c.endpoints)
}

// call runs fn on a connection, failing over to the next endpoint (once
// round the list) when the node does not answer. A chain's answer (any
// other gRPC status) is returned as it is.
func call[T any](ctx context.Context, c *Client, fn func(*grpc.ClientConn) (T, error)) (T, error) {
	var zero T
	var last error
	for range len(c.endpoints) {
		conn, err := c.connection()
		if err != nil {
			return zero, err
		}
		out, err := fn(conn)
		if err == nil || !unreachable(err) {
			return out, err
		}
		last = err
		c.failOver()
		if ctx.Err() != nil {
			return zero, ctx.Err()
		}
	}
	return zero, fmt.Errorf("no node answers: %w", last)
}

func unreachable(err error) bool {
	s, ok := status.FromError(err)
	return ok && (s.Code() == codes.Unavailable || s.Code() == codes.DeadlineExceeded)
}

// Head is the latest block.
type Head struct {
	Height int64
	Time   time.Time
}

// Head returns the latest block's height and time: the service's clock.
func (c *Client) Head(ctx context.Context) (Head, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) (Head, error) {
		res, err := cmtservice.NewServiceClient(conn).GetLatestBlock(ctx, &cmtservice.GetLatestBlockRequest{})
		if err != nil {
			return Head{}, err
		}
		h := res.SdkBlock.Header
		return Head{Height: h.Height, Time: h.Time}, nil
	})
}

// Params returns x/modeltoken's parameters.
func (c *Client) Params(ctx context.Context) (types.Params, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) (types.Params, error) {
		res, err := types.NewQueryClient(conn).Params(ctx, &types.QueryParamsRequest{})
		if err != nil {
			return types.Params{}, err
		}
		return res.Params, nil
	})
}

// EpochBounds returns an epoch's start, its end (if it ended) and when its
// usage seals.
func (c *Client) EpochBounds(ctx context.Context, epoch uint64) (*types.QueryEpochBoundsResponse, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) (*types.QueryEpochBoundsResponse, error) {
		return types.NewQueryClient(conn).EpochBounds(ctx, &types.QueryEpochBoundsRequest{Epoch: epoch})
	})
}

// CurrentEpoch returns the running epoch.
func (c *Client) CurrentEpoch(ctx context.Context) (types.EpochInfo, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) (types.EpochInfo, error) {
		res, err := types.NewQueryClient(conn).CurrentEpoch(ctx, &types.QueryCurrentEpochRequest{})
		if err != nil {
			return types.EpochInfo{}, err
		}
		return res.Epoch, nil
	})
}

// Standing is the attester's own state on chain.
type Standing struct {
	Listed, Active bool
	Bond           string
	Jailed         bool
}

// Standing returns whether this attester is listed, bonded and unjailed.
func (c *Client) Standing(ctx context.Context) (Standing, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) (Standing, error) {
		res, err := types.NewQueryClient(conn).AttesterStatus(ctx, &types.QueryAttesterStatusRequest{Attester: c.address.String()})
		if err != nil {
			if status.Code(err) == codes.NotFound {
				return Standing{}, nil
			}
			return Standing{}, err
		}
		return Standing{Listed: res.Listed, Active: res.Active, Bond: res.Bond.Bonded.String(), Jailed: res.Bond.Jailed}, nil
	})
}

// Models returns every model token's denom and whether it is live: a
// denom the registry lists is live; a launch still raising is known but not
// live.
func (c *Client) Models(ctx context.Context) (map[string]bool, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) (map[string]bool, error) {
		q := types.NewQueryClient(conn)
		out := map[string]bool{}
		var key []byte
		for {
			res, err := q.ModelTokens(ctx, &types.QueryModelTokensRequest{Pagination: &query.PageRequest{Key: key, Limit: 200}})
			if err != nil {
				return nil, err
			}
			for _, t := range res.ModelTokens {
				out[t.Denom] = true
			}
			if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
				break
			}
			key = res.Pagination.NextKey
		}
		key = nil
		for {
			res, err := q.Launches(ctx, &types.QueryLaunchesRequest{Status: types.LAUNCH_STATUS_RAISING, Pagination: &query.PageRequest{Key: key, Limit: 200}})
			if err != nil {
				return nil, err
			}
			for _, l := range res.Launches {
				if _, ok := out[l.Denom]; !ok {
					out[l.Denom] = false
				}
			}
			if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
				break
			}
			key = res.Pagination.NextKey
		}
		return out, nil
	})
}

// Batches returns an epoch's posted batches (every content of every id).
func (c *Client) Batches(ctx context.Context, epoch uint64) ([]types.UsageBatch, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) ([]types.UsageBatch, error) {
		q := types.NewQueryClient(conn)
		var out []types.UsageBatch
		var key []byte
		for {
			res, err := q.UsageBatches(ctx, &types.QueryUsageBatchesRequest{Epoch: epoch, Pagination: &query.PageRequest{Key: key, Limit: 500}})
			if err != nil {
				return nil, err
			}
			out = append(out, res.Batches...)
			if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
				return out, nil
			}
			key = res.Pagination.NextKey
		}
	})
}

func (c *Client) account(ctx context.Context) (num, seq uint64, err error) {
	type acct struct{ num, seq uint64 }
	a, err := call(ctx, c, func(conn *grpc.ClientConn) (acct, error) {
		res, err := authtypes.NewQueryClient(conn).AccountInfo(ctx, &authtypes.QueryAccountInfoRequest{Address: c.address.String()})
		if err != nil {
			return acct{}, err
		}
		return acct{res.Info.AccountNumber, res.Info.Sequence}, nil
	})
	return a.num, a.seq, err
}

// Signed is a signed transaction.
type Signed struct {
	Bytes    []byte
	Hash     string // upper-case hex, as CometBFT names it
	Sequence uint64
}

// Sign builds and signs a transaction of msgs with the account's current
// sequence; gas is simulated and adjusted.
func (c *Client) Sign(ctx context.Context, msgs ...sdk.Msg) (Signed, error) {
	num, seq, err := c.account(ctx)
	if err != nil {
		return Signed{}, err
	}
	c.mu.Lock()
	seq = max(seq, c.nextSeq)
	c.mu.Unlock()
	f := c.factory(num, seq, 0)
	// Simulate with a signature-less tx to learn the gas.
	b, err := f.BuildSimTx(msgs...)
	if err != nil {
		return Signed{}, err
	}
	sim, err := call(ctx, c, func(conn *grpc.ClientConn) (*txtypes.SimulateResponse, error) {
		return txtypes.NewServiceClient(conn).Simulate(ctx, &txtypes.SimulateRequest{TxBytes: b})
	})
	if err != nil {
		return Signed{}, fmt.Errorf("simulate: %w", err)
	}
	gas := uint64(float64(sim.GasInfo.GasUsed) * c.gasAdjust)
	f = c.factory(num, seq, gas)
	unsigned, err := f.BuildUnsignedTx(msgs...)
	if err != nil {
		return Signed{}, err
	}
	if err := signTx(ctx, f, c.keyName, unsigned); err != nil {
		return Signed{}, err
	}
	bz, err := c.txConfig.TxEncoder()(unsigned.GetTx())
	if err != nil {
		return Signed{}, err
	}
	return Signed{Bytes: bz, Hash: TxHash(bz), Sequence: seq}, nil
}

// Broadcast sends a signed transaction and returns CheckTx's code and log
// (code 0: in the mempool).
func (c *Client) Broadcast(ctx context.Context, s Signed) (code uint32, codespace, log string, err error) {
	res, err := call(ctx, c, func(conn *grpc.ClientConn) (*txtypes.BroadcastTxResponse, error) {
		return txtypes.NewServiceClient(conn).BroadcastTx(ctx, &txtypes.BroadcastTxRequest{TxBytes: s.Bytes, Mode: txtypes.BroadcastMode_BROADCAST_MODE_SYNC})
	})
	if err != nil {
		return 0, "", "", err
	}
	r := res.TxResponse
	if r.Code != 0 && strings.Contains(r.RawLog, "tx already exists in cache") {
		return 0, "", "", nil // the same bytes are already in the mempool
	}
	c.mu.Lock()
	switch {
	case r.Code == 0:
		c.nextSeq = max(c.nextSeq, s.Sequence+1)
	case r.Codespace == sdkerrors.RootCodespace && r.Code == sdkerrors.ErrWrongSequence.ABCICode():
		c.nextSeq = 0 // ask the chain again
	}
	c.mu.Unlock()
	return r.Code, r.Codespace, r.RawLog, nil
}

// Result is a transaction's outcome in a block.
type Result struct {
	Found     bool
	Height    int64
	Code      uint32
	Codespace string
	Log       string
}

// TxResult looks a transaction up by hash in the node's index.
func (c *Client) TxResult(ctx context.Context, hash string) (Result, error) {
	return call(ctx, c, func(conn *grpc.ClientConn) (Result, error) {
		res, err := txtypes.NewServiceClient(conn).GetTx(ctx, &txtypes.GetTxRequest{Hash: hash})
		if status.Code(err) == codes.NotFound || (err != nil && strings.Contains(err.Error(), "not found")) {
			return Result{}, nil
		}
		if err != nil {
			return Result{}, err
		}
		r := res.TxResponse
		return Result{Found: true, Height: r.Height, Code: r.Code, Codespace: r.Codespace, Log: r.RawLog}, nil
	})
}

// Close closes the connection.
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		return c.conn.Close()
	}
	return nil
}
