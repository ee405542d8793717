// Command tui measures news readers as a person meets them: the whole
// process in a 100×30 tmux pane, from the moment it is started to the
// first frame with headlines, a key press, 500 presses of Down, and its
// peak memory. It drives nashra on one or more databases and newsboat on a
// cache of the same items (see bench/gendb), and prints a table.
//
// bench/run.sh builds everything and runs it; see bench/README.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

type options struct {
	nashra        string
	teafloor      string
	nashraDBs     []labelled
	newsboat      string
	nbCache       string
	nbURLs        string
	nbLabel       string
	runs, keys    int
	width, height int
	socket        string
	work          string
	out           string
	timeout       time.Duration
	settleTimeout time.Duration
	poll          time.Duration
	command       string
	key           string
}

type labelled struct{ label, path string }

type labelledList []labelled

func (l *labelledList) String() string { return fmt.Sprint(*l) }
func (l *labelledList) Set(s string) error {
	label, path, ok := strings.Cut(s, "=")
	if !ok || label == "" || path == "" {
		return errors.New("want LABEL=PATH, e.g. 20k=/tmp/n20k.db")
	}
	*l = append(*l, labelled{label, path})
	return nil
}

func main() {
	var o options
	var dbs labelledList
	flag.StringVar(&o.nashra, "nashra", "", "nashra binary")
	flag.StringVar(&o.teafloor, "teafloor", "", "bench/teafloor binary, for the key press floor of a bubbletea program; empty: skip it")
	flag.Var(&dbs, "nashra-db", "LABEL=PATH of a nashra database to measure (repeatable)")
	flag.StringVar(&o.newsboat, "newsboat", "newsboat", "newsboat binary; empty: skip newsboat")
	flag.StringVar(&o.nbCache, "newsboat-cache", "", "newsboat cache.db with the same items (bench/gendb -newsboat-cache)")
	flag.StringVar(&o.nbURLs, "newsboat-urls", "", "newsboat urls file (bench/gendb -newsboat-urls)")
	flag.StringVar(&o.nbLabel, "newsboat-label", "20k", "label of the newsboat column")
	flag.IntVar(&o.runs, "runs", 5, "measured runs per program (after one warm-up run that measures peak RSS)")
	flag.IntVar(&o.keys, "keys", 20, "single key presses per run")
	flag.StringVar(&o.key, "key", "Down", "the key of the single key presses, as tmux names it (Down, j, …)")
	flag.IntVar(&o.width, "width", 100, "pane width")
	flag.IntVar(&o.height, "height", 30, "pane height")
	flag.StringVar(&o.socket, "socket", fmt.Sprintf("nashra-bench-%d", os.Getpid()), "tmux socket name (tmux -L) of the private server")
	flag.StringVar(&o.work, "work", "", "directory for configs and reports (default: a new temporary directory, removed at the end)")
	flag.StringVar(&o.out, "out", "", "also write the results (markdown) to this file")
	flag.DurationVar(&o.timeout, "timeout", 120*time.Second, "give up waiting for a frame, key or exit after this long")
	flag.DurationVar(&o.settleTimeout, "settle-timeout", 180*time.Second, "give up waiting for a reader to finish its start-up work after this long")
	flag.DurationVar(&o.poll, "poll", time.Millisecond, "capture the pane at least this often while waiting (it is also captured whenever it writes)")
	flag.StringVar(&o.command, "command", "", "the command line to print with the results (bench/run.sh passes its own)")
	flag.Parse()
	o.nashraDBs = dbs
	if flag.NArg() > 0 || (o.nashra == "") != (len(o.nashraDBs) == 0) || (o.nbCache == "") != (o.nbURLs == "") ||
		(o.nashra == "" && o.nbCache == "") || o.runs < 1 || o.keys < 1 {
		fmt.Fprintln(os.Stderr, "usage: tui -nashra BIN -nashra-db 20k=PATH [-nashra-db 1M=PATH] [-newsboat-cache PATH -newsboat-urls PATH]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "tui:", err)
		os.Exit(1)
	}
}

func run(o options) (err error) {
	if o.work == "" {
		if o.work, err = os.MkdirTemp("", "nashra-tui-"); err != nil {
			return err
		}
		defer os.RemoveAll(o.work)
	}
	var apps []*app
	for _, db := range o.nashraDBs {
		a, err := nashraApp(o, db)
		if err != nil {
			return err
		}
		apps = append(apps, a)
	}
	if o.nbCache != "" && o.newsboat != "" {
		a, err := newsboatApp(o)
		if err != nil {
			return err
		}
		apps = append(apps, a)
	}

	t, err := startTmux(o.socket, o.width, o.height, tmuxEnv())
	if err != nil {
		return err
	}
	// Whatever happens, the tmux server and every program in it stop: on
	// return, and on Ctrl-C or a kill by run.sh's trap.
	defer t.kill()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sig
		fmt.Fprintf(os.Stderr, "\ntui: %v: stopping tmux\n", s)
		t.kill()
		os.Exit(1)
	}()

	loadBefore := loadAverage()
	m := &meter{t: t, o: o}
	fl, err := m.floor()
	if err != nil {
		return fmt.Errorf("tmux round trip: %w", err)
	}
	fmt.Fprintf(os.Stderr, "tui: tmux floor: capture %.2f ms, key to echo %.2f ms, through a raw-mode cat %.2f ms, start to cat's line %.1f ms, key in teafloor %.2f ms, teafloor's peak RSS %.1f MiB, teafloor's start %.1f ms\n",
		ms(fl.capture), ms(fl.echo), ms(fl.rawEcho), ms(fl.start), ms(fl.tea), float64(fl.teaRSSKiB)/1024, ms(fl.teaStart))
	var results []result
	for _, a := range apps {
		r, err := m.measure(a)
		if err != nil {
			return fmt.Errorf("%s: %w", a.name, err)
		}
		results = append(results, r)
	}
	report := formatReport(o, fl, results, loadBefore+" at the start, "+loadAverage()+" at the end")
	fmt.Print(report)
	if o.out != "" {
		return os.WriteFile(o.out, []byte(report), 0o644)
	}
	return nil
}

// tmuxEnv is the environment of the tmux server, hence of every pane: the
// user's, with a UTF-8 locale (tmux and newsboat draw Arabic only in one)
// and no TMUX variable of a tmux we may be running in.
func tmuxEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "TMUX", "TMUX_PANE", "LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
}

func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d cores (nproc), %s, %s/%s", runtime.NumCPU(), cpu, runtime.GOOS, runtime.GOARCH)
}

// loadAverage is the one-minute load average: other work on the machine
// shows in every number here.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

func osArgs() []string { return os.Args[1:] }
