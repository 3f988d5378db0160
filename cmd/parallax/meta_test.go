package main

import (
	"os"
	"testing"
)

func TestEmbeddedMetadataMatchesRoot(t *testing.T) {
	root, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if string(root) != fyneAppTOML {
		t.Fatal("cmd/parallax/metadata.toml differs from FyneApp.toml: run go generate ./cmd/parallax")
	}
	m, err := appMetadata()
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != "io.github.parallaxworkbench.parallax" || m.Name != "Parallax" || m.Version == "" || m.Build < 1 {
		t.Errorf("metadata = %+v", m)
	}
}

func TestParseMetadata(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
		version  string
		build    int
	}{
		{"full", "Website = \"x\"\n[Details]\n  ID = \"a.b.c\"\n  Name = \"N\"\n  Version = \"1.2.3\"\n  Build = 7\n[Migrations]\n  fyneDo = true\n", true, "1.2.3", 7},
		{"no build", "[Details]\nID = \"a.b\"\nName = \"N\"\nVersion = \"0.1\"\n", true, "0.1", 0},
		{"keys outside Details ignored", "ID = \"x\"\n[Details]\nID = \"a\"\nName = \"N\"\nVersion = \"2\"\n", true, "2", 0},
		{"missing version", "[Details]\nID = \"a\"\nName = \"N\"\n", false, "", 0},
		{"bad build", "[Details]\nID = \"a\"\nName = \"N\"\nVersion = \"1\"\nBuild = \"x\"\n", false, "", 0},
		{"not key value", "[Details]\nID\n", false, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := parseMetadata(tc.in)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok=%v", err, tc.ok)
			}
			if tc.ok && (m.Version != tc.version || m.Build != tc.build) {
				t.Errorf("got %q build %d", m.Version, m.Build)
			}
		})
	}
	m, _ := parseMetadata("[Details]\nID = \"a\"\nName = \"N\"\nVersion = \"1\"\n[Migrations]\nfyneDo = true\n")
	if !m.Migrations["fyneDo"] {
		t.Error("migrations not read")
	}
}
