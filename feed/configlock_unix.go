//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package feed

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockWait is how long an edit of the configuration waits for another
// process's edit to finish.
const lockWait = 5 * time.Second

// lockConfig takes an exclusive lock for editing the configuration file at
// path, so that two nashra processes editing it at once (an add from the
// shell while the reader follows a moved feed) cannot each write over the
// other's change. The lock is an flock on a hidden file beside it, which
// the system releases if the process dies; the file itself stays. It waits
// up to lockWait for another editor to finish.
func lockConfig(path string) (unlock func(), err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil { // adding creates it anyway
		return nil, fmt.Errorf("lock %s: %w", path, withoutPath(err))
	}
	name := filepath.Join(dir, "."+filepath.Base(path)+".lock")
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, withoutPath(err))
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%s is being edited by another nashra; try again", path)
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
