package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

type meter struct {
	t *tmuxCtl
	o options
}

// floorResult is what tmux itself costs: a capture-pane round trip; a key
// sent to a pane running cat until the terminal's echo of it is seen (the
// kernel echoes); and the same through a program, cat with the terminal in
// raw mode, which reads the key and writes it back as a reader would. A
// reader's key press cannot be seen faster than that. start is the same
// for starting a program: from respawn-pane to a line cat prints from a
// file (and then waits on the terminal); no reader can show its first
// frame sooner.
//
// tea is a key press in bench/teafloor: a bubbletea program, the same
// bubbletea at the same frame rate as nashra, whose Down changes the same
// three lines of a full screen as nashra's does; nashra cannot do less.
// teaRSSKiB is its peak RSS and teaStart the time from its start to its
// first frame: it links the libraries nashra is built on (glamour, gofeed,
// SQLite…) without using them, so these are what that stack costs.
type floorResult struct {
	capture, echo, rawEcho, start, tea, teaStart time.Duration
	teaRSSKiB                                    int
}

// result holds one reader's measurements.
type result struct {
	name                            string
	first, head, settled, down500   []time.Duration
	keys                            []time.Duration
	down500OK                       bool
	rssKiB                          int
	firstMarker, headMarker, opened string
}

const floorSamples = 50

func (m *meter) floor() (floorResult, error) {
	var f floorResult
	if err := m.reset(""); err != nil {
		return f, err
	}
	var caps []time.Duration
	for range 4 * floorSamples {
		start := time.Now()
		if _, err := m.t.capture(true); err != nil {
			return f, err
		}
		caps = append(caps, time.Since(start))
	}
	var echoes []time.Duration
	for range floorSamples {
		d, err := m.keyPress("x")
		if err != nil {
			return f, err
		}
		echoes = append(echoes, d)
	}
	if err := m.t.respawn([]string{"sh", "-c", "stty raw -echo && exec cat"}, nil); err != nil {
		return f, err
	}
	time.Sleep(200 * time.Millisecond) // for stty to have run
	var raw []time.Duration
	for range floorSamples {
		d, err := m.keyPress("x")
		if err != nil {
			return f, err
		}
		raw = append(raw, d)
	}
	screen := filepath.Join(m.o.work, "floor-screen.txt")
	const marker = "floor: a screen printed at once"
	if err := writeFile(screen, marker+"\n"); err != nil {
		return f, err
	}
	var starts []time.Duration
	for range floorSamples / 2 {
		if err := m.reset(marker); err != nil {
			return f, err
		}
		m.drainOutput()
		start := time.Now()
		// "-": then read the terminal, as a reader does, rather than exit.
		if err := m.t.respawn([]string{"cat", screen, "-"}, nil); err != nil {
			return f, err
		}
		d, _, err := m.waitFor(start, false, m.o.timeout, contains(marker), "the floor's screen")
		if err != nil {
			return f, err
		}
		starts = append(starts, d)
	}
	f.capture, f.echo, f.rawEcho, f.start = median(caps), median(echoes), median(raw), median(starts)
	if m.o.teafloor == "" {
		return f, nil
	}
	if err := m.reset(""); err != nil {
		return f, err
	}
	timeReport := filepath.Join(m.o.work, "teafloor-time-v.txt")
	if err := m.t.respawn([]string{"/usr/bin/time", "-v", "-o", timeReport, m.o.teafloor}, nil); err != nil {
		return f, err
	}
	if _, _, err := m.waitFor(time.Now(), false, m.o.timeout, contains("teafloor: headline"), "teafloor's screen"); err != nil {
		return f, err
	}
	var teas []time.Duration
	for range floorSamples {
		d, err := m.keyPress("Down")
		if err != nil {
			return f, err
		}
		teas = append(teas, d)
	}
	f.tea = median(teas)
	if err := m.stop(&app{name: "teafloor", quit: "q"}); err != nil {
		return f, err
	}
	rss, err := maxRSS(timeReport)
	if err != nil {
		return f, err
	}
	f.teaRSSKiB = rss
	// Its start: from respawn-pane to its screen.
	teafloor := &app{name: "teafloor", quit: "q"}
	var teaStarts []time.Duration
	for range floorSamples / 5 {
		if err := m.reset("teafloor: headline"); err != nil {
			return f, err
		}
		m.drainOutput()
		start := time.Now()
		if err := m.t.respawn([]string{m.o.teafloor}, nil); err != nil {
			return f, err
		}
		d, _, err := m.waitFor(start, false, m.o.timeout, contains("teafloor: headline"), "teafloor's screen")
		if err != nil {
			return f, err
		}
		teaStarts = append(teaStarts, d)
		if err := m.stop(teafloor); err != nil {
			return f, err
		}
	}
	f.teaStart = median(teaStarts)
	return f, nil
}

// measure runs a once to warm the page cache and measure its peak RSS,
// then o.runs times for the timings.
func (m *meter) measure(a *app) (result, error) {
	r := result{name: a.name, down500OK: true, firstMarker: a.first, headMarker: a.headline, opened: a.open}
	for _, d := range []string{"home", "data", "config"} {
		if err := os.MkdirAll(filepath.Join(a.work, d), 0o755); err != nil {
			return r, err
		}
	}
	for run := 0; run <= m.o.runs; run++ {
		warmup := run == 0
		label := fmt.Sprintf("run %d/%d", run, m.o.runs)
		if warmup {
			label = "warm-up run (peak RSS)"
		}
		fmt.Fprintf(os.Stderr, "tui: %s: %s\n", a.name, label)
		s, err := m.session(a, warmup)
		if err != nil {
			return r, fmt.Errorf("%s: %w", label, err)
		}
		if warmup {
			r.rssKiB = s.rssKiB
			continue
		}
		r.first = append(r.first, s.first)
		r.head = append(r.head, s.head)
		r.settled = append(r.settled, s.settled)
		r.down500 = append(r.down500, s.down500)
		r.keys = append(r.keys, s.keys...)
		r.down500OK = r.down500OK && s.down500OK
	}
	return r, nil
}

type sample struct {
	first, head, settled, down500 time.Duration
	keys                          []time.Duration
	down500OK                     bool
	rssKiB                        int
}

// session is one run of a, from start to quit.
func (m *meter) session(a *app, wrapTime bool) (s sample, err error) {
	if err := m.reset(a.first); err != nil {
		return s, err
	}
	argv := a.argv
	timeReport := filepath.Join(a.work, "time-v.txt")
	if wrapTime {
		// GNU time's report goes to a file: the pane is the reader's.
		os.Remove(timeReport)
		argv = append([]string{"/usr/bin/time", "-v", "-o", timeReport}, argv...)
	}
	// However this run ends, the reader is gone before the next one.
	defer func() {
		if rerr := m.stop(a); rerr != nil && err == nil {
			err = rerr
		}
		if err == nil && wrapTime {
			s.rssKiB, err = maxRSS(timeReport)
		}
	}()

	m.drainOutput()
	start := time.Now()
	if err := m.t.respawn(argv, a.env); err != nil {
		return s, err
	}
	if s.first, _, err = m.waitFor(start, false, m.o.timeout, contains(a.first), "first frame ("+a.first+")"); err != nil {
		return s, err
	}
	s.head = s.first
	if a.open != "" {
		if err := m.t.sendKeys(1, a.open); err != nil {
			return s, err
		}
		if s.head, _, err = m.waitFor(start, false, m.o.timeout, contains(a.headline), "headlines ("+a.headline+")"); err != nil {
			return s, err
		}
	}

	// Start-up work (nashra's refresh and the reload after it) must be over
	// before keys are timed: idle is no busy sign, the ready sign, and no
	// change for 0.5 s.
	idle := func(screen string) bool {
		return (a.busy == nil || !a.busy.MatchString(screen)) && (a.ready == nil || a.ready.MatchString(screen))
	}
	if s.settled, _, err = m.waitQuiet(start, "", 500*time.Millisecond, m.o.settleTimeout, idle, "the end of start-up work"); err != nil {
		return s, err
	}

	// 500 × Down from the top, sent at once (tmux send-keys -N 500): the
	// time until the screen last changed, once it shows the 501st item
	// selected and has been still for a second. A screen still for 10 s
	// without it ends the wait too, marked as not seen.
	before, err := m.t.capture(true)
	if err != nil {
		return s, err
	}
	t0 := time.Now()
	if err := m.t.sendKeys(500, "Down"); err != nil {
		return s, err
	}
	if s.down500, s.down500OK, err = m.waitDown500(t0, before, a.at501); err != nil {
		return s, err
	}

	// Single key presses (Down unless -key), each after the screen has been still for
	// 100 ms, timed to the first change of the screen.
	for range m.o.keys {
		d, err := m.keyPress(m.o.key)
		if err != nil {
			return s, err
		}
		s.keys = append(s.keys, d)
	}
	return s, nil
}

func (m *meter) waitDown500(start time.Time, before string, at501 *regexp.Regexp) (time.Duration, bool, error) {
	deadline := start.Add(m.o.timeout)
	timer := time.NewTimer(m.o.poll)
	defer timer.Stop()
	cur, changed, last := before, false, start
	for {
		screen, err := m.t.capture(true)
		if err != nil {
			return 0, false, err
		}
		now := time.Now()
		if screen != cur {
			cur, changed, last = screen, true, now
		}
		if changed {
			still := now.Sub(last)
			if still >= time.Second && at501.MatchString(stripEscapes(screen)) {
				return last.Sub(start), true, nil
			}
			if still >= 10*time.Second {
				return last.Sub(start), false, nil
			}
		}
		if now.After(deadline) {
			return 0, false, fmt.Errorf("gave up waiting %v for 500 × Down to end; the screen was:\n%s", m.o.timeout, screenSummary(m))
		}
		m.sleep(timer)
	}
}

// keyPress sends one key and returns the time until the screen (with its
// colours: a moved selection may change nothing else) differs, then waits
// for it to be still again.
func (m *meter) keyPress(key string) (time.Duration, error) {
	before, err := m.t.capture(true)
	if err != nil {
		return 0, err
	}
	m.drainOutput()
	start := time.Now()
	if err := m.t.sendKeys(1, key); err != nil {
		return 0, err
	}
	d, _, err := m.waitFor(start, true, m.o.timeout, func(s string) bool { return s != before }, "the screen to change after "+key)
	if err != nil {
		return 0, err
	}
	if _, _, err := m.waitQuiet(time.Now(), "", 100*time.Millisecond, m.o.timeout, nil, "the screen to settle after "+key); err != nil {
		return 0, err
	}
	return d, nil
}

// waitFor captures the pane whenever it has written something, and at
// least every o.poll, until ok accepts the screen; it returns the time
// from start to that capture.
func (m *meter) waitFor(start time.Time, escapes bool, timeout time.Duration, ok func(string) bool, what string) (time.Duration, string, error) {
	deadline := start.Add(timeout)
	timer := time.NewTimer(m.o.poll)
	defer timer.Stop()
	for {
		screen, err := m.t.capture(escapes)
		if err != nil {
			return 0, "", err
		}
		now := time.Now()
		if ok(screen) {
			return now.Sub(start), screen, nil
		}
		if now.After(deadline) {
			return 0, "", fmt.Errorf("gave up waiting %v for %s; the screen was:\n%s", timeout, what, screenSummary(m))
		}
		m.sleep(timer)
	}
}

// waitQuiet waits until the screen (with colours) has been unchanged for
// quiet and ok accepts it, and returns the time from start to its last
// change. If before is given, the screen must first differ from it.
func (m *meter) waitQuiet(start time.Time, before string, quiet, timeout time.Duration, ok func(string) bool, what string) (time.Duration, string, error) {
	deadline := start.Add(timeout)
	timer := time.NewTimer(m.o.poll)
	defer timer.Stop()
	cur, changed, last := before, before == "", start
	for {
		screen, err := m.t.capture(true)
		if err != nil {
			return 0, "", err
		}
		now := time.Now()
		if screen != cur {
			cur, changed, last = screen, true, now
		}
		if changed && now.Sub(last) >= quiet && (ok == nil || ok(stripEscapes(screen))) {
			return last.Sub(start), screen, nil
		}
		if now.After(deadline) {
			return 0, "", fmt.Errorf("gave up waiting %v for %s; the screen was:\n%s", timeout, what, screenSummary(m))
		}
		m.sleep(timer)
	}
}

// sleep waits until the pane writes or o.poll passes.
func (m *meter) sleep(timer *time.Timer) {
	timer.Reset(m.o.poll)
	select {
	case <-m.t.output:
	case <-timer.C:
	}
}

func (m *meter) drainOutput() {
	select {
	case <-m.t.output:
	default:
	}
}

// reset puts cat in the pane, on a clean screen that no longer shows
// marker, so that a run cannot see the previous run's frame.
func (m *meter) reset(marker string) error {
	if err := m.t.respawn([]string{"cat"}, nil); err != nil {
		return err
	}
	if _, err := m.t.run("clear-history -t " + pane); err != nil {
		return err
	}
	_, _, err := m.waitFor(time.Now(), false, 5*time.Second, func(s string) bool {
		return marker == "" || !strings.Contains(s, marker)
	}, "a clean pane")
	return err
}

// stop quits a with its quit key and waits for it to exit (the report of
// /usr/bin/time is written only then); if it does not, it is killed.
func (m *meter) stop(a *app) error {
	if dead, err := m.t.paneDead(); err != nil || dead {
		return err
	}
	if err := m.t.sendKeys(1, a.quit); err != nil {
		return err
	}
	deadline := time.Now().Add(m.o.timeout)
	for time.Now().Before(deadline) {
		dead, err := m.t.paneDead()
		if err != nil {
			return err
		}
		if dead {
			return nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	m.t.respawn([]string{"cat"}, nil) // -k kills it
	return fmt.Errorf("%s did not quit within %v of %q; killed", a.name, m.o.timeout, a.quit)
}

var rssRe = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

func maxRSS(report string) (int, error) {
	b, err := os.ReadFile(report)
	if err != nil {
		return 0, fmt.Errorf("peak RSS: %w", err)
	}
	mm := rssRe.FindSubmatch(b)
	if mm == nil {
		return 0, fmt.Errorf("peak RSS: no maximum resident set size in %s:\n%s", report, b)
	}
	return strconv.Atoi(string(mm[1]))
}

func contains(s string) func(string) bool {
	return func(screen string) bool { return strings.Contains(screen, s) }
}

var escRe = regexp.MustCompile(`\x1b\[[0-9;:?]*[a-zA-Z]`)

func stripEscapes(s string) string { return escRe.ReplaceAllString(s, "") }

// screenSummary is the current screen, trimmed, for an error message.
func screenSummary(m *meter) string {
	s, err := m.t.capture(false)
	if err != nil {
		return "(capture failed: " + err.Error() + ")"
	}
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimRight(l, " "); l != "" {
			lines = append(lines, "  | "+l)
		}
	}
	return strings.Join(lines, "\n")
}
