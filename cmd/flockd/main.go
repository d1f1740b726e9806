// Command flockd is the flockd node and CLI.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/cmd/flockd/cmd"
)

func main() {
	if err := svrcmd.Execute(cmd.NewRootCmd(), "FLOCKD", app.DefaultNodeHome); err != nil {
		fmt.Fprintln(os.Stderr, cmd.OneLineError(err))
		os.Exit(1)
	}
}
