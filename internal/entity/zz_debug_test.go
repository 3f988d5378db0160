package entity

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	f := os.Getenv("ZZ_FILE")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	for _, m := range extract(extractor(t), string(b)) {
		fmt.Printf("%-30q %-12s %s\n", m.Text, m.Kind, m.Evidence)
	}
}
