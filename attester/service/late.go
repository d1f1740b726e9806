package service

import (
	"context"
	"fmt"

	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/attester/journal"
)

// Late events. An epoch's batches are built once, BuildDelay after it
// ends, and each id's content is then fixed. Every later tick, until the
// epoch seals, the service reads the epoch again; spend that was not in
// the fixed contents (events recorded late, or edited) is never posted
// (a second content for a fixed id would be equivocation). It is reported:
// a log line, the attester_late_spend_micro_usd_total metric, and one
// quarantine entry per (model, user) with reason "late" holding the
// difference, so an operator sees exactly whose usage was not counted.
func (s *Service) reportLate(ctx context.Context, epoch uint64, plan batch.Plan) error {
	entries, err := s.journal.Entries(ctx, epoch)
	if err != nil {
		return err
	}
	type key struct{ model, user string }
	fixed := map[key]uint64{}
	fixedModels := map[string]bool{}
	for _, e := range entries {
		if e.State == journal.Conflict && len(e.Rows) == 0 {
			continue
		}
		fixedModels[e.Denom] = true
		for _, r := range e.Rows {
			fixed[key{e.Denom, r.User}] += r.Spend
		}
	}
	var late []batch.Quarantined
	for _, b := range plan.Batches {
		if !fixedModels[b.Denom] {
			continue
		}
		ent, err := s.journal.Get(ctx, journal.Key{Epoch: b.Epoch, Denom: b.Denom, BatchID: b.ID})
		if err == nil && ent.ContentHash == b.ContentHash {
			continue
		}
		for _, r := range b.Rows {
			if have := fixed[key{b.Denom, r.User}]; r.Spend > have {
				late = append(late, batch.Quarantined{
					Event:  batch.Event{ID: fmt.Sprintf("late:%d:%s:%s:%d", epoch, b.Denom, r.User, r.Spend), User: r.User, Model: b.Denom, Spend: int64(r.Spend - have)},
					Reason: batch.Late,
					Detail: fmt.Sprintf("%d micro-USD recorded after the epoch's batches were fixed (%d counted)", r.Spend-have, have),
				})
			}
		}
	}
	if len(late) == 0 {
		return nil
	}
	added, err := s.journal.Quarantine(ctx, epoch, late)
	if err != nil {
		return err
	}
	for _, q := range added {
		s.log.Warn("late billing events: not counted", "epoch", epoch, "model", q.Event.Model, "user", q.Event.User, "spend", q.Event.Spend)
	}
	s.metrics.quarantine(added)
	return nil
}
