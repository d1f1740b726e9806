package types

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
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

// MaxBatchIDLen bounds a usage batch id (it is part of a store key).
const MaxBatchIDLen = 128

// CheckBatchID: 1-MaxBatchIDLen bytes of printable ASCII. The id is part of
// a store key, where a NUL byte would end it and a multi-byte character
// would not survive the key codec (collections v1.4.0 copies a non-final
// string key's bytes with a range loop, which steps over runes and leaves
// continuation bytes zero).
func CheckBatchID(id string) error {
	if id == "" || len(id) > MaxBatchIDLen {
		return fmt.Errorf("batch_id must be 1-%d bytes", MaxBatchIDLen)
	}
	if !PrintableASCII(id) {
		return fmt.Errorf("batch_id %q: printable ASCII only", id)
	}
	return nil
}

// PrintableASCII reports whether s holds only bytes 0x20-0x7e.
func PrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// CheckContentHash accepts a content hash as UsageContentHash writes it:
// 64 lower-case hex digits (it is part of a store key, so its length is
// bounded and one content has one spelling).
func CheckContentHash(h string) error {
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != sha256.Size || hex.EncodeToString(b) != h {
		return fmt.Errorf("content_hash %q: want 64 lower-case hex digits", h)
	}
	return nil
}
