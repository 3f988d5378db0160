package migrate

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name     string
		files    fstest.MapFS
		versions []int
		err      string
	}{
		{"sorted", fstest.MapFS{
			"m/0002_more.sql": {Data: []byte("B")},
			"m/0001_init.sql": {Data: []byte("A")},
			"m/README":        {Data: []byte("not a migration")},
		}, []int{1, 2}, ""},
		{"gap", fstest.MapFS{
			"m/0001_init.sql": {Data: []byte("A")},
			"m/0003_x.sql":    {Data: []byte("C")},
		}, nil, "version 3 where 2"},
		{"duplicate", fstest.MapFS{
			"m/0001_init.sql":  {Data: []byte("A")},
			"m/0001_again.sql": {Data: []byte("A")},
		}, nil, "version 1 where 2"},
		{"bad name", fstest.MapFS{"m/init.sql": {Data: []byte("A")}}, nil, "must start with its number"},
		{"missing folder", fstest.MapFS{}, nil, "migrations m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Load(tt.files, "m")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, m := range ms {
				got = append(got, m.Version)
			}
			if len(got) != len(tt.versions) || Latest(ms) != tt.versions[len(tt.versions)-1] {
				t.Fatalf("versions %v, want %v", got, tt.versions)
			}
			if ms[0].SQL != "A" {
				t.Errorf("first SQL %q", ms[0].SQL)
			}
		})
	}
}

func TestTooNew(t *testing.T) {
	err := TooNew("db.sqlite", 5, 2)
	if !strings.Contains(err.Error(), "schema version 5") || !strings.Contains(err.Error(), "up to 2") {
		t.Error(err)
	}
}
