package main

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// metadata.toml is a copy of the repository's FyneApp.toml (go:embed cannot
// reach outside this folder); `go generate` refreshes it and
// TestEmbeddedMetadataMatchesRoot fails when the two differ. It is not named
// FyneApp.toml because scripts/package.sh puts that name here for the fyne
// tool. It feeds app.SetMetadata, so About shows the right version under
// `go run` and `go build` from any folder, not only under the fyne tool.
//
//go:generate cp ../../FyneApp.toml metadata.toml
//go:embed metadata.toml
var fyneAppTOML string

// appMetadata returns the [Details] of the embedded FyneApp.toml.
func appMetadata() (fyne.AppMetadata, error) {
	return parseMetadata(fyneAppTOML)
}

// parseMetadata reads the ID, Name, Version and Build keys of the
// [Details] table of a FyneApp.toml. It understands the flat
// key = "string" / key = number lines the fyne tool writes.
func parseMetadata(toml string) (fyne.AppMetadata, error) {
	m := fyne.AppMetadata{Custom: map[string]string{}, Migrations: map[string]bool{}}
	table := ""
	for n, line := range strings.Split(toml, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			table = strings.Trim(line, "[] ")
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			return m, fmt.Errorf("FyneApp.toml line %d: want key = value", n+1)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if s, err := strconv.Unquote(val); err == nil {
			val = s
		}
		switch table {
		case "Details":
			switch key {
			case "ID":
				m.ID = val
			case "Name":
				m.Name = val
			case "Version":
				m.Version = val
			case "Build":
				b, err := strconv.Atoi(val)
				if err != nil {
					return m, fmt.Errorf("FyneApp.toml line %d: Build: %w", n+1, err)
				}
				m.Build = b
			}
		case "Development":
			m.Custom[key] = val
		case "Migrations":
			m.Migrations[key] = val == "true"
		}
	}
	if m.ID == "" || m.Name == "" || m.Version == "" {
		return m, fmt.Errorf("FyneApp.toml: [Details] needs ID, Name and Version")
	}
	return m, nil
}
