package cmd

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

// repeatedStatus matches a gRPC status prefix written twice: a query error
// travels through the node as an ABCI error whose log already reads "rpc
// error: code = X desc = …", and the client wraps it in a status again.
var repeatedStatus = regexp.MustCompile(`(rpc error: code = \w+ desc = )+`)

// positionalFlag matches autocli's report of a bad positional argument,
// which it parses as a hidden flag named after the argument's index.
var positionalFlag = regexp.MustCompile(`invalid argument ("[^"]*") for "--(\d+)" flag: (.*)`)

// simulationNoise matches what a failed gas simulation appends to the
// module's reason: the source position of the error ("[/…/graduation.go:26]"),
// the gas used so far, and the generic "unknown request" it is wrapped in.
var simulationNoise = regexp.MustCompile(` \[[^\]]*\.go:\d+\]| with gas used: '\d+'|: unknown request$`)

// OneLineError is err's message with the status prefix at most once, on one
// line: "rpc error: code = NotFound desc = launch not found: key not found";
// a bad positional argument is named by its position, and a coin that lacks
// its denom gets an example.
func OneLineError(err error) string {
	msg := repeatedStatus.ReplaceAllStringFunc(err.Error(), func(m string) string {
		return repeatedStatus.FindStringSubmatch(m)[1]
	})
	if simulationNoise.MatchString(msg) {
		msg = simulationNoise.ReplaceAllString(msg, "")
		msg = strings.Replace(msg, "rpc error: code = Unknown desc = ", "", 1)
		msg += moduleCode(msg)
	}
	if m := positionalFlag.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[2])
		msg = fmt.Sprintf("argument %d %s: %s", n+1, m[1], m[3])
		if strings.Contains(m[3], "invalid input format") || strings.Contains(m[3], "coin") {
			msg += " (a coin is an amount and its denom, e.g. 1000000mt/llama or 1000000uflock)"
		}
	}
	return regexp.MustCompile(`\s*\n\s*`).ReplaceAllString(msg, "; ")
}

// moduleCode names the x/modeltoken error code of a reason that ends in one
// of its registered messages (a simulation returns the text without the
// code a block would record).
func moduleCode(msg string) string {
	for _, e := range modeltokentypes.Registered {
		if strings.HasSuffix(msg, ": "+e.Error()) || msg == e.Error() {
			return fmt.Sprintf(" (codespace %s, code %d)", e.Codespace(), e.ABCICode())
		}
	}
	return ""
}
