package htmltext

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestZZSlow(t *testing.T) {
	dir := os.Getenv("SLOWDIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		s := string(raw)
		i := strings.Index(s, "[]byte(")
		if i < 0 {
			continue
		}
		q := strings.TrimSuffix(strings.TrimSpace(s[i+7:]), ")")
		b, err := strconv.Unquote(q)
		if err != nil {
			continue
		}
		st := time.Now()
		Extract([]byte(b), "https://example.com/")
		if d := time.Since(st); d > 200*time.Millisecond {
			fmt.Println(filepath.Base(f), len(b), d)
		}
	}
}
