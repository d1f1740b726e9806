package e2e

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	gogoproto "github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	_ "github.com/flockchain/flockd/x/modeltoken/types" // registers the typed events
)

// Every typed event kind of x/modeltoken must come back from a real node:
// each node a test starts is read block by block before it stops, every
// "flock.modeltoken.v1.*" event is decoded into its message (a value that
// does not parse fails the test that made it), and after a full run of this
// package TestMain fails if a kind in events.proto was never seen.

const typedEventPrefix = "flock.modeltoken.v1."

var typedEventsSeen = struct {
	sync.Mutex
	kinds map[string]int
}{kinds: map[string]int{}}

// blockResults is the part of CometBFT's /block_results this reads.
type blockResults struct {
	Result struct {
		TxsResults []struct {
			Events []abci.Event `json:"events"`
		} `json:"txs_results"`
		FinalizeBlockEvents []abci.Event `json:"finalize_block_events"`
	} `json:"result"`
}

// recordTypedEvents reads every block of the node at rpc (tcp://host:port)
// up to its latest and records the typed events in them. A node that no
// longer answers (a test stopped it) records nothing.
func recordTypedEvents(t *testing.T, rpc string, latest int64) {
	base := strings.Replace(rpc, "tcp://", "http://", 1)
	seen := map[string]int{}
	for h := int64(1); h <= latest; h++ {
		resp, err := http.Get(fmt.Sprintf("%s/block_results?height=%d", base, h))
		if err != nil {
			return
		}
		var br blockResults
		err = json.NewDecoder(resp.Body).Decode(&br)
		resp.Body.Close()
		if err != nil {
			t.Errorf("block_results at height %d: %v", h, err)
			return
		}
		var events []abci.Event
		for _, ev := range br.Result.FinalizeBlockEvents {
			// The SDK tags begin- and end-block events with mode=BeginBlock
			// (a bare word, not JSON): an indexer drops it before decoding.
			attrs := ev.Attributes[:0]
			for _, a := range ev.Attributes {
				if a.Key != "mode" {
					attrs = append(attrs, a)
				}
			}
			ev.Attributes = attrs
			events = append(events, ev)
		}
		for _, tx := range br.Result.TxsResults {
			events = append(events, tx.Events...)
		}
		for _, ev := range events {
			if !strings.HasPrefix(ev.Type, typedEventPrefix) {
				continue
			}
			if _, err := sdk.ParseTypedEvent(ev); err != nil {
				t.Errorf("height %d: typed event %s does not parse: %v", h, ev.Type, err)
				continue
			}
			seen[strings.TrimPrefix(ev.Type, typedEventPrefix)]++
		}
	}
	typedEventsSeen.Lock()
	defer typedEventsSeen.Unlock()
	for k, n := range seen {
		typedEventsSeen.kinds[k] += n
	}
}

// keeperReadBack names the kinds no e2e node reaches within a test's time
// on a fresh chain, with the keeper test that reads each back instead: a
// lock's expiry (30 days at the least), a claim window of whole epochs
// after settlement, a model whose settlement fails (a corrupted store), an
// attester unbonding that outlasts the test. Seen on a node, they count
// there too.
var keeperReadBack = map[string]string{
	"EventUnlocked":              "TestLockAndUnlock",
	"EventRewardsExpired":        "TestUnclaimedRewardsExpire",
	"EventModelSkipped":          "TestSettlementSkipsAFailingModel",
	"EventAttesterUnbondingPaid": "TestUnbondingDoesNotEscapeASlash",
}

// missingTypedEvents lists the Event* messages of events.proto that no
// node of this run emitted.
func missingTypedEvents() ([]string, error) {
	fd, err := gogoproto.HybridResolver.FindFileByPath("flock/modeltoken/v1/events.proto")
	if err != nil {
		return nil, err
	}
	typedEventsSeen.Lock()
	defer typedEventsSeen.Unlock()
	var missing []string
	msgs := fd.Messages()
	for i := 0; i < msgs.Len(); i++ {
		name := string(msgs.Get(i).Name())
		if strings.HasPrefix(name, "Event") && typedEventsSeen.kinds[name] == 0 && keeperReadBack[name] == "" {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	return missing, nil
}

// checkTypedEventCoverage runs after the package's tests: on a full run
// (no -run filter) that passed, every typed event kind must have been read
// back from a node.
func checkTypedEventCoverage() error {
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		return nil
	}
	missing, err := missingTypedEvents()
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("no e2e node emitted these typed events (events.proto): %s; add a step that makes each", strings.Join(missing, ", "))
	}
	typedEventsSeen.Lock()
	defer typedEventsSeen.Unlock()
	fmt.Printf("e2e: every typed event kind read back from a node (%d kinds seen; %d read back by keeper tests)\n",
		len(typedEventsSeen.kinds), len(keeperReadBack))
	return nil
}
