package workspace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// A Store opened with Options.State keeps its workspaces (annotations
// included) and the last-opened one as state documents of a project store
// instead of files: each save is one transaction that checks, like the
// file's hash, that nobody saved the workspace since it was loaded, and the
// version replaced goes to the store's history (which also stands in for
// the file's .bak).

// key is the state document of the workspace name.
func key(name string) string { return statedoc.WorkspacePrefix + name + Ext }

// Where names where the workspace name is kept, for messages: its file,
// or its key in the store.
func (s *Store) Where(name string) string {
	if s.opts.State != nil {
		return s.where(name)
	}
	return s.File(name)
}

// Exists reports whether a workspace of that name (ignoring case) is kept.
func (s *Store) Exists(name string) (bool, error) {
	other, err := s.existing(name)
	return other != "", err
}

// where names the workspace name in a store for messages.
func (s *Store) where(name string) string {
	return key(name) + " in " + s.opts.State.Where()
}

func stampOfData(data []byte) stamp {
	sum := sha256.Sum256(data)
	return stamp{exists: true, size: int64(len(data)), hash: hex.EncodeToString(sum[:])}
}

// decodeIn decodes a workspace kept under name and checks its paths.
func (s *Store) decodeIn(name string, data []byte) (*Workspace, error) {
	ws, err := Decode(data)
	if err != nil {
		le := err.(*LoadError)
		le.File = s.where(name)
		return nil, le
	}
	if err := ws.checkPaths(s.root); err != nil {
		kind := ErrUnsafePath
		if !errors.Is(err, ErrUnsafePath) {
			kind = ErrCorrupt
		}
		return nil, &LoadError{File: s.where(name), Problem: err.Error(), Err: kind}
	}
	ws.Name = name
	ws.disk = stampOfData(data)
	return ws, nil
}

func (s *Store) loadStored(name string) (*Workspace, error) {
	ctx := context.Background()
	data, ok, err := s.opts.State.Read(ctx, key(name))
	if err != nil {
		return nil, fmt.Errorf("read workspace %q: %w", name, err)
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, s.where(name))
	}
	ws, err := s.decodeIn(name, data)
	if err != nil {
		var le *LoadError
		if errors.As(err, &le) {
			if _, v, berr := s.previousStored(name); berr == nil {
				le.Backup = fmt.Sprintf("%s version %d", s.where(name), v)
			}
		}
		return nil, err
	}
	return ws, nil
}

// previousStored returns the newest earlier version of the workspace that
// loads, and its version number.
func (s *Store) previousStored(name string) (*Workspace, int64, error) {
	h, err := s.opts.State.History(context.Background(), key(name))
	if err != nil {
		return nil, 0, err
	}
	for i, v := range h {
		if i == 0 || v.Deleted {
			continue // the current version, or a deletion
		}
		if ws, err := s.decodeIn(name, v.Data); err == nil {
			return ws, v.Version, nil
		}
	}
	return nil, 0, fmt.Errorf("%w: no earlier version of %s loads", ErrNotFound, s.where(name))
}

func (s *Store) loadBackupStored(name string) (*Workspace, error) {
	ws, v, err := s.previousStored(name)
	if err != nil {
		return nil, err
	}
	ws.disk = stamp{}
	if data, ok, err := s.opts.State.Read(context.Background(), key(name)); err == nil && ok {
		ws.disk = stampOfData(data)
		_, derr := Decode(data)
		ws.disk.damaged = derr != nil
	}
	ws.Warnings = append(ws.Warnings, fmt.Sprintf("opened the previous version (%d) of %s; saving replaces the current one", v, s.where(name)))
	return ws, nil
}

// saveStored is save in a store: the checks against what is kept now and
// the write are one transaction.
func (s *Store) saveStored(ws *Workspace, force bool) error {
	ctx := context.Background()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ws.checkPaths(s.root); err != nil {
		return fmt.Errorf("save %s: %w", s.where(ws.Name), err)
	}
	if !ws.disk.exists {
		if other, err := s.existing(ws.Name); err != nil {
			return fmt.Errorf("save %s: %w", s.where(ws.Name), err)
		} else if other != "" && other != ws.Name && !force {
			return fmt.Errorf("save %s: %w (%q)", s.where(ws.Name), ErrExists, other)
		}
	}
	c, data, err := s.encodeForSave(ws)
	if err != nil {
		return fmt.Errorf("save %s: %w", s.where(ws.Name), err)
	}
	err = s.opts.State.Update(ctx, key(ws.Name), func(cur []byte, exists bool) ([]byte, error) {
		if !force {
			switch {
			case exists && !ws.disk.exists:
				return nil, ErrExists
			case !exists && ws.disk.exists:
				return nil, fmt.Errorf("%w (it was deleted or renamed)", ErrConflict)
			case exists && stampOfData(cur).hash != ws.disk.hash:
				return nil, ErrConflict
			}
		}
		return data, nil
	})
	if err != nil {
		return fmt.Errorf("save %s: %w", s.where(ws.Name), err)
	}
	c.disk = stampOfData(data)
	c.ReadOnly = false
	*ws = c
	return nil
}

// namesStored lists the workspaces kept, sorted as names lists files.
func (s *Store) namesStored() ([]string, error) {
	keys, err := s.opts.State.Keys(context.Background())
	if err != nil {
		return nil, fmt.Errorf("list workspaces: %w", err)
	}
	var out []string
	for _, k := range keys {
		if n, ok := strings.CutPrefix(k, statedoc.WorkspacePrefix); ok {
			out = append(out, strings.TrimSuffix(n, Ext))
		}
	}
	sortNames(out)
	return out, nil
}

func (s *Store) changedStored(ws *Workspace) (bool, error) {
	data, ok, err := s.opts.State.Read(context.Background(), key(ws.Name))
	if err != nil {
		return false, fmt.Errorf("check %s: %w", s.where(ws.Name), err)
	}
	if !ok {
		return ws.disk.exists, nil
	}
	return !ws.disk.exists || stampOfData(data).hash != ws.disk.hash, nil
}

// renameStored copies the workspace to its new key, then deletes the old
// one (two transactions: a crash between them leaves both, never none).
func (s *Store) renameStored(from, to string) error {
	ctx := context.Background()
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok, err := s.opts.State.Read(ctx, key(from))
	if err != nil {
		return fmt.Errorf("rename workspace %q: %w", from, err)
	}
	if !ok {
		return fmt.Errorf("rename workspace %q: %w", from, ErrNotFound)
	}
	if from == to {
		return nil
	}
	if nameKey(from) != nameKey(to) {
		if other, err := s.existing(to); err != nil {
			return err
		} else if other != "" {
			return fmt.Errorf("rename workspace %q to %q: %w (%q)", from, to, ErrExists, other)
		}
	}
	err = s.opts.State.Update(ctx, key(to), func(_ []byte, exists bool) ([]byte, error) {
		if exists {
			return nil, ErrExists
		}
		return data, nil
	})
	if err != nil {
		return fmt.Errorf("rename workspace %q to %q: %w", from, to, err)
	}
	if _, err := s.opts.State.Delete(ctx, key(from)); err != nil {
		return fmt.Errorf("rename workspace %q to %q: %w", from, to, err)
	}
	if last, _ := s.lastStored(); last == from {
		return s.setLastStored(to)
	}
	return nil
}

func (s *Store) deleteStored(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	deleted, err := s.opts.State.Delete(context.Background(), key(name))
	if err != nil {
		return fmt.Errorf("delete workspace %q: %w", name, err)
	}
	if !deleted {
		return fmt.Errorf("delete workspace %q: %w", name, ErrNotFound)
	}
	if last, _ := s.lastStored(); last == name {
		return s.setLastStored("")
	}
	return nil
}

func (s *Store) lastStored() (string, error) {
	data, ok, err := s.opts.State.Read(context.Background(), statedoc.LastWorkspace)
	if err != nil || !ok {
		return "", err
	}
	name, err := decodeLast(data)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", statedoc.LastWorkspace, err)
	}
	return name, nil
}

func (s *Store) setLastStored(name string) error {
	data, err := encodeLast(name)
	if err != nil {
		return err
	}
	err = s.opts.State.Update(context.Background(), statedoc.LastWorkspace, func([]byte, bool) ([]byte, error) { return data, nil })
	if err != nil {
		return fmt.Errorf("remember the last workspace: %w", err)
	}
	return nil
}
