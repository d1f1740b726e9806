package main

// Scenarios: models, groups of users with usage, stake and gmFLOCK
// distributions, run for N epochs on the real keeper; the result is what
// each participant can claim at the end.

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"sort"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Scenario is the scenario file's JSON.
type Scenario struct {
	Name   string      `json:"name"`
	Epochs int         `json:"epochs"` // epochs with usage; all are settled before rewards are read
	Models []ModelSpec `json:"models"`
}

type ModelSpec struct {
	Symbol    string  `json:"symbol"`
	ModelType string  `json:"model_type,omitempty"` // default llm-small
	Groups    []Group `json:"groups"`
}

// Group is Count users whose spend per epoch (micro-USD), stake (whole MT)
// and gmFLOCK lock (whole FLOCK, days) follow the given distributions.
type Group struct {
	Name     string `json:"name"`
	Count    int    `json:"count"`
	Spend    Dist   `json:"spend"`
	StakeMT  Dist   `json:"stake_mt"`
	LockGm   Dist   `json:"lock_flock"`
	LockDays uint32 `json:"lock_days,omitempty"`
}

// Dist splits Total among a group: "uniform" (equal), "zipf" (the k-th user
// gets a share proportional to 1/k^S, S a whole number, default 1) or "one"
// (all to the first user). Integer arithmetic only, so a scenario gives the
// same inputs everywhere; what the floors leave goes by largest remainder.
type Dist struct {
	Kind  string `json:"dist"`
	Total int64  `json:"total"`
	S     int    `json:"s,omitempty"`
}

func (d Dist) split(n int) ([]int64, error) {
	out := make([]int64, n)
	if d.Total == 0 || n == 0 {
		return out, nil
	}
	if d.Total < 0 {
		return nil, fmt.Errorf("negative total %d", d.Total)
	}
	weights := make([]*big.Int, n)
	switch d.Kind {
	case "", "uniform":
		for i := range weights {
			weights[i] = big.NewInt(1)
		}
	case "one":
		out[0] = d.Total
		return out, nil
	case "zipf":
		s := d.S
		if s == 0 {
			s = 1
		}
		scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
		for i := range weights {
			weights[i] = new(big.Int).Quo(scale, new(big.Int).Exp(big.NewInt(int64(i+1)), big.NewInt(int64(s)), nil))
		}
	default:
		return nil, fmt.Errorf("unknown distribution %q (uniform, zipf, one)", d.Kind)
	}
	sum := new(big.Int)
	for _, w := range weights {
		sum.Add(sum, w)
	}
	// Largest remainder: floors first, then one more unit to the users whose
	// floors cut the most (ties to the earlier user).
	var given int64
	rem := make([]*big.Int, n)
	for i, w := range weights {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(big.NewInt(d.Total), w), sum, new(big.Int))
		out[i], rem[i] = q.Int64(), r
		given += out[i]
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]].Cmp(rem[order[b]]) > 0 })
	for k := 0; given < d.Total; k = (k + 1) % n {
		out[order[k]]++
		given++
	}
	return out, nil
}

// Participant is one user's inputs and what they can claim after the run.
type Participant struct {
	Model, Group string
	Index        int
	Spend        int64 // micro-USD per epoch
	StakeMT      int64
	LockFlock    int64
	LockDays     uint32
	Flock        math.Int // FLOCK (uflock) claimable: global emission and reserved FLOCK
	MT           math.Int // the model's MT claimable (token incentive)
}

// Result is a scenario's outcome.
type Result struct {
	Scenario     Scenario
	Participants []Participant
	Emitted      []math.Int // FLOCK minted per settled epoch (EpochSummary.emitted)
}

func loadScenario(path string) (Scenario, error) {
	var s Scenario
	b, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// runScenario runs s on a fresh chain with params p.
func runScenario(p types.Params, s Scenario) (Result, error) {
	res := Result{Scenario: s}
	if s.Epochs < 1 {
		return res, fmt.Errorf("scenario %q: epochs must be at least 1", s.Name)
	}
	total := 0
	for _, m := range s.Models {
		for _, g := range m.Groups {
			total += g.Count
		}
	}
	c, err := newChain(p, total)
	if err != nil {
		return res, err
	}
	defer c.close()

	type member struct {
		addr sdk.AccAddress
		p    int // index in res.Participants
	}
	byModel := map[string][]member{}
	denoms := make([]string, len(s.Models))
	next := 0
	for mi, m := range s.Models {
		mtype := m.ModelType
		if mtype == "" {
			mtype = "llm-small"
		}
		denom, err := c.liveModel(m.Symbol, mtype)
		if err != nil {
			return res, err
		}
		denoms[mi] = denom
		for _, g := range m.Groups {
			spend, err1 := g.Spend.split(g.Count)
			stake, err2 := g.StakeMT.split(g.Count)
			lock, err3 := g.LockGm.split(g.Count)
			if err := firstErr(err1, err2, err3); err != nil {
				return res, fmt.Errorf("%s/%s: %w", m.Symbol, g.Name, err)
			}
			for i := 0; i < g.Count; i++ {
				u := c.users[next]
				next++
				if err := c.stake(u, denom, flock(stake[i])); err != nil { // MT has the same exponent as FLOCK
					return res, fmt.Errorf("%s/%s stake: %w", m.Symbol, g.Name, err)
				}
				if err := c.lock(u, flock(lock[i]), g.LockDays); err != nil {
					return res, fmt.Errorf("%s/%s lock: %w", m.Symbol, g.Name, err)
				}
				res.Participants = append(res.Participants, Participant{Model: m.Symbol, Group: g.Name, Index: i,
					Spend: spend[i], StakeMT: stake[i], LockFlock: lock[i], LockDays: g.LockDays})
				byModel[denom] = append(byModel[denom], member{u, len(res.Participants) - 1})
			}
		}
	}
	// Stake counts from the epoch after it was added (the just-in-time rule).
	if err := c.nextEpoch(); err != nil {
		return res, err
	}
	first := c.epoch()
	maxRows := int(c.params().MaxRowsPerBatch)
	for e := 0; e < s.Epochs; e++ {
		for _, denom := range denoms {
			var rows []types.UsageRow
			for _, m := range byModel[denom] {
				if sp := res.Participants[m.p].Spend; sp > 0 {
					rows = append(rows, types.UsageRow{User: m.addr.String(), Spend: uint64(sp)})
				}
			}
			for len(rows) > 0 {
				n := min(len(rows), maxRows)
				if err := c.post(denom, rows[:n]); err != nil {
					return res, fmt.Errorf("usage for %s: %w", denom, err)
				}
				rows = rows[n:]
			}
		}
		if err := c.nextEpoch(); err != nil {
			return res, err
		}
	}
	last := first + uint64(s.Epochs) - 1
	if err := c.settle(last); err != nil {
		return res, err
	}
	for e := first; e <= last; e++ {
		sum, err := c.k.EpochSummaries.Get(c.ctx(), e)
		if err != nil {
			return res, err
		}
		res.Emitted = append(res.Emitted, sum.Emitted)
	}
	for denom, members := range byModel {
		for _, m := range members {
			f, per, err := c.pending(m.addr)
			if err != nil {
				return res, err
			}
			res.Participants[m.p].Flock = f
			mtAmt := math.ZeroInt()
			if r, ok := per[denom]; ok {
				mtAmt = r.Mt
			}
			res.Participants[m.p].MT = mtAmt
		}
	}
	return res, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// groupTotals sums FLOCK and MT per (model, group), in scenario order.
func groupTotals(r Result) []groupTotal {
	var out []groupTotal
	idx := map[[2]string]int{}
	for _, p := range r.Participants {
		key := [2]string{p.Model, p.Group}
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, groupTotal{Model: p.Model, Group: p.Group, Flock: math.ZeroInt(), MT: math.ZeroInt()})
		}
		out[i].Users++
		out[i].Spend += p.Spend
		out[i].StakeMT += p.StakeMT
		out[i].LockFlock += p.LockFlock
		out[i].Flock = out[i].Flock.Add(p.Flock)
		out[i].MT = out[i].MT.Add(p.MT)
	}
	return out
}

type groupTotal struct {
	Model, Group              string
	Users                     int
	Spend, StakeMT, LockFlock int64
	Flock, MT                 math.Int
}
