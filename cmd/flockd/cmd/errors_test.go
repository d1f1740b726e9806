package cmd

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOneLineError(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"rpc error: code = NotFound desc = rpc error: code = NotFound desc = launch not found: key not found",
			"rpc error: code = NotFound desc = launch not found: key not found"},
		{"rpc error: code = InvalidArgument desc = bad", "rpc error: code = InvalidArgument desc = bad"},
		{"batch.json: line 1\n  unexpected EOF", "batch.json: line 1; unexpected EOF"},
		{"plain", "plain"},
	} {
		require.Equal(t, tc.want, OneLineError(errors.New(tc.in)))
	}
}
