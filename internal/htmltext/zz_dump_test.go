package htmltext

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	r, err := Extract(b, "")
	fmt.Println("ERR", err, "ENC", r.Encoding)
	fmt.Printf("%+v\n", r.Meta)
	for _, s := range r.Boilerplate {
		fmt.Printf("BP %q\n", r.Text[s.Start:s.End])
	}
	tx := r.Text
	if len(tx) > 2500 {
		tx = tx[:2500]
	}
	fmt.Println(tx)
}
