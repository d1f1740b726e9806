// Package storeread reads through collections where only
// collections.ErrNotFound means "absent": any other store error is
// returned, never read as a default.
package storeread

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Getter is a collections.Map or IndexedMap.
type Getter[K, V any] interface {
	Get(ctx context.Context, key K) (V, error)
}

// GetOr reads key from m, returning zero() when absent.
func GetOr[K, V any](ctx context.Context, m Getter[K, V], key K, zero func() V) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return zero(), nil
	}
	return v, err
}

// GetTyped reads key from m and turns "absent" into the typed error
// notFound(); other store errors pass through.
func GetTyped[K, V any](ctx context.Context, m Getter[K, V], key K, notFound func() error) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return v, notFound()
	}
	return v, err
}

// NotFoundOr is a query's gRPC status for a failed read: NotFound naming
// what for collections.ErrNotFound, Internal for anything else.
func NotFoundOr(err error, what string) error {
	if errors.Is(err, collections.ErrNotFound) {
		return status.Errorf(codes.NotFound, "%s not found", what)
	}
	return status.Error(codes.Internal, err.Error())
}
