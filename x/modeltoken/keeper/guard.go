package keeper

// faultHook, when set, runs at the start of every begin-block step with the
// step's name. Only a binary built with the faultinject tag sets it (the
// e2e test that proves a panicking step does not halt a node); a release
// binary has none.
var faultHook func(step string)
