package sqlitestore

import (
	"encoding/binary"
	"errors"
)

// posting is one name in a trigram's posting list.
type posting struct {
	id       int64
	ntrgm    int
	mentions int
}

// appendPosting appends p to a list whose last id was prev.
func appendPosting(list []byte, prev int64, p posting) []byte {
	list = binary.AppendUvarint(list, uint64(p.id-prev))
	list = binary.AppendUvarint(list, uint64(p.ntrgm))
	return binary.AppendUvarint(list, uint64(max(p.mentions, 0)))
}

var errPostings = errors.New("damaged name index (a posting list does not decode)")

// eachPosting calls f for each posting of list, in id order.
func eachPosting(list []byte, f func(posting)) error {
	var id int64
	for len(list) > 0 {
		var vals [3]uint64
		for i := range vals {
			v, n := binary.Uvarint(list)
			if n <= 0 {
				return errPostings
			}
			vals[i] = v
			list = list[n:]
		}
		id += int64(vals[0])
		f(posting{id: id, ntrgm: int(vals[1]), mentions: int(vals[2])})
	}
	return nil
}
