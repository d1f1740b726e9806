package types

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Every registered error is listed once, in code order, with the retired
// codes 5, 24 and 60 unused.
func TestRegisteredListsEveryError(t *testing.T) {
	require.Len(t, Registered, 56)
	last := uint32(1)
	for _, e := range Registered {
		require.Equal(t, ModuleName, e.Codespace())
		require.Greater(t, e.ABCICode(), last, e.Error())
		require.NotContains(t, []uint32{5, 24, 60}, e.ABCICode(), "retired code reused")
		last = e.ABCICode()
	}
	require.Contains(t, Registered, ErrLaunchNotRaising)
}
