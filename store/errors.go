package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
)

// Conditions of the database file that a person can act on. Errors from
// Open, and from any method once passed through Explain, wrap one of these
// when it applies; their messages say what is wrong in words rather than
// in SQLite's result codes.
var (
	// ErrBusy: another process (another nashra, a `nashra refresh` from
	// cron) held the database's write lock for longer than the busy
	// timeout. Nothing was written; trying again later works.
	ErrBusy = errors.New("the database is busy: another nashra is writing to it; try again in a moment")
	// ErrReadOnly: the file, its directory or the file system is
	// read-only. What is stored can still be read.
	ErrReadOnly = errors.New("the database is read-only (check the permissions of the file and its directory)")
	// ErrDiskFull: the disk (or the database's size limit) is full. The
	// write was rolled back; nothing stored before was lost.
	ErrDiskFull = errors.New("the disk is full; nothing already stored was lost")
	// ErrCorrupt: the file is damaged or is not a nashra database.
	ErrCorrupt = errors.New("the database file is damaged or is not a nashra database")
)

// SQLite primary result codes (the low byte of an extended code).
const (
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteNotADB   = 26
)

// conditionError is an SQLite error classified as one of the conditions
// above. Its message is the condition's; it unwraps to both the condition
// and SQLite's own error.
type conditionError struct {
	cond error
	err  error
}

func (e *conditionError) Error() string   { return e.cond.Error() }
func (e *conditionError) Unwrap() []error { return []error{e.cond, e.err} }

// Explain returns err with its SQLite cause put in words when it is one of
// ErrBusy, ErrReadOnly, ErrDiskFull or ErrCorrupt, keeping whatever
// context err's message gives before the cause ("store: save URL: the
// disk is full; …"); any other error comes back as it is. It is for
// messages shown to people; errors.Is works on the result with both the
// condition and the original error.
func Explain(err error) error {
	if err == nil {
		return nil
	}
	var ce *conditionError
	if errors.As(err, &ce) {
		return err
	}
	cond := condition(err)
	if cond == nil {
		return err
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return &conditionError{cond: cond, err: err}
	}
	// Keep the context around SQLite's message and replace the message.
	msg, cause := err.Error(), se.Error()
	prefix, _, found := strings.Cut(msg, cause)
	if !found || prefix == "" {
		return &conditionError{cond: cond, err: err}
	}
	return &prefixedError{prefix: prefix, inner: &conditionError{cond: cond, err: err}}
}

// prefixedError is a conditionError with the context that led to it.
type prefixedError struct {
	prefix string
	inner  error
}

func (e *prefixedError) Error() string { return e.prefix + e.inner.Error() }
func (e *prefixedError) Unwrap() error { return e.inner }

// condition classifies err: one of the condition errors, or nil.
func condition(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch se.Code() & 0xff {
	case sqliteBusy, sqliteLocked:
		return ErrBusy
	case sqliteReadOnly:
		return ErrReadOnly
	case sqliteFull:
		return ErrDiskFull
	case sqliteCorrupt, sqliteNotADB:
		return ErrCorrupt
	case sqliteCantOpen:
		return fmt.Errorf("cannot open the database file (check that its directory exists and is writable)")
	case sqliteIOErr:
		return fmt.Errorf("the disk reported an error reading or writing the database")
	}
	return nil
}

// IsBusy reports whether err is the database being busy (see ErrBusy).
func IsBusy(err error) bool {
	return errors.Is(err, ErrBusy) || isBusy(err)
}

// Check runs SQLite's integrity check over the whole database and returns
// nil if it finds nothing wrong, else an error wrapping ErrCorrupt that
// quotes the first problems it reports. It reads every page: seconds on a
// large database.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("store: check %s: %w", s.path, Explain(err))
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("store: check %s: %w", s.path, Explain(err))
		}
		if line != "ok" && len(problems) < 5 {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: check %s: %w", s.path, Explain(err))
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: check %s: %w: %s", s.path, ErrCorrupt, strings.Join(problems, "; "))
	}
	return nil
}
