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
		{`invalid argument "1000000" for "--0" flag: invalid input format`,
			`argument 1 "1000000": invalid input format (a coin is an amount and its denom, e.g. 1000000mt/llama or 1000000uflock)`},
		{"rpc error: code = Unknown desc = failed to execute message; message index: 0: launch 3 is LAUNCH_STATUS_GRADUATED: launch is not raising [/work/main/x/modeltoken/keeper/graduation.go:26] with gas used: '32449': unknown request",
			"failed to execute message; message index: 0: launch 3 is LAUNCH_STATUS_GRADUATED: launch is not raising (codespace modeltoken, code 13)"},
		{"rpc error: code = Unknown desc = failed to execute message; message index: 0: 0uflock is smaller than 5uflock: insufficient funds [/x/bank/keeper/send.go:10] with gas used: '100': unknown request",
			"failed to execute message; message index: 0: 0uflock is smaller than 5uflock: insufficient funds"},
		{`invalid argument "x" for "--1" flag: strconv.ParseUint: parsing "x": invalid syntax`,
			`argument 2 "x": strconv.ParseUint: parsing "x": invalid syntax`},
	} {
		require.Equal(t, tc.want, OneLineError(errors.New(tc.in)))
	}
}
