//go:build linux

package main

// The reader run as a person runs it — the real binary, in a pseudo-
// terminal of 100×30, TERM=xterm-256color — on the hostile corpus: what it
// writes to the terminal must hold no escape sequence from feed data, and
// however it ends (q, or a panic) the terminal must be given back.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"
)

// openPTY opens a pseudo-terminal pair of the given size.
func openPTY(cols, rows uint16) (master, tty *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	ioctl := func(f *os.File, req uintptr, arg unsafe.Pointer) error {
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
			return errno
		}
		return nil
	}
	var unlock int32
	var n uint32
	if err = ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err == nil {
		err = ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n))
	}
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	ws := struct{ row, col, x, y uint16 }{rows, cols, 0, 0}
	if err = ioctl(tty, syscall.TIOCSWINSZ, unsafe.Pointer(&ws)); err != nil {
		master.Close()
		tty.Close()
		return nil, nil, err
	}
	return master, tty, nil
}

// ptyRun is nashra running in a pseudo-terminal.
type ptyRun struct {
	t      *testing.T
	cmd    *exec.Cmd
	master *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	done   chan struct{}
	err    error
}

func startInPTY(t *testing.T, bin, dir string, args ...string) *ptyRun {
	t.Helper()
	master, tty, err := openPTY(100, 30)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = isolatedEnv(dir, "TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	r := &ptyRun{t: t, cmd: cmd, master: master, done: make(chan struct{})}
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := master.Read(buf)
			r.mu.Lock()
			r.out.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() {
		r.err = cmd.Wait()
		close(r.done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-r.done
		master.Close()
	})
	return r
}

func (r *ptyRun) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String()
}

// waitFor waits until the output contains s.
func (r *ptyRun) waitFor(s string, timeout time.Duration) {
	r.t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(r.output(), s) {
		if time.Now().After(deadline) {
			r.t.Fatalf("no %q after %v; output so far:\n%q", s, timeout, r.output())
		}
		select {
		case <-r.done:
			if !strings.Contains(r.output(), s) {
				r.t.Fatalf("nashra exited (%v) before %q; output:\n%q", r.err, s, r.output())
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (r *ptyRun) send(keys string, pause time.Duration) {
	r.t.Helper()
	if _, err := r.master.WriteString(keys); err != nil {
		r.t.Fatalf("send %q: %v", keys, err)
	}
	time.Sleep(pause)
}

// quit presses q until nashra exits (q in an article goes back to the
// list first).
func (r *ptyRun) quit() {
	for range 5 {
		r.send("q", 0)
		select {
		case <-r.done:
			return
		case <-time.After(time.Second):
		}
	}
}

func (r *ptyRun) wait(timeout time.Duration) error {
	r.t.Helper()
	select {
	case <-r.done:
	case <-time.After(timeout):
		r.t.Fatalf("nashra did not exit within %v; output:\n%q", timeout, r.output())
	}
	// Let the reader drain what was written before the exit.
	time.Sleep(50 * time.Millisecond)
	return r.err
}

var (
	oscRE = regexp.MustCompile(`\x1b\](\d*);([^\x07\x1b]*)(\x07|\x1b\\)`)
	// The escape sequences that introduce a control string nashra never
	// sends of its own: DCS, SOS, PM, APC.
	stringRE = regexp.MustCompile(`\x1b[PX^_]`)
)

// checkTerminalStream fails if the raw output holds anything from a feed
// that acts on the terminal.
func checkTerminalStream(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(out, "PWNED") {
		i := strings.Index(out, "PWNED")
		t.Errorf("a feed's escape sequence payload reached the terminal: …%q…", out[max(0, i-60):min(len(out), i+40)])
	}
	for _, m := range oscRE.FindAllStringSubmatch(out, -1) {
		switch code, arg := m[1], m[2]; {
		case code == "0" || code == "2":
			if arg != "nashra" && arg != "" { // its own title, and its reset on exit
				t.Errorf("window title set to %q", arg)
			}
		case code == "8":
			_, target, _ := strings.Cut(arg, ";")
			if target != "" && !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") && !strings.HasPrefix(target, "mailto:") {
				t.Errorf("a hyperlink to %q", target)
			}
		case code == "52":
			t.Errorf("the clipboard was written: %q", m[0])
		case strings.HasSuffix(arg, "?") && (code == "10" || code == "11" || code == "12"):
			// bubbletea asking the terminal for its colours
		default:
			t.Errorf("unexpected OSC %s: %q", code, m[0])
		}
	}
	if loc := stringRE.FindStringIndex(out); loc != nil {
		t.Errorf("a DCS, SOS, PM or APC string reached the terminal: %q", out[loc[0]:min(len(out), loc[0]+30)])
	}
	if strings.Contains(out, "\x1bc") {
		t.Error("ESC c (reset the terminal) reached it")
	}
	for i, r := range out {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(out[i:]); size == 1 {
				t.Errorf("an invalid UTF-8 byte %#x reached the terminal", out[i])
				return
			}
		case r >= 0x80 && r <= 0x9f:
			t.Errorf("the C1 control %U reached the terminal: …%q…", r, out[max(0, i-30):min(len(out), i+30)])
			return
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			t.Errorf("the bidi control %U reached the terminal", r)
			return
		}
	}
}

// Reading the whole hostile corpus in a terminal: the list, then every
// article, changes nothing of the terminal but what nashra itself draws.
func TestReaderInPTYOnHostileCorpus(t *testing.T) {
	t.Parallel()
	bin := buildNashra(t)
	dir := t.TempDir()
	files, err := filepath.Glob("testdata/hostile/*.xml")
	if err != nil {
		t.Fatal(err)
	}
	json, _ := filepath.Glob("testdata/hostile/*.json")
	args := append([]string{"--db", filepath.Join(dir, "nashra.db")}, append(files, json...)...)
	r := startInPTY(t, bin, dir, args...)
	r.waitFor(" unread", 15*time.Second) // the status bar: the list is drawn
	time.Sleep(300 * time.Millisecond)   // the feeds that fail report it
	// Open every article in turn: Enter opens, h goes back (Esc would
	// read as Alt with the key after it), j moves on.
	for range 24 {
		r.send("\r", 80*time.Millisecond)
		r.send("h", 50*time.Millisecond)
		r.send("j", 10*time.Millisecond)
	}
	r.send("h", 200*time.Millisecond)
	r.quit()
	if err := r.wait(10 * time.Second); err != nil {
		t.Errorf("nashra exited with %v; output tail:\n%q", err, tail(r.output(), 400))
	}
	out := r.output()
	checkTerminalStream(t, out)
	// The list and the articles were drawn.
	for _, want := range []string{"Window title and again", "Atom entry one", "JSON clipboard", "Second paragraph, untouched", "a-file-link"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q was never drawn", want)
		}
	}
	checkRestored(t, out)
}

// A panic in the reader gives the terminal back — main screen, cursor,
// implicit bidi mode — and says what happened in one line on standard
// error, keeping the stack trace in a crash report.
func TestReaderInPTYPanicRestoresTerminal(t *testing.T) {
	t.Parallel()
	bin := buildNashra(t, "nashra_test_panic")
	dir := t.TempDir()
	r := startInPTY(t, bin, dir, "--db", filepath.Join(dir, "nashra.db"), "testdata/hostile/rlo.xml")
	r.waitFor("RLO", 15*time.Second)
	time.Sleep(200 * time.Millisecond)
	drawn := len(r.output())
	r.send("P", 0)
	err := r.wait(10 * time.Second)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want exit code 1", err)
	}
	out := r.output()
	after := out[drawn:]
	checkRestored(t, after)
	line := regexp.MustCompile(`nashra: internal error: test panic: the P key second line \(the terminal has been restored; details in ([^)\r\n]+)\)\r?\n`).FindStringSubmatch(after)
	if line == nil {
		t.Fatalf("no one-line report of the panic after it; output after the key:\n%q", after)
	}
	if strings.Contains(after, "goroutine ") || strings.Contains(after, "Caught panic") {
		t.Errorf("the stack trace went to the terminal:\n%q", after)
	}
	report, err := os.ReadFile(line[1])
	if err != nil || !strings.Contains(string(report), "test panic: the P key") || !strings.Contains(string(report), "goroutine ") {
		t.Errorf("crash report %s: %v\n%.300s", line[1], err, report)
	}
	if !strings.HasPrefix(line[1], filepath.Join(dir, "state", "nashra")) {
		t.Errorf("crash report at %s, want it in $XDG_STATE_HOME/nashra", line[1])
	}
}

// SIGTERM (a shutdown, a kill from another terminal) is an exit path too.
func TestReaderInPTYSIGTERMRestoresTerminal(t *testing.T) {
	t.Parallel()
	bin := buildNashra(t)
	dir := t.TempDir()
	r := startInPTY(t, bin, dir, "--db", filepath.Join(dir, "nashra.db"), "testdata/hostile/rlo.xml")
	r.waitFor(" unread", 15*time.Second)
	time.Sleep(200 * time.Millisecond)
	drawn := len(r.output())
	r.cmd.Process.Signal(syscall.SIGTERM)
	r.wait(10 * time.Second)
	checkRestored(t, r.output()[drawn:])
}

// checkRestored fails unless out, the end of a run, leaves the alternate
// screen, shows the cursor and returns the terminal to implicit bidi mode,
// in that order of importance: after the last time the reader drew.
func checkRestored(t *testing.T, out string) {
	t.Helper()
	last := strings.LastIndex(out, "\x1b[?1049h")
	rest := out[max(last, 0):]
	for seq, what := range map[string]string{
		"\x1b[?1049l": "leave the alternate screen",
		"\x1b[?25h":   "show the cursor",
		"\x1b[8h":     "return to implicit bidi mode (CSI 8 h)",
	} {
		if !strings.Contains(rest, seq) {
			t.Errorf("the terminal was not told to %s (%q); output tail:\n%q", what, seq, tail(out, 300))
		}
	}
	if i, j := strings.LastIndex(out, "\x1b[8h"), strings.LastIndex(out, "\x1b[8l"); i < j {
		t.Error("explicit bidi mode (CSI 8 l) is left on")
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
