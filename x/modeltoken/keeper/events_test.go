package keeper_test

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
)

// typedEvents decodes the typed events of T's kind the context's event
// manager holds (the tests' read-back of the events.proto grammar).
func typedEvents[T gogoproto.Message](t tb, ctx sdk.Context) []T {
	t.Helper()
	var zero T
	name := gogoproto.MessageName(zero)
	var out []T
	for _, ev := range ctx.EventManager().ABCIEvents() {
		if ev.Type != name {
			continue
		}
		msg, err := sdk.ParseTypedEvent(ev)
		require.NoError(t, err, "%s does not parse", name)
		out = append(out, msg.(T))
	}
	return out
}
