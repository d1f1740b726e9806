package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/app/upgrades"
	v2 "github.com/flockchain/flockd/app/upgrades/v2"
	v3 "github.com/flockchain/flockd/app/upgrades/v3"
	v4 "github.com/flockchain/flockd/app/upgrades/v4"
)

func TestRegisteredUpgrades(t *testing.T) {
	names := func(us []upgrades.Upgrade) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.Name)
		}
		return out
	}
	tests := []struct {
		omit string
		want []string
	}{
		{"", []string{v2.Name, v3.Name, v4.Name}},
		{v2.Name, []string{v3.Name, v4.Name}},
		{v3.Name, []string{v2.Name, v4.Name}},
		{"v9," + v2.Name + "," + v3.Name + "," + v4.Name, nil},
		{"v9", []string{v2.Name, v3.Name, v4.Name}},
	}
	for _, tc := range tests {
		t.Run("omit="+tc.omit, func(t *testing.T) {
			saved := upgrades.Omit
			t.Cleanup(func() { upgrades.Omit = saved })
			upgrades.Omit = tc.omit
			require.Equal(t, tc.want, names(upgrades.Registered(app.Upgrades)))
		})
	}
}
