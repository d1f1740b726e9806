package journal_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/attester/journal"
	"github.com/flockchain/flockd/attester/journal/journaltest"
)

func TestFileJournal(t *testing.T) {
	dir := t.TempDir()
	j, err := journal.OpenFile(dir)
	require.NoError(t, err)
	journaltest.Run(t, j, func(old journal.Journal) journal.Journal {
		require.NoError(t, old.Close())
		j, err := journal.OpenFile(dir)
		require.NoError(t, err)
		return j
	})
}
