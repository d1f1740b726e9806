package service

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/attester/chain"
	"github.com/flockchain/flockd/attester/journal"
)

// Metrics are the service's Prometheus metrics (served on /metrics).
type Metrics struct {
	eventsRead    prometheus.Counter
	rowsPosted    prometheus.Counter
	batches       *prometheus.CounterVec
	quarantined   *prometheus.CounterVec
	disagreements prometheus.Counter
	graceLeft     prometheus.Gauge
	active        prometheus.Gauge
	bond          prometheus.Gauge
}

// NewMetrics registers the metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		eventsRead: prometheus.NewCounter(prometheus.CounterOpts{Name: "attester_events_read_total",
			Help: "Billing events read from the source (an epoch is read again on each tick until it seals)."}),
		rowsPosted: prometheus.NewCounter(prometheus.CounterOpts{Name: "attester_rows_posted_total",
			Help: "Usage rows in batches this attester got into a block."}),
		batches: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "attester_batches_total",
			Help: "Batches entering each journal state (signing, broadcast, included, refused, disagreed, conflict)."}, []string{"state"}),
		quarantined: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "attester_quarantined_events_total",
			Help: "Events set aside, by reason (late: per model and user, the spend recorded after the epoch's batches were fixed)."}, []string{"reason"}),
		disagreements: prometheus.NewCounter(prometheus.CounterOpts{Name: "attester_disagreements_total",
			Help: "Batches another attester posted with a content that differs from ours (not confirmed)."}),
		graceLeft: prometheus.NewGauge(prometheus.GaugeOpts{Name: "attester_grace_seconds_left",
			Help: "Block-time seconds until the ended epoch being attested seals (its attestation grace ends)."}),
		active: prometheus.NewGauge(prometheus.GaugeOpts{Name: "attester_active",
			Help: "1 if the attester is listed, bonded at least attester_min_bond and not jailed; it posts nothing otherwise."}),
		bond: prometheus.NewGauge(prometheus.GaugeOpts{Name: "attester_bond_uflock",
			Help: "The attester's own bond on chain (uflock)."}),
	}
	reg.MustRegister(m.eventsRead, m.rowsPosted, m.batches, m.quarantined, m.disagreements, m.graceLeft, m.active, m.bond)
	return m
}

func (m *Metrics) batch(e journal.Entry) { m.batches.WithLabelValues(string(e.State)).Inc() }

func (m *Metrics) quarantine(q []batch.Quarantined) {
	for _, x := range q {
		m.quarantined.WithLabelValues(string(x.Reason)).Inc()
	}
}

func (m *Metrics) standing(s chain.Standing) {
	if s.Listed && s.Active {
		m.active.Set(1)
	} else {
		m.active.Set(0)
	}
	if v, err := strconv.ParseFloat(s.Bond, 64); err == nil {
		m.bond.Set(v)
	}
}
