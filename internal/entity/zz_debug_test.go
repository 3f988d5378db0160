package entity

import (
	"fmt"
	"testing"
)

func TestZZDebug(t *testing.T) {
	for _, m := range extract(extractor(t), "Talks reopen at the Nordvik crossing\n\nOfficials from Marvania and Tessaly met at the Nordvik crossing on Monday. The Marvanian delegation was led by Colonel Arno Pelt, who said the talks were useful. Tessaly said the Nordvik crossing would stay open.\n") {
		fmt.Printf("%-30q %-12s %s\n", m.Text, m.Kind, m.Evidence)
	}
}
