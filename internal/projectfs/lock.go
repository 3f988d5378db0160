package projectfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// LockFile is the advisory lock file of a project, below .parallax.
const LockFile = StateDir + "/lock"

// LockTimeout is how long Lock waits for another writer.
const LockTimeout = 30 * time.Second

// staleAge is the age past which a temporary file is a dead writer's.
const staleAge = 10 * time.Minute

// ErrLocked: another writer held the project's lock for too long.
var ErrLocked = errors.New("another Parallax is writing to this project")

// Lock takes the project's advisory write lock (.parallax/lock), waiting
// up to LockTimeout; unlock releases it. Every change to a state file is a
// read-modify-write done while holding it, so two windows or two analysts
// on a shared folder never lose each other's edits.
func (r *Root) Lock() (unlock func(), err error) {
	if err := r.MkdirState(StateDir); err != nil {
		return nil, err
	}
	f, err := r.root.OpenFile(LockFile, os.O_RDWR|os.O_CREATE|nonBlock, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", r.Abs(LockFile), err)
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = fmt.Errorf("%w (%s)", ErrNotRegular, KindOf(st.Mode()))
		}
		return nil, fmt.Errorf("lock %s: %w", r.Abs(LockFile), err)
	}
	var held lockState
	deadline := time.Now().Add(LockTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		ok, err := tryLock(f, &held)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", r.Abs(LockFile), err)
		}
		if ok {
			break
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w (waited %s)", r.Abs(LockFile), ErrLocked, LockTimeout)
		}
		time.Sleep(wait)
	}
	return func() {
		unlockFile(f, &held)
		f.Close()
	}, nil
}

// Update changes the state file rel under the lock: it reads the file as
// it is now (absent: exists false), lets change make the new content from
// it, and writes that atomically. Returning nil data from change leaves
// the file as it is.
func (r *Root) Update(rel string, limit int64, change func(cur []byte, exists bool) ([]byte, error)) error {
	unlock, err := r.Lock()
	if err != nil {
		return err
	}
	defer unlock()
	r.CleanTemporaries(dirOf(rel))
	cur, _, err := r.ReadFile(rel, limit)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	data, err := change(cur, exists)
	if err != nil || data == nil {
		return err
	}
	return r.WriteFile(rel, data, 0o644)
}

func dirOf(rel string) string {
	rel = clean(rel)
	for i := len(rel) - 1; i >= 0; i-- {
		if rel[i] == '/' {
			return rel[:i]
		}
	}
	return "."
}
