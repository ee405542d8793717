package feed

import "errors"

// Problem is the kind of trouble that stopped a fetch, for an interface
// that says so in its own language. Error messages themselves stay in
// English, with the detail a bug report needs; ProblemOf lets the
// interface put the common cases in its reader's words.
type Problem int

const (
	ProblemUnknown     Problem = iota // anything else: show the message
	ProblemTimeout                    // the server did not answer in time
	ProblemUnreachable                // no such host, or no connection to it
	ProblemSecurity                   // the secure (TLS) connection failed
	ProblemHTTP                       // the server answered with an error status
	ProblemTooLarge                   // larger than the Fetcher allows
	ProblemNotAFeed                   // not a feed, or an empty document
)

// problemError marks an error with its Problem; its message is the
// error's own.
type problemError struct {
	problem Problem
	status  int // the HTTP status, for ProblemHTTP
	err     error
}

func (e *problemError) Error() string { return e.err.Error() }
func (e *problemError) Unwrap() error { return e.err }

func withProblem(p Problem, status int, err error) error {
	if p == ProblemUnknown {
		return err
	}
	return &problemError{problem: p, status: status, err: err}
}

// ProblemOf returns the kind of trouble err reports and, for ProblemHTTP,
// the status code the server answered with.
func ProblemOf(err error) (Problem, int) {
	var pe *problemError
	if errors.As(err, &pe) {
		return pe.problem, pe.status
	}
	if errors.Is(err, ErrNotAFeed) {
		return ProblemNotAFeed, 0
	}
	return ProblemUnknown, 0
}
