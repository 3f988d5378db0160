// Package loader turns a project folder into the ui's state.Project. It is
// the only place where the UI meets the engine's loading code.
package loader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/boilerplate"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/textdecode"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// Load is a state.Loader. Until internal/project lands it reads plain-text
// and Markdown articles itself (decoding, boilerplate, metadata from the
// text) and lists other article formats as problems.
func Load(ctx context.Context, dir string, progress func(state.Progress)) (*state.Project, error) {
	var files []string
	p := &state.Project{Dir: dir}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		switch strings.ToLower(filepath.Ext(name)) {
		case ".txt", ".md", ".html", ".htm", ".pdf":
			files = append(files, rel)
		default:
			if !sourcemeta.IsSidecarCandidate(name) {
				p.Skipped = append(p.Skipped, rel)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", dir, err)
	}
	sort.Strings(files)
	for i, rel := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress(state.Progress{Done: i, Total: len(files), Current: rel})
		doc, prob := readDoc(dir, rel)
		if prob != nil {
			p.Problems = append(p.Problems, *prob)
			continue
		}
		p.Docs = append(p.Docs, doc)
	}
	progress(state.Progress{Done: len(files), Total: len(files)})
	return p, nil
}

func readDoc(dir, rel string) (*document.Document, *document.Problem) {
	format := document.Format(strings.TrimPrefix(strings.ToLower(filepath.Ext(rel)), "."))
	if format == "htm" {
		format = document.FormatHTML
	}
	if format == document.FormatHTML || format == document.FormatPDF {
		return nil, &document.Problem{Path: rel, Kind: string(format), Error: "this preview build reads only .txt and .md"}
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, &document.Problem{Path: rel, Kind: "io", Error: err.Error()}
	}
	res, err := textdecode.Decode(b)
	if err != nil {
		return nil, &document.Problem{Path: rel, Kind: "encoding", Error: err.Error()}
	}
	if strings.TrimSpace(res.Text) == "" {
		return nil, &document.Problem{Path: rel, Kind: "empty", Error: "the file holds no text"}
	}
	sum := sha256.Sum256(b)
	d := &document.Document{Path: rel, Format: format, Encoding: res.Encoding, Hash: hex.EncodeToString(sum[:]),
		Size: int64(len(b)), Text: res.Text}
	d.Boilerplate = boilerplate.Detect(d.Text)
	d.Meta = sourcemeta.FromText(d.Text, d.Boilerplate)
	return d, nil
}
