package main

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSplitStoreFlag(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		def      string
		wantURL  string
		wantRest []string
		wantErr  bool
	}{
		{"absent: the default", []string{"search", "d", "x"}, "", storeEmbedded, []string{"search", "d", "x"}, false},
		{"absent: the environment's", []string{"entities", "d"}, "none", storeNone, []string{"entities", "d"}, false},
		{"before the command", []string{"--store", "none", "entities", "d"}, "", storeNone, []string{"entities", "d"}, false},
		{"after the folder", []string{"entities", "d", "--json", "--store=postgres://u@h/db"}, "", "postgres://u@h/db", []string{"entities", "d", "--json"}, false},
		{"one dash", []string{"entities", "-store", "embedded", "d"}, "none", storeEmbedded, []string{"entities", "d"}, false},
		{"the last wins", []string{"--store", "none", "entities", "d", "--store", "sqlite"}, "", storeEmbedded, []string{"entities", "d"}, false},
		{"after -- it is a query", []string{"search", "d", "--", "--store", "none"}, "", storeEmbedded, []string{"search", "d", "--", "--store", "none"}, false},
		{"a longer flag is another flag", []string{"entities", "d", "--stores"}, "", storeEmbedded, []string{"entities", "d", "--stores"}, false},
		{"no value", []string{"entities", "d", "--store"}, "", "", nil, true},
		{"not a URL", []string{"entities", "d", "--store", "my database"}, "", "", nil, true},
		{"a bad environment value", []string{"entities", "d"}, "nonsense", "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rest, err := splitStoreFlag(tt.args, tt.def)
			if tt.wantErr {
				if !errors.Is(err, errUsage) {
					t.Fatalf("got %q, %v; want a usage error", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.wantURL || !slices.Equal(rest, tt.wantRest) {
				t.Errorf("got %q %q, want %q %q", got, rest, tt.wantURL, tt.wantRest)
			}
		})
	}
}

func TestStoreFlagUsageErrorExitsTwo(t *testing.T) {
	code, _, errOut := runCLI(t, "entities", t.TempDir(), "--store")
	if code != 2 || !strings.Contains(errOut, "--store needs a value") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
