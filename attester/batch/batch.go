// Package batch turns billing events into the canonical usage batches of an
// epoch: the same events give the same batches (ids, rows, content hashes)
// on every attester, so a second attester confirms what the first posted.
// Events the chain would refuse, or that must not count, go to a
// quarantine with their reason; the rest of the epoch proceeds.
package batch

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Event is one paid inference call as the billing source records it.
type Event struct {
	ID    string
	User  string // bech32 account address
	Model string // the model token's denom, e.g. mt/llama
	// Spend in micro-USD; the source may hold zero or negative values
	// (refunds, bugs), which are quarantined.
	Spend int64
	Time  time.Time
}

// Reason is why an event is quarantined.
type Reason string

// The quarantine reasons. Each is a fact about the source's data or the
// chain's rules, never about this attester's state, so two attesters that
// read the same events quarantine the same ones.
const (
	MalformedAddress    Reason = "malformed_address"     // not a bech32 account address of this chain
	NonCanonicalAddress Reason = "non_canonical_address" // decodes, but is not spelt as the chain spells it (case)
	NonPositiveSpend    Reason = "non_positive_spend"    // zero or negative micro-USD
	UnknownModel        Reason = "unknown_model"         // no such model token
	ModelNotLive        Reason = "model_not_live"        // a model token still raising (or FLOCK itself)
	DuplicateEventID    Reason = "duplicate_event_id"    // an event id seen before: only the first copy counts
	OverCap             Reason = "over_cap"              // the user's row would pass the model's epoch cap or this attester's share of it
	Late                Reason = "late"                  // arrived after its epoch's batches were posted
)

// Quarantined is one event set aside, with its reason.
type Quarantined struct {
	Event  Event
	Reason Reason
	Detail string
}

// Batch is one usage batch, as MsgSubmitUsage carries it.
type Batch struct {
	Epoch       uint64
	Denom       string
	ID          string
	Rows        []types.UsageRow
	ContentHash string
	Total       uint64
	Events      int // billing events aggregated into the rows
}

// Rules are the chain's facts a build depends on: the same for every
// attester of one chain at one time.
type Rules struct {
	MaxRowsPerBatch     uint32
	MaxModelEpochSpend  uint64
	MaxAttesterShareBps uint32
	// Model says whether a denom is a live model token: (live, known).
	Model func(denom string) (live, known bool)
	// Canonical returns the chain's spelling of a bech32 account address,
	// or an error if it is not one.
	Canonical func(addr string) (string, error)
}

// Plan is an epoch's batches, by model then part, and its quarantine.
type Plan struct {
	Batches    []Batch
	Quarantine []Quarantined
}

// IDFormat is the version prefix of the batch ids this package writes. A
// new canonical form gets a new prefix, so it can never post a different
// content under an id an older version used.
const IDFormat = "v1"

// BatchID is the id of part (0-based) of a model's epoch batches: ids are
// scoped per model on chain, so the epoch and the part are enough.
func BatchID(epoch uint64, part int) string {
	return fmt.Sprintf("%s-e%d-p%d", IDFormat, epoch, part)
}

// Build makes epoch's plan from its events (the source's events with times
// in the epoch; their order does not matter).
func Build(epoch uint64, events []Event, r Rules) Plan {
	var plan Plan
	quarantine := func(e Event, reason Reason, detail string) {
		plan.Quarantine = append(plan.Quarantine, Quarantined{Event: e, Reason: reason, Detail: detail})
	}
	// A canonical order first, so "the first copy of a duplicated id" and
	// everything after it are the same on every attester.
	sorted := slices.Clone(events)
	slices.SortFunc(sorted, compareEvents)

	type key struct{ model, user string }
	type agg struct {
		spend  uint64
		events []Event
	}
	rows := map[key]*agg{}
	// One decode per distinct address, not per event (bech32 decoding is
	// most of a build's time when users make many calls).
	type canon struct {
		addr string
		err  error
	}
	canonical := map[string]canon{}
	var lastID string
	for i, e := range sorted {
		if i > 0 && e.ID == lastID {
			quarantine(e, DuplicateEventID, "")
			continue
		}
		lastID = e.ID
		c, ok := canonical[e.User]
		if !ok {
			c.addr, c.err = r.Canonical(e.User)
			canonical[e.User] = c
		}
		user, err := c.addr, c.err
		if err != nil {
			quarantine(e, MalformedAddress, err.Error())
			continue
		}
		if user != e.User {
			quarantine(e, NonCanonicalAddress, "the chain spells it "+user)
			continue
		}
		if e.Spend <= 0 {
			quarantine(e, NonPositiveSpend, fmt.Sprintf("%d micro-USD", e.Spend))
			continue
		}
		if live, known := r.Model(e.Model); !known {
			quarantine(e, UnknownModel, "")
			continue
		} else if !live {
			quarantine(e, ModelNotLive, "")
			continue
		}
		a := rows[key{e.Model, user}]
		if a == nil {
			a = &agg{}
			rows[key{e.Model, user}] = a
		}
		a.spend = saturatingAdd(a.spend, uint64(e.Spend))
		a.events = append(a.events, e)
	}

	keys := make([]key, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.model, b.model), cmp.Compare(a.user, b.user)) })

	limit := r.capLimit()
	maxRows := max(int(r.MaxRowsPerBatch), 1)
	for start := 0; start < len(keys); {
		model := keys[start].model
		end := start
		for end < len(keys) && keys[end].model == model {
			end++
		}
		var total uint64
		var kept []types.UsageRow
		var keptEvents []int
		for _, k := range keys[start:end] {
			a := rows[k]
			if a.spend > limit || total > limit-a.spend {
				for _, e := range a.events {
					quarantine(e, OverCap, fmt.Sprintf("row of %d micro-USD over the cap %d (%d already in the epoch's batches)", a.spend, limit, total))
				}
				continue
			}
			total += a.spend
			kept = append(kept, types.UsageRow{User: k.user, Spend: a.spend})
			keptEvents = append(keptEvents, len(a.events))
		}
		for part, from := 0, 0; from < len(kept); part, from = part+1, from+maxRows {
			to := min(from+maxRows, len(kept))
			b := Batch{Epoch: epoch, Denom: model, ID: BatchID(epoch, part), Rows: kept[from:to]}
			for i, row := range b.Rows {
				b.Total += row.Spend
				b.Events += keptEvents[from+i]
			}
			b.ContentHash = types.UsageContentHash(b.Denom, b.Epoch, b.Rows)
			plan.Batches = append(plan.Batches, b)
		}
		start = end
	}
	return plan
}

// capLimit is the most one attester's batches may add to a model's epoch:
// the model's cap and this attester's share of it, whichever is smaller.
func (r Rules) capLimit() uint64 {
	share := r.MaxModelEpochSpend / 10_000 * uint64(r.MaxAttesterShareBps)
	share += r.MaxModelEpochSpend % 10_000 * uint64(r.MaxAttesterShareBps) / 10_000
	return min(r.MaxModelEpochSpend, share)
}

func compareEvents(a, b Event) int {
	return cmp.Or(
		cmp.Compare(a.ID, b.ID),
		a.Time.Compare(b.Time),
		cmp.Compare(a.User, b.User),
		cmp.Compare(a.Model, b.Model),
		cmp.Compare(a.Spend, b.Spend),
	)
}

func saturatingAdd(a, b uint64) uint64 {
	if a+b < a {
		return ^uint64(0)
	}
	return a + b
}
