// Package service is the attester service's loop: each tick it reads the
// chain's clock, and for every epoch that has ended and is not yet sealed it
// builds the canonical batches from the billing source and posts, confirms
// or reports each one, journaling every step before it is taken.
package service

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/attester/chain"
	"github.com/flockchain/flockd/attester/journal"
	"github.com/flockchain/flockd/attester/source"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Chain is what the service needs of the node (chain.Client).
type Chain interface {
	Address() sdk.AccAddress
	Head(ctx context.Context) (chain.Head, error)
	Params(ctx context.Context) (types.Params, error)
	CurrentEpoch(ctx context.Context) (types.EpochInfo, error)
	EpochBounds(ctx context.Context, epoch uint64) (*types.QueryEpochBoundsResponse, error)
	Standing(ctx context.Context) (chain.Standing, error)
	Models(ctx context.Context) (map[string]bool, error)
	Batches(ctx context.Context, epoch uint64) ([]types.UsageBatch, error)
	Sign(ctx context.Context, msgs ...sdk.Msg) (chain.Signed, error)
	Broadcast(ctx context.Context, s chain.Signed) (code uint32, codespace, log string, err error)
	TxResult(ctx context.Context, hash string) (chain.Result, error)
}

// Options tune the loop.
type Options struct {
	// BuildDelay is how long (block time) after an epoch ends its batches
	// are built: the billing pipeline's own delay in recording a call.
	BuildDelay time.Duration
	// ResendAfterBlocks: a sent transaction not in a block after this many
	// blocks is treated as dropped from the mempool and its content is
	// signed again (the same content: never another).
	ResendAfterBlocks int64
	// AddressPrefix is the chain's account prefix.
	AddressPrefix string
}

// Service is one attester's pipeline.
type Service struct {
	chain   Chain
	source  source.Source
	journal journal.Journal
	metrics *Metrics
	log     *slog.Logger
	opts    Options
}

// New builds a service.
func New(c Chain, src source.Source, j journal.Journal, m *Metrics, log *slog.Logger, opts Options) *Service {
	if opts.ResendAfterBlocks <= 0 {
		opts.ResendAfterBlocks = 10
	}
	if opts.AddressPrefix == "" {
		opts.AddressPrefix = "flock"
	}
	return &Service{chain: c, source: src, journal: j, metrics: m, log: log, opts: opts}
}

// Tick runs one round. It returns an error only when the node, the source
// or the journal failed; the next tick retries.
func (s *Service) Tick(ctx context.Context) error {
	head, err := s.chain.Head(ctx)
	if err != nil {
		return fmt.Errorf("chain head: %w", err)
	}
	standing, err := s.chain.Standing(ctx)
	if err != nil {
		return fmt.Errorf("attester status: %w", err)
	}
	s.metrics.standing(standing)
	if !standing.Listed || !standing.Active {
		s.log.Warn("attester is not active: posting nothing", "address", s.chain.Address().String(),
			"listed", standing.Listed, "active", standing.Active, "jailed", standing.Jailed, "bond", standing.Bond)
		return nil
	}
	cur, err := s.chain.CurrentEpoch(ctx)
	if err != nil {
		return fmt.Errorf("current epoch: %w", err)
	}
	p, err := s.chain.Params(ctx)
	if err != nil {
		return fmt.Errorf("params: %w", err)
	}
	// Only an epoch that ended less than attestation_grace ago can take
	// usage; grace is shorter than an epoch, so that is at most the
	// previous one, but a node that was down may have advanced several.
	for e := cur.Number - 1; e >= 1 && e+4 > cur.Number; e-- {
		b, err := s.chain.EpochBounds(ctx, e)
		if err != nil {
			return fmt.Errorf("epoch %d bounds: %w", e, err)
		}
		if !b.Ended || b.Sealed {
			continue
		}
		s.metrics.graceLeft.Set(b.SealTime.Sub(head.Time).Seconds())
		if head.Time.Before(b.EndTime.Add(s.opts.BuildDelay)) {
			continue
		}
		if err := s.attestEpoch(ctx, head, p, e, b); err != nil {
			return fmt.Errorf("epoch %d: %w", e, err)
		}
	}
	return nil
}

func (s *Service) attestEpoch(ctx context.Context, head chain.Head, p types.Params, epoch uint64, b *types.QueryEpochBoundsResponse) error {
	events, err := s.source.Events(ctx, b.StartTime, b.EndTime)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	s.metrics.eventsRead.Add(float64(len(events)))
	models, err := s.chain.Models(ctx)
	if err != nil {
		return err
	}
	plan := batch.Build(epoch, events, batch.Rules{
		MaxRowsPerBatch: p.MaxRowsPerBatch, MaxModelEpochSpend: p.MaxModelEpochSpend, MaxAttesterShareBps: p.MaxAttesterShareBps,
		Model: func(d string) (bool, bool) {
			live, known := models[d]
			return live, known
		},
		Canonical: batch.CanonicalAddress(s.opts.AddressPrefix),
	})
	added, err := s.journal.Quarantine(ctx, epoch, plan.Quarantine)
	if err != nil {
		return err
	}
	s.metrics.quarantine(added)
	onchain, err := s.chain.Batches(ctx, epoch)
	if err != nil {
		return err
	}
	// Fix the epoch's contents, all of a model's batches at once (one
	// journal write): a model with entries is fixed, and a batch the plan
	// has beyond its entries is late usage, reported, never posted (a new
	// part could repeat a user an earlier part counted).
	entries, err := s.journal.Entries(ctx, epoch)
	if err != nil {
		return err
	}
	fixed := map[string]bool{}
	for _, e := range entries {
		fixed[e.Denom] = true
	}
	var fix []journal.Entry
	for _, bt := range plan.Batches {
		if !fixed[bt.Denom] {
			fix = append(fix, s.decide(bt, onchain))
		}
	}
	if len(fix) > 0 {
		// Durable before any signature: from here on each id has one content.
		if err := s.journal.PutAll(ctx, fix); err != nil {
			return err
		}
		for _, e := range fix {
			s.metrics.batch(e)
		}
		if entries, err = s.journal.Entries(ctx, epoch); err != nil {
			return err
		}
	}
	slices.SortFunc(entries, func(a, b journal.Entry) int {
		return cmp.Or(cmp.Compare(a.Denom, b.Denom), cmp.Compare(a.BatchID, b.BatchID))
	})
	for _, e := range entries {
		if e.State.Final() {
			continue
		}
		if err := s.drive(ctx, head, e, onchain); err != nil {
			return fmt.Errorf("batch %s %s: %w", e.Denom, e.BatchID, err)
		}
	}
	return s.reportLate(ctx, epoch, plan)
}

// candidates are the contents posted under bt's id for its model.
func candidates(onchain []types.UsageBatch, denom, id string) []types.UsageBatch {
	var out []types.UsageBatch
	for _, c := range onchain {
		if c.Denom == denom && c.BatchId == id {
			out = append(out, c)
		}
	}
	return out
}

// decide fixes what to do with one batch of the plan, from what the chain
// holds under its id: our own signature settles it (a journal lost since);
// another attester's different content is a disagreement, reported and not
// confirmed (no rival is opened); the same content is confirmed by hash;
// nothing yet is posted with the rows.
func (s *Service) decide(bt batch.Batch, onchain []types.UsageBatch) journal.Entry {
	ent := journal.Entry{Epoch: bt.Epoch, Denom: bt.Denom, BatchID: bt.ID, ContentHash: bt.ContentHash, Rows: bt.Rows,
		Total: bt.Total, Mode: journal.Post, State: journal.Signing}
	me := s.chain.Address().String()
	var same bool
	var other []string
	for _, c := range candidates(onchain, bt.Denom, bt.ID) {
		if slices.Contains(c.Attesters, me) {
			if c.ContentHash != bt.ContentHash {
				ent.ContentHash, ent.Rows, ent.Total = c.ContentHash, nil, c.TotalSpend
				ent.State, ent.Detail = journal.Conflict, "the chain holds a content we signed ("+c.ContentHash+"); the source now gives "+bt.ContentHash
				return ent
			}
			ent.State, ent.Detail = journal.Included, "found on chain with our signature"
			return ent
		}
		if c.ContentHash == bt.ContentHash {
			same = true
		} else if !c.Voided {
			other = append(other, c.ContentHash)
		}
	}
	switch {
	case same:
		ent.Mode = journal.Confirm
	case len(other) > 0:
		s.metrics.disagreements.Inc()
		s.log.Warn("another attester posted a different content for this batch: not confirming", "epoch", bt.Epoch,
			"denom", bt.Denom, "batch", bt.ID, "ours", bt.ContentHash, "theirs", other)
		ent.State, ent.Detail = journal.Disagreed, fmt.Sprintf("on chain: %v", other)
	}
	return ent
}

// drive moves a fixed batch one or more steps on.
func (s *Service) drive(ctx context.Context, head chain.Head, ent journal.Entry, onchain []types.UsageBatch) error {
	me := s.chain.Address().String()
	for _, c := range candidates(onchain, ent.Denom, ent.BatchID) {
		if slices.Contains(c.Attesters, me) {
			if c.ContentHash == ent.ContentHash {
				return s.included(ctx, ent, 0, "on chain with our signature")
			}
			ent.State, ent.Detail = journal.Conflict, "the chain holds another content we signed: "+c.ContentHash
			return s.put(ctx, ent)
		}
	}
	if ent.State == journal.Broadcast {
		res, err := s.chain.TxResult(ctx, ent.TxHash)
		if err != nil {
			return err
		}
		switch {
		case res.Found && res.Code == 0:
			return s.included(ctx, ent, res.Height, "")
		case res.Found:
			return s.refusedOrRetry(ctx, ent, res.Codespace, res.Code, res.Log)
		case head.Height < ent.SentHeight+s.opts.ResendAfterBlocks:
			return nil // still waiting for a block
		}
		s.log.Info("sent transaction never reached a block: signing the same content again", "tx", ent.TxHash, "batch", ent.BatchID)
		ent.State = journal.Signing
	}
	// Signing: the content is fixed in the journal; sign and send it.
	msg := &types.MsgSubmitUsage{Attester: me, Epoch: ent.Epoch, Denom: ent.Denom, BatchId: ent.BatchID, ContentHash: ent.ContentHash}
	if ent.Mode == journal.Post {
		msg.Rows = ent.Rows
	}
	signed, err := s.chain.Sign(ctx, msg)
	if err != nil {
		if code, codespace, ok := abciError(err); ok {
			return s.refusedOrRetry(ctx, ent, codespace, code, err.Error())
		}
		return err
	}
	ent.State, ent.TxHash, ent.SentHeight = journal.Broadcast, signed.Hash, head.Height
	if err := s.put(ctx, ent); err != nil {
		return err
	}
	code, codespace, log, err := s.chain.Broadcast(ctx, signed)
	if err != nil {
		return err // the entry says Broadcast: the next tick looks the hash up
	}
	if code != 0 {
		return s.refusedOrRetry(ctx, ent, codespace, code, log)
	}
	return nil
}

// refusedOrRetry records a refusal for good, or puts the batch back to be
// signed again (same content) when the refusal is transient.
func (s *Service) refusedOrRetry(ctx context.Context, ent journal.Entry, codespace string, code uint32, log string) error {
	if codespace == types.ModuleName && code == types.ErrDuplicateBatch.ABCICode() {
		ent.State, ent.Detail = journal.Included, "already submitted by this attester"
		return s.put(ctx, ent)
	}
	if transient(codespace, code) {
		s.log.Info("transaction refused for now; will sign the same content again", "batch", ent.BatchID, "codespace", codespace, "code", code, "log", log)
		ent.State, ent.TxHash = journal.Signing, ""
		return s.put(ctx, ent)
	}
	s.log.Error("the chain refused the batch", "epoch", ent.Epoch, "denom", ent.Denom, "batch", ent.BatchID, "codespace", codespace, "code", code, "log", log)
	ent.State, ent.Detail = journal.Refused, fmt.Sprintf("%s/%d: %s", codespace, code, log)
	return s.put(ctx, ent)
}

// included records a batch in a block; its rows count as posted when it
// carried them.
func (s *Service) included(ctx context.Context, ent journal.Entry, height int64, detail string) error {
	ent.State, ent.Height, ent.Detail = journal.Included, height, detail
	if err := s.put(ctx, ent); err != nil {
		return err
	}
	if ent.Mode == journal.Post {
		s.metrics.rowsPosted.Add(float64(len(ent.Rows)))
	}
	return nil
}

func (s *Service) put(ctx context.Context, e journal.Entry) error {
	if err := s.journal.Put(ctx, e); err != nil {
		return err
	}
	s.metrics.batch(e)
	return nil
}
