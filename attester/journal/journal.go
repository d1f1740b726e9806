// Package journal records what the attester service did with each usage
// batch, so that a restart resumes where it stopped and never signs a
// second content for a batch id. An entry is written before the
// transaction that carries its batch is signed, and updated at each step.
package journal

import (
	"context"
	"errors"

	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// State is a batch's step.
type State string

// The steps of a batch. Signing is recorded before the signature, so a
// crash between the two leaves an entry that names the content: after a
// restart the service signs that content again or nothing.
const (
	Signing   State = "signing"   // content fixed; a transaction for it may have been signed
	Broadcast State = "broadcast" // the signed transaction was sent (TxHash)
	Included  State = "included"  // in a block with code 0 (Height), or already on chain with our signature
	Refused   State = "refused"   // the chain refused it for good (Detail)
	Disagreed State = "disagreed" // another attester posted a different content for this id: not confirmed (Detail)
	Conflict  State = "conflict"  // the source changed after this id was signed, or the chain holds another content we signed: nothing more is signed for it (Detail)
)

// Final reports whether nothing more will be done for a batch in state s.
func (s State) Final() bool {
	return s == Included || s == Refused || s == Disagreed || s == Conflict
}

// Mode is how the batch goes on chain.
type Mode string

const (
	Post    Mode = "post"    // with its rows: the first attester
	Confirm Mode = "confirm" // by content hash: another attester posted the same content
)

// Entry is one batch's record.
type Entry struct {
	Epoch       uint64 `json:"epoch"`
	Denom       string `json:"denom"`
	BatchID     string `json:"batch_id"`
	ContentHash string `json:"content_hash"`
	// Rows is the content, kept so that a restart signs exactly this
	// content again whatever the source says by then.
	Rows   []types.UsageRow `json:"rows"`
	Total  uint64           `json:"total"`
	Mode   Mode             `json:"mode"`
	State  State            `json:"state"`
	TxHash string           `json:"tx_hash,omitempty"`
	// SentHeight is the chain height when TxHash was sent; Height the
	// block that included it.
	SentHeight int64  `json:"sent_height,omitempty"`
	Height     int64  `json:"height,omitempty"`
	Detail     string `json:"detail,omitempty"`
}

// Key names a batch.
type Key struct {
	Epoch   uint64
	Denom   string
	BatchID string
}

// Key is e's key.
func (e Entry) Key() Key { return Key{e.Epoch, e.Denom, e.BatchID} }

// ErrNotFound: no entry for the key.
var ErrNotFound = errors.New("journal: no entry")

// Journal is durable: Put returns once the entry survives a crash.
type Journal interface {
	Get(ctx context.Context, k Key) (Entry, error)
	Put(ctx context.Context, e Entry) error
	// PutAll writes several entries in one durable step: all or none.
	PutAll(ctx context.Context, es []Entry) error
	// Entries lists an epoch's entries (any order).
	Entries(ctx context.Context, epoch uint64) ([]Entry, error)
	// Quarantine records an epoch's quarantined events and returns those
	// it had not recorded before: recording the same event with the same
	// reason again changes nothing.
	Quarantine(ctx context.Context, epoch uint64, q []batch.Quarantined) ([]batch.Quarantined, error)
	// Quarantined lists an epoch's quarantined events.
	Quarantined(ctx context.Context, epoch uint64) ([]batch.Quarantined, error)
	Close() error
}
