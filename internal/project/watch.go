package project

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

// Change is a batch of changes in a watched project folder. Paths are
// relative to the folder, with /.
type Change struct {
	Added, Changed, Removed []string
	// Metadata is set when the sidecar table or .parallax/sources.json
	// changed (Project.Reload with Paths() re-applies them).
	Metadata bool
	// State lists the other state files under .parallax that changed on
	// disk (by this process or another writer): aliases.json, aliases.tsv,
	// lexicon.tsv, lexicon-<code>.tsv, workspaces/<name>.json; relative, with /. A window that
	// shows one of them reloads it (saves merge under the project's lock,
	// so nothing is lost, but what is shown may be stale).
	State []string
}

// stateFiles are the state files Watch reports in Change.State.
var stateFiles = map[string]bool{StateDir + "/aliases.json": true, StateDir + "/aliases.tsv": true, StateDir + "/lexicon.tsv": true}

// workspacesDir is where workspace files live (see internal/workspace).
const workspacesDir = StateDir + "/workspaces"

// isStateFile reports whether rel is a state file reported in Change.State.
func isStateFile(rel string) bool {
	if stateFiles[rel] {
		return true
	}
	// project lexicons of other languages: lexicon-<code>.tsv
	if name, ok := strings.CutPrefix(rel, StateDir+"/lexicon-"); ok {
		return name != ".tsv" && strings.HasSuffix(name, ".tsv") && !strings.Contains(name, "/")
	}
	name, ok := strings.CutPrefix(rel, workspacesDir+"/")
	return ok && !strings.Contains(name, "/") && !strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".json")
}

// Paths lists every path of the change, for Project.Reload.
func (c Change) Paths() []string {
	out := append(append(append([]string(nil), c.Added...), c.Changed...), c.Removed...)
	if c.Metadata {
		out = append(out, sourcemeta.OverridesFile)
	}
	return out
}

// Empty reports whether the change holds nothing.
func (c Change) Empty() bool {
	return len(c.Added)+len(c.Changed)+len(c.Removed)+len(c.State) == 0 && !c.Metadata
}

// DebounceDelay is how long Watch waits for a burst of events (an editor's
// write-rename-chmod save, a copy of many files) to settle.
const DebounceDelay = 300 * time.Millisecond

// Watch reports changes to the articles of the project folder dir until ctx
// ends (then it returns nil). onChange is called from Watch's goroutine with
// batches of added, changed and removed article paths. Sub-folders are
// watched as they appear; hidden folders and .parallax/cache are not.
func Watch(ctx context.Context, dir string, onChange func(Change)) error {
	return watch(ctx, dir, DebounceDelay, onChange)
}

func watch(ctx context.Context, dir string, delay time.Duration, onChange func(Change)) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()

	known := map[string]fileStamp{} // article and table paths -> last stamp
	addTree := func(root string, report bool, ch *Change) error {
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root {
					return err
				}
				return nil
			}
			rel := relTo(abs, p)
			if d.IsDir() {
				if rel != "." && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				if err := w.Add(p); err != nil {
					return fmt.Errorf("watch %s: %w", p, err)
				}
				return nil
			}
			if watched(rel) {
				st := stampOf(p)
				if _, seen := known[rel]; !seen && report {
					ch.Added = append(ch.Added, rel)
				}
				known[rel] = st
			}
			return nil
		})
	}
	if err := addTree(abs, false, nil); err != nil {
		return err
	}
	// The state folder (never followed through a link) is watched for
	// sources.json and the state files, and its workspaces folder for
	// workspaces.
	// watchState adds the state folders to the watch and returns the state
	// files there now.
	watchState := func() []string {
		for _, d := range []string{StateDir, workspacesDir} {
			p := filepath.Join(abs, filepath.FromSlash(d))
			if st, err := os.Lstat(p); err == nil && st.IsDir() {
				_ = w.Add(p)
			}
		}
		var files []string
		for rel := range stateFiles {
			files = append(files, rel)
		}
		for _, d := range []string{StateDir, workspacesDir} {
			if es, err := os.ReadDir(filepath.Join(abs, filepath.FromSlash(d))); err == nil {
				for _, e := range es {
					if rel := d + "/" + e.Name(); isStateFile(rel) && !stateFiles[rel] {
						files = append(files, rel)
					}
				}
			}
		}
		return files
	}
	for _, rel := range watchState() {
		known[rel] = stampOf(filepath.Join(abs, filepath.FromSlash(rel)))
	}
	known[sourcemeta.OverridesFile] = stampOf(filepath.Join(abs, filepath.FromSlash(sourcemeta.OverridesFile)))

	pending := map[string]bool{}
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Too many events: rescan everything on the next tick.
				pending["."] = true
			}
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel := relTo(abs, ev.Name)
			if (rel == StateDir || rel == workspacesDir) && ev.Has(fsnotify.Create) {
				// Files may have been written before the watch: look at
				// every state file on the next tick.
				_ = w.Add(ev.Name)
				for _, f := range watchState() {
					pending[f] = true // settle compares with what was known
				}
				rel = sourcemeta.OverridesFile
			}
			if rel == "" || hiddenPath(rel) && rel != sourcemeta.OverridesFile && !isStateFile(rel) {
				continue
			}
			pending[rel] = true
			if timer == nil {
				timer = time.NewTimer(delay)
			} else {
				timer.Reset(delay)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			ch := settle(abs, pending, known, addTree)
			pending = map[string]bool{}
			if !ch.Empty() {
				onChange(ch)
			}
		}
	}
}

// settle turns the paths touched during a burst into a Change by looking
// at what is on disk now: a rename-save ends as one changed file.
func settle(abs string, pending map[string]bool, known map[string]fileStamp, addTree func(string, bool, *Change) error) Change {
	var ch Change
	if pending["."] {
		// Rescan: everything not seen again is removed.
		old := known
		for k := range old {
			pending[k] = true
		}
	}
	for rel := range pending {
		if rel == "." {
			continue
		}
		p := filepath.Join(abs, filepath.FromSlash(rel))
		if isStateFile(rel) {
			if now := stampOf(p); now != known[rel] {
				ch.State = append(ch.State, rel)
				known[rel] = now
			}
			continue
		}
		st, err := os.Stat(p)
		if err == nil && st.IsDir() {
			if !hiddenPath(rel) {
				_ = addTree(p, true, &ch) // a new or moved-in folder
			}
			continue
		}
		if !watched(rel) {
			// A folder that went away: its files are removed.
			if err != nil {
				prefix := rel + "/"
				for k := range known {
					if strings.HasPrefix(k, prefix) {
						delete(known, k)
						ch.Removed = append(ch.Removed, k)
					}
				}
			}
			continue
		}
		old, seen := known[rel]
		if err != nil {
			if seen && old.exists {
				if isMeta(rel) {
					ch.Metadata = true
					known[rel] = fileStamp{}
				} else {
					delete(known, rel)
					ch.Removed = append(ch.Removed, rel)
				}
			}
			continue
		}
		now := stampOf(p)
		switch {
		case isMeta(rel):
			if now != old {
				ch.Metadata = true
			}
		case !seen || !old.exists:
			ch.Added = append(ch.Added, rel)
		case now != old:
			ch.Changed = append(ch.Changed, rel)
		}
		known[rel] = now
	}
	sort.Strings(ch.Added)
	sort.Strings(ch.Changed)
	sort.Strings(ch.Removed)
	sort.Strings(ch.State)
	ch.Added = dedupe(ch.Added)
	return ch
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// fileStamp tells whether a file changed between two looks.
type fileStamp struct {
	exists  bool
	size    int64
	modNano int64
}

func stampOf(p string) fileStamp {
	st, err := os.Stat(p)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{true, st.Size(), st.ModTime().UnixNano()}
}

func relTo(abs, p string) string {
	rel, err := filepath.Rel(abs, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	return filepath.ToSlash(rel)
}

// watched reports whether rel is an article or a metadata file.
func watched(rel string) bool {
	if isMeta(rel) {
		return true
	}
	if hiddenPath(rel) {
		return false
	}
	_, ok := formatOf(rel)
	return ok
}

func isMeta(rel string) bool {
	return rel == sourcemeta.OverridesFile || isTableName(rel)
}
