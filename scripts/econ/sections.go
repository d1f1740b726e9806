package main

// The report's experiments. Each returns its Markdown section, writes its
// plots and CSV into dir, and adds its headline numbers to h.

import (
	"fmt"
	"path/filepath"
	"strings"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// headline is the report's key numbers, in order; written to headline.csv
// and checked against the keeper by econ_test.go.
type headline struct{ keys, values []string }

func (h *headline) add(key, value string) {
	h.keys, h.values = append(h.keys, key), append(h.values, value)
}

// --- 1. reward vs stake share for several α ---

var alphas = []string{"0.7", "0.8", "0.9", "1.0"}

// alphaScenario: 11 models with the same usage; in model k, users A and B
// spend the same and A holds k/10 of the model's 10,000 staked MT.
func alphaScenario() Scenario {
	s := Scenario{Name: "stake share sweep", Epochs: 1}
	for k := 0; k <= 10; k++ {
		s.Models = append(s.Models, ModelSpec{Symbol: fmt.Sprintf("S%02d", k), Groups: []Group{
			{Name: "A", Count: 1, Spend: Dist{Kind: "one", Total: 1_000_000}, StakeMT: Dist{Kind: "one", Total: int64(k) * 1_000}},
			{Name: "B", Count: 1, Spend: Dist{Kind: "one", Total: 1_000_000}, StakeMT: Dist{Kind: "one", Total: int64(10-k) * 1_000}},
		}})
	}
	return s
}

func sectionAlpha(base types.Params, dir string, h *headline) (string, error) {
	var md strings.Builder
	md.WriteString("## 1. Reward vs stake share at fixed usage, for α = 0.7 / 0.8 / 0.9 / 1.0\n\n")
	md.WriteString("Two users spend the same on a model (1 USD each in one epoch); user A holds a share of the model's 10,000 staked MT, user B the rest. " +
		"Eleven models run side by side (A's share 0%, 10%, …, 100%), so each gets the same global emission. " +
		"The table is A's share of the model's FLOCK reward. With α = 1 stake does not matter; the lower α, the more it does, " +
		"and the square root makes the first MT staked count most (the curve is steepest at 0).\n\n")
	plt := plot{Title: "User A's share of the model's FLOCK reward vs A's share of the stake", XLabel: "A's share of the model's staked MT (%)", YLabel: "A's share of the model's FLOCK reward (%)", YFrom0: true}
	table := map[string][]string{}
	csv := [][]string{{"alpha", "stake_share_pct", "a_flock_uflock", "b_flock_uflock", "a_reward_share_pct"}}
	for _, a := range alphas {
		p := base
		p.Alpha = math.LegacyMustNewDecFromStr(a)
		r, err := runScenario(p, alphaScenario())
		if err != nil {
			return "", fmt.Errorf("alpha %s: %w", a, err)
		}
		s := series{Name: "α = " + a}
		for k := 0; k <= 10; k++ {
			A, B := r.Participants[2*k].Flock, r.Participants[2*k+1].Flock
			share := pct(A, A.Add(B))
			table[a] = append(table[a], fixed(share, 2))
			s.X, s.Y = append(s.X, float64(k*10)), append(s.Y, toF(share))
			csv = append(csv, []string{a, fmt.Sprint(k * 10), A.String(), B.String(), fixed(share, 4)})
		}
		plt.Series = append(plt.Series, s)
		h.add("alpha_"+a+"_a_share_pct_at_stake_0", table[a][0])
		h.add("alpha_"+a+"_a_share_pct_at_stake_50", table[a][5])
	}
	if err := plt.write(filepath.Join(dir, "alpha-stake-share.svg")); err != nil {
		return "", err
	}
	if err := writeCSV(filepath.Join(dir, "alpha-stake-share.csv"), csv); err != nil {
		return "", err
	}
	md.WriteString("![reward share vs stake share](economics/alpha-stake-share.svg)\n\n")
	md.WriteString("| A's stake share | " + strings.Join(prefix("α = ", alphas), " | ") + " |\n|---|" + strings.Repeat("---|", len(alphas)) + "\n")
	for k := 0; k <= 10; k++ {
		row := []string{fmt.Sprintf("%d%%", k*10)}
		for _, a := range alphas {
			row = append(row, table[a][k]+"%")
		}
		md.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	md.WriteString("\nData: `economics/alpha-stake-share.csv` (uflock per user).\n\n")
	return md.String(), nil
}

// --- 2. Sybil neutrality ---

// sybilScenario: the same usage, stake and gmFLOCK held by one whale in
// model WHALE and split over ten accounts in model SYBIL; both models also
// have the same ten reference users.
func sybilScenario() Scenario {
	reference := Group{Name: "reference users", Count: 10, Spend: Dist{Total: 10_000_000}, StakeMT: Dist{Total: 10_000}}
	return Scenario{Name: "whale vs sybils", Epochs: 1, Models: []ModelSpec{
		{Symbol: "WHALE", Groups: []Group{{Name: "whale", Count: 1, Spend: Dist{Kind: "one", Total: 10_000_000},
			StakeMT: Dist{Kind: "one", Total: 10_000}, LockGm: Dist{Kind: "one", Total: 10_000}, LockDays: 365}, reference}},
		{Symbol: "SYBIL", Groups: []Group{{Name: "10 sybils", Count: 10, Spend: Dist{Total: 10_000_000},
			StakeMT: Dist{Total: 10_000}, LockGm: Dist{Total: 10_000}, LockDays: 365}, reference}},
	}}
}

func sectionSybil(base types.Params, dir string, h *headline) (string, error) {
	r, err := runScenario(base, sybilScenario())
	if err != nil {
		return "", err
	}
	var md strings.Builder
	md.WriteString("## 2. One whale vs many small accounts (Sybil neutrality)\n\n")
	md.WriteString("Model WHALE: one account spends 10 USD, stakes 10,000 MT and locks 10,000 FLOCK for 365 days. " +
		"Model SYBIL: the same totals split evenly over 10 accounts. Both models also have the same 10 reference users " +
		"(1 USD and 1,000 MT each) and the same total usage, so they receive the same emission. Splitting does not pay: " +
		"usage is linear, while the square-root staking factor and the concave gmFLOCK multiplier give the split accounts less.\n\n")
	md.WriteString(groupTable(groupTotals(r)))
	gt := groupTotals(r)
	whale, sybils := gt[0], gt[2]
	h.add("sybil_whale_flock_uflock", whale.Flock.String())
	h.add("sybil_sybils_flock_uflock", sybils.Flock.String())
	h.add("sybil_whale_mt", whale.MT.String())
	h.add("sybil_sybils_mt", sybils.MT.String())
	fmt.Fprintf(&md, "\nThe 10 sybils together earn **%s%%** of the whale's FLOCK and **%s%%** of its MT incentive; "+
		"the reference users earn more next to the sybils than next to the whale (%s vs %s FLOCK).\n\n",
		fixed(pct(sybils.Flock, whale.Flock), 2), fixed(pct(sybils.MT, whale.MT), 2), display(gt[3].Flock), display(gt[1].Flock))
	return md.String(), writeParticipants(filepath.Join(dir, "sybil.csv"), r)
}

// --- 3. emission schedule ---

func sectionEmission(base types.Params, dir string, h *headline, startSupply math.Int) (string, error) {
	days := base.EpochDuration.Hours() / 24
	epochs := uint64(3 * 365 / days)
	supply := startSupply
	cum := math.ZeroInt()
	sE, sC := series{Name: "emission per epoch"}, series{Name: "cumulative emission"}
	csv := [][]string{{"epoch", "emission_uflock", "cumulative_uflock", "supply_uflock"}}
	var md strings.Builder
	md.WriteString("## 3. Emission schedule and cumulative supply over 3 years\n\n")
	fmt.Fprintf(&md, "E(e) = E0·(1 − d)^⌊e/P⌋ with E0 = %s FLOCK, d = %d bps, P = %d epochs of %s, capped so the FLOCK supply "+
		"never passes %s FLOCK (`formulas.CappedEmission`, the function the epoch hook mints with). The supply starts at "+
		"%s FLOCK (an assumption of this report; x/mint's validator inflation is separate and not included). "+
		"Only models with usage are paid: an epoch with no usage at all mints nothing.\n\n",
		display(base.EmissionPerEpoch), base.EmissionDecayBps, base.EmissionDecayEpochs, base.EpochDuration, display(base.FlockMaxSupply), display(startSupply))
	md.WriteString("| after | epochs | emission in the last epoch | cumulative emission | supply |\n|---|---|---|---|---|\n")
	for e := uint64(1); e <= epochs; e++ {
		em := formulas.CappedEmission(base, e, supply)
		supply, cum = supply.Add(em), cum.Add(em)
		sE.X, sE.Y = append(sE.X, float64(e)*days/365), append(sE.Y, toF(flockDec(em)))
		sC.X, sC.Y = append(sC.X, float64(e)*days/365), append(sC.Y, toF(flockDec(cum))/1e6)
		csv = append(csv, []string{fmt.Sprint(e), em.String(), cum.String(), supply.String()})
		if year := float64(e) * days / 365; year == 1 || year == 2 || year == 3 {
			fmt.Fprintf(&md, "| year %g | %d | %s | %s | %s |\n", year, e, display(em), display(cum), display(supply))
			h.add(fmt.Sprintf("emission_cumulative_year%g_uflock", year), cum.String())
		}
	}
	if err := writePlots(dir, map[string]plot{
		"emission.svg":            {Title: "FLOCK emission per epoch", XLabel: "years", YLabel: "FLOCK per epoch", Series: []series{sE}, YFrom0: true},
		"emission-cumulative.svg": {Title: "Cumulative FLOCK emitted", XLabel: "years", YLabel: "million FLOCK", Series: []series{sC}, YFrom0: true},
	}); err != nil {
		return "", err
	}
	md.WriteString("\n![emission per epoch](economics/emission.svg) ![cumulative](economics/emission-cumulative.svg)\n\n")
	return md.String(), writeCSV(filepath.Join(dir, "emission.csv"), csv)
}

// --- 4. a launch along the curve ---

func sectionLaunch(base types.Params, dir string, h *headline) (string, error) {
	c, err := newChain(base, 0)
	if err != nil {
		return "", err
	}
	defer c.close()
	const mtype = "llm-small"
	mt, _ := c.modelType(mtype)
	res, err := c.msg.CreateLaunch(c.ctx(), &types.MsgCreateLaunch{Creator: c.issuer.String(), ModelType: mtype, Name: "Curve model",
		Symbol: "CURVE", ModelId: "curve", BundleFlock: math.ZeroInt()})
	if err != nil {
		return "", err
	}
	if err := c.waitAntiSnipe(); err != nil {
		return "", err
	}
	curve := formulas.NewCurve(mt)
	oneMT := math.NewInt(types.MicroPerFlock)
	price := func(sold math.Int) math.LegacyDec {
		return math.LegacyNewDecFromInt(curve.FlockAtMarginal(oneMT, sold)).QuoInt64(types.MicroPerFlock)
	}
	sP, sS := series{Name: "marginal price"}, series{Name: "MT sold"}
	csv := [][]string{{"buy", "raised_uflock", "sold_mt_base", "marginal_price_flock_per_mt"}}
	add := func(i int, l types.Launch) {
		p := price(l.Sold)
		sP.X, sP.Y = append(sP.X, toF(flockDec(l.Raised))/1e3), append(sP.Y, toF(p))
		sS.X, sS.Y = append(sS.X, toF(flockDec(l.Raised))/1e3), append(sS.Y, toF(flockDec(l.Sold))/1e3)
		csv = append(csv, []string{fmt.Sprint(i), l.Raised.String(), l.Sold.String(), p.String()})
	}
	l, _ := c.k.Launch.Launches.Get(c.ctx(), res.LaunchId)
	add(0, l)
	step := mt.RaiseMax.QuoRaw(20)
	for i := 1; l.Status == types.LAUNCH_STATUS_RAISING && i <= 40; i++ {
		if _, err := c.msg.Buy(c.ctx(), &types.MsgBuy{Buyer: c.buyer.String(), LaunchId: res.LaunchId, FlockIn: sdk.NewCoin(app.BondDenom, step), MinMtOut: math.ZeroInt()}); err != nil {
			return "", fmt.Errorf("buy %d: %w", i, err)
		}
		l, _ = c.k.Launch.Launches.Get(c.ctx(), res.LaunchId)
		add(i, l)
	}
	pool, err := c.q.Pool(c.ctx(), &types.QueryPoolRequest{Denom: l.Denom})
	if err != nil {
		return "", fmt.Errorf("pool after graduation: %w", err)
	}
	startP, endP := price(math.ZeroInt()), price(l.Sold)
	h.add("launch_start_price_flock_per_mt", startP.String())
	h.add("launch_end_price_flock_per_mt", endP.String())
	h.add("launch_pool_price_at_graduation", pool.SpotPrice.String())
	h.add("launch_raised_uflock", l.Raised.String())
	h.add("launch_sold_mt_base", l.Sold.String())
	if err := writePlots(dir, map[string]plot{
		"launch-price.svg": {Title: "Launch: marginal price along the curve", XLabel: "FLOCK raised (thousands)", YLabel: "FLOCK per MT", Series: []series{sP}, YFrom0: true},
		"launch-sold.svg":  {Title: "Launch: MT sold vs FLOCK raised", XLabel: "FLOCK raised (thousands)", YLabel: "MT sold (thousands)", Series: []series{sS}, YFrom0: true},
	}); err != nil {
		return "", err
	}
	var md strings.Builder
	md.WriteString("## 4. A launch: price along the curve, raise vs MT sold, pool price at graduation\n\n")
	fmt.Fprintf(&md, "Model type `%s` (raise %s – %s FLOCK, sale %d bps of 1,000,000 MT, end price %d bps of the start), "+
		"bought in slices of %s FLOCK gross (the 1.5%% platform fee comes off each) until the raise is full, which graduates the launch.\n\n",
		mtype, display(mt.RaiseMin), display(mt.RaiseMax), mt.Allocation.SaleBps, mt.EndPriceMultipleBps, display(step))
	md.WriteString("| | value |\n|---|---|\n")
	fmt.Fprintf(&md, "| start price | %s FLOCK/MT |\n| final marginal price | %s FLOCK/MT |\n| pool price at graduation | %s FLOCK/MT |\n| FLOCK raised (net) | %s |\n| MT sold | %s |\n| buys | %d |\n",
		fixed(startP, 6), fixed(endP, 6), fixed(pool.SpotPrice, 6), display(l.Raised), display(l.Sold), len(csv)-2)
	md.WriteString("\n![price](economics/launch-price.svg) ![sold](economics/launch-sold.svg)\n\n")
	md.WriteString("The pool opens at the curve's final marginal price, so a supporter who bought last is not immediately under water.\n\n")
	return md.String(), writeCSV(filepath.Join(dir, "launch.csv"), csv)
}

// --- 5. revenue buyback and burn ---

// revenueSeries is the FLOCK deposited per epoch: 10,000 growing by 1,000 a epoch.
func revenueSeries(epochs int) []math.Int {
	out := make([]math.Int, epochs)
	for i := range out {
		out[i] = flock(10_000 + 1_000*int64(i))
	}
	return out
}

func sectionBuyback(base types.Params, dir string, h *headline) (string, error) {
	c, err := newChain(base, 0)
	if err != nil {
		return "", err
	}
	defer c.close()
	denom, err := c.liveModel("REV", "llm-small")
	if err != nil {
		return "", err
	}
	const epochs, blocksPerEpoch = 30, 48
	series0 := revenueSeries(epochs)
	bought, burned, supplyS, priceS := series{Name: "MT bought back (cumulative)"}, series{Name: "MT burned (cumulative)", Dashed: true}, series{Name: "MT supply"}, series{Name: "pool price"}
	csv := [][]string{{"epoch", "deposited_uflock", "buyback_spent_uflock", "mt_bought", "mt_burned", "mt_supply", "pool_price"}}
	var md strings.Builder
	md.WriteString("## 5. Revenue buyback and burn over time\n\n")
	fmt.Fprintf(&md, "A live model's reporter deposits net revenue every epoch (10,000 FLOCK, growing by 1,000 each epoch, %d epochs). "+
		"%d bps of it buys the model's MT from its protocol-owned pool in BeginBlock slices (at most %d bps of price impact per block "+
		"and %d bps above the %s TWAP); the MT is burned at the next epoch's start. %d blocks per epoch.\n\n",
		epochs, base.RevenueMtBuybackBps, base.BuybackMaxImpactBps, base.BuybackMaxPremiumBps, base.TwapWindow, blocksPerEpoch)
	md.WriteString("| epoch | deposited | spent on buyback (cum.) | MT bought (cum.) | MT burned (cum.) | MT supply | pool price |\n|---|---|---|---|---|---|---|\n")
	blockTime := base.EpochDuration / blocksPerEpoch
	for e := 0; e < epochs; e++ {
		if _, err := c.msg.DepositRevenue(c.ctx(), &types.MsgDepositRevenue{Reporter: c.attester.String(), Denom: denom, Amount: sdk.NewCoin(app.BondDenom, series0[e])}); err != nil {
			return "", fmt.Errorf("deposit: %w", err)
		}
		for b := 0; b < blocksPerEpoch-1; b++ {
			if err := c.block(blockTime); err != nil {
				return "", err
			}
		}
		if err := c.nextEpoch(); err != nil {
			return "", err
		}
		rev, err := c.q.Revenue(c.ctx(), &types.QueryRevenueRequest{Denom: denom})
		if err != nil {
			return "", err
		}
		pool, err := c.q.Pool(c.ctx(), &types.QueryPoolRequest{Denom: denom})
		if err != nil {
			return "", err
		}
		t := rev.Totals
		x := float64(e + 1)
		bought.X, bought.Y = append(bought.X, x), append(bought.Y, toF(flockDec(t.MtBought))/1e3)
		burned.X, burned.Y = append(burned.X, x), append(burned.Y, toF(flockDec(t.MtBurned))/1e3)
		supplyS.X, supplyS.Y = append(supplyS.X, x), append(supplyS.Y, toF(flockDec(rev.Supply))/1e3)
		priceS.X, priceS.Y = append(priceS.X, x), append(priceS.Y, toF(pool.SpotPrice))
		csv = append(csv, []string{fmt.Sprint(e + 1), series0[e].String(), t.BuybackSpent.String(), t.MtBought.String(), t.MtBurned.String(), rev.Supply.String(), pool.SpotPrice.String()})
		if (e+1)%5 == 0 {
			fmt.Fprintf(&md, "| %d | %s | %s | %s | %s | %s | %s |\n", e+1, display(series0[e]), display(t.BuybackSpent), display(t.MtBought), display(t.MtBurned), display(rev.Supply), fixed(pool.SpotPrice, 6))
		}
		if e+1 == epochs {
			h.add("buyback_mt_bought_after_30", t.MtBought.String())
			h.add("buyback_mt_burned_after_30", t.MtBurned.String())
			h.add("buyback_mt_supply_after_30", rev.Supply.String())
		}
	}
	if err := writePlots(dir, map[string]plot{
		"buyback.svg":        {Title: "MT bought back and burned", XLabel: "epoch", YLabel: "thousand MT", Series: []series{bought, burned}, YFrom0: true},
		"buyback-supply.svg": {Title: "MT supply", XLabel: "epoch", YLabel: "thousand MT", Series: []series{supplyS}},
		"buyback-price.svg":  {Title: "Pool price under the buyback", XLabel: "epoch", YLabel: "FLOCK per MT", Series: []series{priceS}},
	}); err != nil {
		return "", err
	}
	md.WriteString("\n![bought and burned](economics/buyback.svg) ![supply](economics/buyback-supply.svg) ![price](economics/buyback-price.svg)\n\n")
	md.WriteString("Bought and burned almost coincide: what the buyback buys in an epoch is burned at the next epoch's start. " +
		"Nobody else trades in this scenario, so each slice moves the pool and the price climbs; a revenue stream larger " +
		"than the pool's depth is spread over more blocks, never bought at once.\n\n")
	return md.String(), writeCSV(filepath.Join(dir, "buyback.csv"), csv)
}

// --- 6. gmFLOCK multiplier ---

func sectionGm(base types.Params, dir string, h *headline) (string, error) {
	days := []uint32{30, 90, 180, 365}
	var md strings.Builder
	md.WriteString("## 6. gmFLOCK multiplier vs amount and lock length\n\n")
	fmt.Fprintf(&md, "gmFLOCK m = n for t ≤ t0 = %d days, else n·(1 + ε·(t − t0)/t1) with ε = %s, t1 = %d days; the reward multiplier is "+
		"1 + λ·m/(m + K) with λ = %s, K = %s FLOCK (`formulas.GmFlockFor`, `formulas.GmMultiplier`), at the lock's start "+
		"(it falls as the remaining lock time runs down).\n\n", base.GmT0Days, base.GmEpsilon, base.GmT1Days, base.GmLambda, display(base.GmK))
	plt := plot{Title: "gmFLOCK reward multiplier at the lock's start", XLabel: "FLOCK locked (thousands)", YLabel: "multiplier", YFrom0: false}
	csv := [][]string{{"days", "flock", "gmflock_uflock", "multiplier"}}
	amounts := []int64{0, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000}
	md.WriteString("| FLOCK locked | " + strings.Join(suffix(days, " days"), " | ") + " |\n|---|" + strings.Repeat("---|", len(days)) + "\n")
	rows := make([][]string, len(amounts))
	for i, a := range amounts {
		rows[i] = []string{display(flock(a))}
	}
	for _, d := range days {
		s := series{Name: fmt.Sprintf("%d days", d)}
		for n := int64(0); n <= 100_000; n += 2_500 {
			m := formulas.GmFlockFor(base, flock(n), d)
			g := formulas.GmMultiplier(base, m)
			s.X, s.Y = append(s.X, float64(n)/1e3), append(s.Y, toF(g))
			csv = append(csv, []string{fmt.Sprint(d), fmt.Sprint(n), m.String(), g.String()})
		}
		plt.Series = append(plt.Series, s)
		for i, a := range amounts {
			g := formulas.GmMultiplier(base, formulas.GmFlockFor(base, flock(a), d))
			rows[i] = append(rows[i], "×"+fixed(g, 4))
			if a == 10_000 {
				h.add(fmt.Sprintf("gm_multiplier_10k_flock_%d_days", d), g.String())
			}
		}
	}
	for _, r := range rows {
		md.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	if err := plt.write(filepath.Join(dir, "gm-multiplier.svg")); err != nil {
		return "", err
	}
	md.WriteString("\n![gm multiplier](economics/gm-multiplier.svg)\n\n")
	return md.String(), writeCSV(filepath.Join(dir, "gm-multiplier.csv"), csv)
}
