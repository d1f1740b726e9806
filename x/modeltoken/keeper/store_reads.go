package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
)

// Reads through collections where only collections.ErrNotFound means
// "absent": any other store error is returned, never read as a default.

// getter is a collections.Map or IndexedMap.
type getter[K, V any] interface {
	Get(ctx context.Context, key K) (V, error)
}

// getOr reads key from m, returning zero() when absent. Only
// collections.ErrNotFound means absent: any other store error is returned.
func getOr[K, V any](ctx context.Context, m getter[K, V], key K, zero func() V) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return zero(), nil
	}
	return v, err
}

// getTyped reads key from m and turns "absent" (only collections.ErrNotFound)
// into the typed error notFound(); other store errors pass through.
func getTyped[K, V any](ctx context.Context, m getter[K, V], key K, notFound func() error) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return v, notFound()
	}
	return v, err
}
