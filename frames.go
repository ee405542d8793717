package main

import (
	"bytes"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// Start-up is arranged so that the first thing the terminal shows is the
// list, as soon as it can be: the model knows the window's size before
// bubbletea starts, so the first frame drawn is the whole screen (bubbletea
// would otherwise draw an empty frame and tell the size a moment later),
// and fetching waits until that frame is on the terminal.

// terminalColors is how many colours the terminal on stdout shows.
// lipgloss works it out as the program starts (its Writer, a package
// variable, detects the profile of stdout; in tmux that runs "tmux info"),
// so nashra takes its answer rather than detecting a second time.
func terminalColors() colorprofile.Profile {
	return lipgloss.Writer.Profile
}

// sizedForTerminal gives the model the size of the terminal on out, if it
// is one.
func sizedForTerminal(m tea.Model, out *os.File) tea.Model {
	w, h, err := term.GetSize(out.Fd())
	if err != nil || w <= 0 || h <= 0 {
		return m
	}
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// frameWatch is the reader's terminal output. It closes Shown once the
// first frame has been written: the frame that switches the terminal to
// the alternate screen, which the reader's first frame does. Should that
// never be seen, Shown closes after a fallback delay anyway, so that
// nothing waits on it for ever.
type frameWatch struct {
	*os.File // bubbletea needs the file itself: its descriptor, reads, size
	once     sync.Once
	shown    chan struct{}
}

func newFrameWatch(out *os.File, fallback time.Duration) *frameWatch {
	w := &frameWatch{File: out, shown: make(chan struct{})}
	time.AfterFunc(fallback, w.done)
	return w
}

// Shown is closed once the first frame is on the terminal.
func (w *frameWatch) Shown() <-chan struct{} { return w.shown }

func (w *frameWatch) done() { w.once.Do(func() { close(w.shown) }) }

func (w *frameWatch) Write(p []byte) (int, error) {
	n, err := w.File.Write(p)
	select {
	case <-w.shown: // seen already: later frames are not searched
	default:
		if bytes.Contains(p, []byte(ansi.SetModeAltScreenSaveCursor)) {
			w.done()
		}
	}
	return n, err
}
