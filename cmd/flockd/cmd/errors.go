package cmd

import "regexp"

// repeatedStatus matches a gRPC status prefix written twice: a query error
// travels through the node as an ABCI error whose log already reads "rpc
// error: code = X desc = …", and the client wraps it in a status again.
var repeatedStatus = regexp.MustCompile(`(rpc error: code = \w+ desc = )+`)

// OneLineError is err's message with the status prefix at most once, on one
// line: "rpc error: code = NotFound desc = launch not found: key not found".
func OneLineError(err error) string {
	msg := repeatedStatus.ReplaceAllStringFunc(err.Error(), func(m string) string {
		return repeatedStatus.FindStringSubmatch(m)[1]
	})
	return regexp.MustCompile(`\s*\n\s*`).ReplaceAllString(msg, "; ")
}
