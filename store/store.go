// Package store keeps feeds and their items in a SQLite database so that
// read and starred state survive restarts and re-fetches.
//
// Times are stored as INTEGER Unix seconds (UTC by definition). Seconds are
// what feeds actually carry, they compare and index cheaply, and they stay
// readable from the sqlite3 shell with datetime(col, 'unixepoch'). A missing
// time is NULL, except items.published: an item without a date is given the
// time it was first seen, so it sorts among its contemporaries and does not
// move on later fetches. Times come back as time.Time in the local zone;
// a NULL comes back as the zero time.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite" // also registers the "sqlite" driver
)

// busyTimeoutMS is how long a connection waits for another connection's
// write lock before giving up with SQLITE_BUSY. Writes here are short (a
// whole feed is one transaction of a few hundred rows), so five seconds is
// far beyond normal contention yet still fails visibly if something hangs.
var busyTimeoutMS = 5000

// testDSN holds extra DSN parameters for every connection, for tests that
// simulate a read-only file ("mode=ro") or a full disk.
var testDSN []string

// ErrNotFound is returned (wrapped) when an item or feed id does not exist.
var ErrNotFound = errors.New("not found")

// ErrSchemaTooNew is returned (wrapped) by Open when the database was written
// by a newer nashra whose schema this code does not know.
var ErrSchemaTooNew = errors.New("database schema is newer than this version of nashra")

// Store is a handle on one database file. It is safe for concurrent use.
//
// It holds two connection pools on the same file. SQLite allows one writer
// at a time whatever we do, so all writes go through a pool of exactly one
// connection: in-process writers then queue in database/sql (honouring their
// contexts) instead of racing for the file lock, and every transaction on it
// starts with BEGIN IMMEDIATE. IMMEDIATE matters for a second process or
// Store on the same file: a deferred transaction that reads and then writes
// must upgrade its lock, and in WAL mode that upgrade fails at once with
// "database is locked" if another writer committed meanwhile — busy_timeout
// is not consulted. Taking the write lock at BEGIN makes every wait go
// through busy_timeout instead. Reads use a separate, query_only pool: with
// WAL, readers never block the writer nor wait for it.
type Store struct {
	path string
	w    *sql.DB // single writer connection
	r    *sql.DB // readers
	now  func() time.Time

	matches searchSizes // the last searches' sizes, for pagePlan
	// walksAbandoned counts pages a walk left to the trigram index (see
	// pageFrom), for the tests.
	walksAbandoned atomic.Int64
}

// Open opens (creating if needed) the database at path, creating its parent
// directory with mode 0700, and brings the schema up to date. It fails with
// ErrSchemaTooNew, without writing to the file, if the database comes from a
// newer version of nashra.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: open: empty path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}

	// Pragmas go in the DSN because busy_timeout and foreign_keys are
	// per-connection settings: the driver applies them to every connection
	// the pool opens, not just the first.
	common := []string{
		fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS),
		"foreign_keys(1)",
	}
	w, err := sql.Open("sqlite", dsn(abs, common, append([]string{"_txlock=immediate"}, testDSN...)...))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)

	r, err := sql.Open("sqlite", dsn(abs, append(common, "query_only(1)"), testDSN...))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)

	s := &Store{path: path, w: w, r: r, now: time.Now}
	if err := s.init(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, Explain(err))
	}
	return s, nil
}

// init checks the schema version, switches to WAL and migrates. The version
// check comes first because switching the journal mode rewrites the file
// header, and a database from a newer nashra must be left exactly as it was.
func (s *Store) init(ctx context.Context) error {
	v, err := userVersion(ctx, s.w)
	if err != nil {
		return err
	}
	if v > latestVersion() {
		return tooNew(v)
	}
	if err := setWAL(ctx, s.w); err != nil {
		// A read-only database keeps its journal mode and can still be
		// read; writes then fail with ErrReadOnly.
		if condition(err) != ErrReadOnly || v != latestVersion() {
			return err
		}
	}
	if v == latestVersion() {
		// Up to date: no write, so that a read-only database opens too.
		return nil
	}
	return migrate(ctx, s.w)
}

// setWAL switches the file to WAL journaling. WAL is persistent, so this
// does real work only on a database's first open; afterwards it is a no-op.
//
// That first switch needs an exclusive lock, and when another process is
// opening the same fresh file at the same moment SQLite may report
// SQLITE_BUSY at once rather than wait in the busy handler (it refuses to
// wait where waiting could deadlock). So BUSY is retried here, within the
// same budget as busy_timeout.
//
// If the filesystem cannot do WAL (some network mounts), SQLite keeps the
// old mode and says so. That is slower for concurrent readers but still
// correct under busy_timeout, so it is not treated as an error.
func setWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(time.Duration(busyTimeoutMS) * time.Millisecond)
	for {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		if err == nil {
			return nil
		}
		if !isBusy(err) || time.Now().After(deadline) {
			return fmt.Errorf("set WAL mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("set WAL mode: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// isBusy reports whether err is SQLITE_BUSY or one of its extended codes.
func isBusy(err error) bool {
	const sqliteBusy = 5 // primary result code; extended codes keep it in the low byte
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqliteBusy
}

// Close releases both connection pools.
func (s *Store) Close() error {
	err := errors.Join(s.r.Close(), s.w.Close())
	if err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

// dsn builds a file: URI for the driver. The path is percent-encoded so a
// '?' or '#' in a directory name cannot be mistaken for URI syntax.
func dsn(abs string, pragmas []string, extra ...string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x -> /C:/x
	}
	q := url.Values{}
	for _, pr := range pragmas {
		q.Add("_pragma", pr)
	}
	for _, kv := range extra {
		k, v, _ := strings.Cut(kv, "=")
		q.Add(k, v)
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String()
}

// unixOrNull converts a time for storage: zero becomes NULL.
func unixOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// fromUnix is the inverse of unixOrNull.
func fromUnix(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(n.Int64, 0)
}
