package main

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// counter is a model whose view shows how many keys it has seen: "aaaa"
// for none, "bbbb" for one, and so on (the renderer writes only the cells
// that change, so each view has no cell in common with the one before).
type counter struct{ n int }

func (c counter) Init() tea.Cmd { return nil }

func (c counter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if k.String() == "q" {
			return c, tea.Quit
		}
		c.n++
	}
	return c, nil
}

func (c counter) View() tea.View { return tea.NewView(counterScreen(c.n)) }

func counterScreen(n int) string { return strings.Repeat(string(rune('a'+n)), 4) }

// screenLog is the program's output, with a way to wait for some text.
type screenLog struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func (s *screenLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

// waitFor returns how long it took until the output contained want, or
// fails after limit.
func (s *screenLog) waitFor(t *testing.T, want string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	deadline := time.After(limit)
	for {
		s.mu.Lock()
		found := strings.Contains(s.buf.String(), want)
		s.mu.Unlock()
		if found {
			return time.Since(start)
		}
		select {
		case <-s.changed:
		case <-deadline:
			t.Fatalf("%q not drawn within %v", want, limit)
		}
	}
}

// TestKeyDrawnBeforeTick checks the patch in third_party/bubbletea: a view
// is drawn as soon as Update and View have run, not on the renderer's next
// tick. At one frame a second, unpatched bubbletea draws the first frame a
// second after start and the key's frame a second after that; the limits
// here are half of that, hundreds of times what the drawing takes.
func TestKeyDrawnBeforeTick(t *testing.T) {
	in, keys, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &screenLog{changed: make(chan struct{}, 1)}
	p := tea.NewProgram(counter{},
		tea.WithFPS(1),
		tea.WithInput(in),
		tea.WithOutput(out),
		tea.WithWindowSize(20, 3),
		tea.WithEnvironment([]string{"TERM=xterm-256color"}),
	)
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	t.Cleanup(func() {
		// Quit rather than Kill: Kill closes the input while bubbletea's
		// reader may still be using it (a data race in the library).
		p.Quit()
		<-done
		keys.Close()
	})

	out.waitFor(t, counterScreen(0), 500*time.Millisecond)
	// The renderer draws at once at most once per frame interval: the key
	// comes after one, and between two ticks.
	time.Sleep(1100 * time.Millisecond)
	if _, err := keys.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, counterScreen(1), 500*time.Millisecond)
}

// sizeRecorder remembers the window size it was given.
type sizeRecorder struct{ w, h int }

func (s sizeRecorder) Init() tea.Cmd { return nil }
func (s sizeRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		s.w, s.h = ws.Width, ws.Height
	}
	return s, nil
}
func (s sizeRecorder) View() tea.View { return tea.NewView("") }

func shown(w *frameWatch) bool {
	select {
	case <-w.Shown():
		return true
	default:
		return false
	}
}

func TestFrameWatchClosesOnTheFirstFrame(t *testing.T) {
	file, err := os.CreateTemp(t.TempDir(), "terminal")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	w := newFrameWatch(file, time.Hour)
	// bubbletea's queries go out before the first frame.
	w.Write([]byte("\x1b[?2026$p\x1b[?2027$p"))
	if shown(w) {
		t.Fatal("closed before any frame")
	}
	w.Write([]byte("\x1b[?1049h\x1b[?25l\x1b[Hnashra · all items"))
	if !shown(w) {
		t.Fatal("not closed after the frame that enters the alternate screen")
	}
	w.Write([]byte("\x1b[?1049h")) // again, after a suspend: no second close
	got, _ := os.ReadFile(file.Name())
	if !strings.HasSuffix(string(got), "all items\x1b[?1049h") {
		t.Errorf("the writes did not all reach the file: %q", got)
	}
}

func TestFrameWatchFallsBack(t *testing.T) {
	file, err := os.CreateTemp(t.TempDir(), "terminal")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	w := newFrameWatch(file, 10*time.Millisecond)
	select {
	case <-w.Shown():
	case <-time.After(5 * time.Second):
		t.Fatal("never closed without a frame")
	}
}
