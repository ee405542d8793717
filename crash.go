package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"
	"github.com/charmbracelet/colorprofile"

	"nashra/render"
	"nashra/sanitize"
)

// wrapModel wraps the reader's model before it runs; tests built with the
// nashra_test_panic tag use it to make the model panic on demand.
var wrapModel = func(m tea.Model) tea.Model { return m }

// runTUI runs the reader in the terminal and leaves the terminal as it
// found it however the reader ends.
//
// bubbletea recovers a panic in the model or in a command, restores the
// terminal (main screen, cursor, input modes) and returns ErrProgramPanic;
// withExplicitBidi then puts the terminal back in implicit bidi mode
// (CSI 8 h). bubbletea also writes the panic and its stack to os.Stderr,
// while the screen is still the reader's; so for as long as the reader
// runs, os.Stderr is a file, and afterwards nashra says what happened in
// one line on the real standard error and keeps the details in a crash
// report. Anything else written to os.Stderr meanwhile, which would have
// scribbled over the screen, is passed on once the screen is restored.
func runTUI(model tea.Model, out *frameWatch, colors colorprofile.Profile, opts render.Options, stderr io.Writer) error {
	capture, cerr := os.CreateTemp("", "nashra-stderr-*.log")
	if cerr == nil {
		saved := os.Stderr
		os.Stderr = capture
		defer func() {
			os.Stderr = saved
			capture.Close()
			os.Remove(capture.Name())
		}()
	}
	err := withExplicitBidi(opts, func() error {
		// bubbletea (third_party/bubbletea) draws a new view at once, at
		// most once per frame interval, and on its ticker at this rate
		// besides.
		_, err := tea.NewProgram(wrapModel(model), tea.WithFPS(120), tea.WithOutput(out), tea.WithColorProfile(colors)).Run()
		return err
	})
	var captured []byte
	if cerr == nil {
		captured, _ = os.ReadFile(capture.Name())
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		return panicError(captured)
	}
	if len(captured) > 0 {
		stderr.Write(captured)
	}
	return err
}

// internalError is a panic turned into one line, with where its details
// were saved.
type internalError struct {
	what     string
	restored bool   // the reader was running: its terminal has been restored
	report   string // the crash report's path, or ""
}

func (e *internalError) Error() string {
	var notes []string
	if e.restored {
		notes = append(notes, "the terminal has been restored")
	}
	if e.report != "" {
		notes = append(notes, "details in "+e.report)
	}
	msg := "internal error: " + e.what
	if len(notes) > 0 {
		msg += " (" + strings.Join(notes, "; ") + ")"
	}
	return msg
}

// panicError reads bubbletea's panic report — "Caught panic:", the
// value, "Restoring terminal...", the stack — and saves it as a crash
// report.
func panicError(report []byte) error {
	text := strings.ReplaceAll(string(report), "\r\n", "\n")
	what := "a panic"
	if _, rest, ok := strings.Cut(text, "Caught panic:"); ok {
		value, _, _ := strings.Cut(strings.TrimLeft(rest, "\n"), "\n\nRestoring terminal")
		if v := oneLineOf(value); v != "" {
			what = v
		}
	}
	return &internalError{what: what, restored: true, report: saveCrashReport(text)}
}

// recoverMain turns a panic outside the reader's event loop into one line
// on standard error and exit code 70 (EX_SOFTWARE), with its stack in a
// crash report. The terminal is in its normal state there: only the event
// loop changes it, bubbletea restores it from a panic of its own, and
// withExplicitBidi's deferred CSI 8 h runs as the panic unwinds.
func recoverMain(code *int) {
	r := recover()
	if r == nil {
		return
	}
	err := &internalError{what: oneLineOf(fmt.Sprint(r))}
	err.report = saveCrashReport(fmt.Sprintf("panic: %v\n\n%s", r, debug.Stack()))
	fmt.Fprintln(os.Stderr, "nashra:", err)
	*code = 70
}

func oneLineOf(s string) string {
	return strings.Join(strings.Fields(sanitize.Line(s)), " ")
}

// saveCrashReport writes text to a new file in nashra's state directory
// (else the temporary directory) and returns its path, or "" if it could
// not.
func saveCrashReport(text string) string {
	name := "crash-" + time.Now().Format("20060102-150405") + "-*.log"
	for _, dir := range []string{filepath.Join(xdg.StateHome, "nashra"), os.TempDir()} {
		if os.MkdirAll(dir, 0o700) != nil {
			continue
		}
		f, err := os.CreateTemp(dir, name)
		if err != nil {
			continue
		}
		_, werr := f.WriteString(text)
		if cerr := f.Close(); werr == nil && cerr == nil {
			return f.Name()
		}
		os.Remove(f.Name())
	}
	return ""
}
