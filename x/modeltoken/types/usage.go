package types

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// UsageContentHash is the hex sha256 of a batch's content: the denom, the
// epoch and every row in order. Attesters confirming a batch must arrive at
// the same hash, so any difference in rows, order or amounts is detected.
func UsageContentHash(denom string, epoch uint64, rows []UsageRow) string {
	h := sha256.New()
	var buf [8]byte
	write := func(s string) {
		binary.BigEndian.PutUint64(buf[:], uint64(len(s)))
		h.Write(buf[:])
		h.Write([]byte(s))
	}
	writeU := func(v uint64) {
		binary.BigEndian.PutUint64(buf[:], v)
		h.Write(buf[:])
	}
	write(denom)
	writeU(epoch)
	writeU(uint64(len(rows)))
	for _, r := range rows {
		write(r.User)
		writeU(r.Spend)
	}
	return hex.EncodeToString(h.Sum(nil))
}
