package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// tmuxCtl drives a private tmux server through one control-mode client
// (tmux -C): commands are written as lines and answered in %begin … %end
// blocks, so a capture-pane costs a pipe round trip instead of starting a
// tmux process. The client is attached to the session it measures, so tmux
// also tells it, with %output, whenever the pane has written something: a
// poll then runs as soon as there is something new to see.
type tmuxCtl struct {
	socket  string
	path    string // the socket file, which kill-server leaves behind
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	replies chan reply
	output  chan struct{} // a pane wrote; buffered 1, never blocks tmux
	mu      sync.Mutex    // one command in flight at a time
	done    chan struct{} // the client's output ended

	recentMu sync.Mutex
	recent   []string // the last lines from tmux, for a diagnosis
}

type reply struct {
	lines []string
	err   error
}

// pane is the one pane every program runs in, in turn.
const pane = "bench:0.0"

// startTmux starts a tmux server on its own socket (so nothing of the
// user's tmux is touched, and kill-server stops exactly this one) with a
// w×h window running cat, and its control client.
func startTmux(socket string, w, h int, env []string) (*tmuxCtl, error) {
	t := &tmuxCtl{
		socket:  socket,
		replies: make(chan reply),
		output:  make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	// -f /dev/null: none of the user's settings. The session has exactly
	// the size asked for whatever clients attach (window-size manual), no
	// status line, and a pane whose program has exited stays, dead, so
	// the exit can be seen.
	t.cmd = exec.Command("tmux", "-L", socket, "-f", "/dev/null", "-C",
		"new-session", "-s", "bench", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "cat")
	t.cmd.Env = env
	t.cmd.Stderr = os.Stderr
	var err error
	if t.stdin, err = t.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := t.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := t.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start tmux: %w", err)
	}
	go t.read(stdout)
	for _, c := range []string{
		"set -g status off",
		"set -g remain-on-exit on",
		"set -g window-size manual",
		fmt.Sprintf("set -g default-size %dx%d", w, h),
		fmt.Sprintf("resize-window -t bench -x %d -y %d", w, h),
		"set -g default-terminal tmux-256color",
		"set -g escape-time 0",
	} {
		if _, err := t.run(c); err != nil {
			t.kill()
			return nil, err
		}
	}
	if p, err := t.run("display -p '#{socket_path}'"); err == nil && len(p) == 1 {
		t.path = p[0]
	}
	size, err := t.run("display -p -t " + pane + " '#{pane_width}x#{pane_height}'")
	if err != nil {
		t.kill()
		return nil, err
	}
	if want := fmt.Sprintf("%dx%d", w, h); len(size) != 1 || size[0] != want {
		t.kill()
		return nil, fmt.Errorf("tmux pane is %v, want %s", size, want)
	}
	return t, nil
}

// read splits the control client's output into replies to our commands
// and output notifications; other notifications, and blocks of commands
// tmux ran on its own (flags 0, such as the new-session that started the
// client), are of no interest.
func (t *tmuxCtl) read(r io.Reader) {
	defer close(t.done)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20) // %output lines can be long
	var block []string
	in, ours := false, false
	for sc.Scan() {
		line := sc.Text()
		t.remember(line)
		switch {
		case in && (strings.HasPrefix(line, "%end ") || strings.HasPrefix(line, "%error ")):
			in = false
			var err error
			if strings.HasPrefix(line, "%error ") {
				err = fmt.Errorf("%s", strings.Join(block, "\n"))
			}
			if ours {
				t.replies <- reply{lines: block, err: err}
			}
			block = nil
		case in:
			block = append(block, line)
		case strings.HasPrefix(line, "%begin "):
			f := strings.Fields(line)
			in, ours = true, len(f) == 4 && f[3] == "1"
		case strings.HasPrefix(line, "%output ") || strings.HasPrefix(line, "%extended-output "):
			select {
			case t.output <- struct{}{}:
			default:
			}
		}
	}
}

// run sends one command and returns its output lines.
func (t *tmuxCtl) run(command string) ([]string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	// A reply that came after its command had given up would otherwise
	// be taken for this command's.
	select {
	case <-t.replies:
	default:
	}
	if _, err := io.WriteString(t.stdin, command+"\n"); err != nil {
		return nil, fmt.Errorf("tmux %s: %w", command, err)
	}
	select {
	case r := <-t.replies:
		if r.err != nil {
			return nil, fmt.Errorf("tmux %s: %w", command, r.err)
		}
		return r.lines, nil
	case <-t.done:
		return nil, fmt.Errorf("tmux %s: tmux has gone", command)
	case <-time.After(10 * time.Second):
		return nil, fmt.Errorf("tmux %s: no answer within 10 s; the last lines from tmux were:\n%s", command, t.lastLines())
	}
}

// remember keeps the last lines from tmux (cut short: %output lines can
// be long) for lastLines.
func (t *tmuxCtl) remember(line string) {
	if len(line) > 200 {
		line = line[:200] + "…"
	}
	t.recentMu.Lock()
	defer t.recentMu.Unlock()
	t.recent = append(t.recent, line)
	if len(t.recent) > 20 {
		t.recent = t.recent[len(t.recent)-20:]
	}
}

func (t *tmuxCtl) lastLines() string {
	t.recentMu.Lock()
	defer t.recentMu.Unlock()
	return "  " + strings.Join(t.recent, "\n  ")
}

// capture returns the pane's visible text; with escapes, also its colours
// and attributes, which is where a moved selection shows.
func (t *tmuxCtl) capture(escapes bool) (string, error) {
	c := "capture-pane -p -t " + pane
	if escapes {
		c = "capture-pane -p -e -t " + pane
	}
	lines, err := t.run(c)
	return strings.Join(lines, "\n"), err
}

// sendKeys sends keys (tmux key names) to the pane, n times over.
func (t *tmuxCtl) sendKeys(n int, keys ...string) error {
	c := "send-keys -t " + pane
	if n > 1 {
		c += fmt.Sprintf(" -N %d", n)
	}
	for _, k := range keys {
		c += " " + quote(k)
	}
	_, err := t.run(c)
	return err
}

// respawn starts argv in the pane, killing whatever ran there, with env
// added to tmux's environment. Several arguments make tmux execute the
// program directly, with no shell in between.
func (t *tmuxCtl) respawn(argv []string, env []string) error {
	for _, a := range append(append([]string{}, argv...), env...) {
		if err := checkArg(a); err != nil {
			return err
		}
	}
	c := "respawn-pane -k -t " + pane
	for _, e := range env {
		c += " -e " + quote(e)
	}
	for _, a := range argv {
		c += " " + quote(a)
	}
	_, err := t.run(c)
	return err
}

// paneDead reports whether the pane's program has exited.
func (t *tmuxCtl) paneDead() (bool, error) {
	out, err := t.run("display -p -t " + pane + " '#{pane_dead}'")
	if err != nil {
		return false, err
	}
	return len(out) == 1 && out[0] == "1", nil
}

// kill stops the tmux server, and with it every program in its panes, and
// the control client.
func (t *tmuxCtl) kill() {
	exec.Command("tmux", "-L", t.socket, "kill-server").Run()
	t.stdin.Close()
	select {
	case <-t.done:
	case <-time.After(5 * time.Second):
		t.cmd.Process.Kill()
	}
	t.cmd.Wait()
	if t.path != "" {
		os.Remove(t.path)
	}
}

// quote makes s one argument in tmux's command syntax: inside single
// quotes nothing is special. Arguments here are paths, flags and key
// names of our own; one with a single quote or a line break is refused
// (by checkArg) before it gets here.
func quote(s string) string {
	return "'" + s + "'"
}

func checkArg(s string) error {
	if strings.ContainsAny(s, "'\n") {
		return fmt.Errorf("%q: a quote or line break cannot be passed to tmux here", s)
	}
	return nil
}
