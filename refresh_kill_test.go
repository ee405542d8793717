package main

// nashra as a process: killed with SIGKILL in the middle of a refresh, run
// twice at once on one database, given a database from a newer version.
// These run the real binary, built once per test into a temporary
// directory.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"nashra/store"
)

// builds are the binaries built for the tests running now, by build
// tags, shared between them and removed when the last one is done.
var builds struct {
	sync.Mutex
	dir   map[string]string
	users map[string]int
}

// buildNashra builds the nashra binary (with the given build tags) into a
// temporary directory and returns its path. Tests running at the same
// time share one build.
func buildNashra(t *testing.T, tags ...string) string {
	t.Helper()
	key := strings.Join(tags, ",")
	builds.Lock()
	defer builds.Unlock()
	if builds.dir == nil {
		builds.dir, builds.users = map[string]string{}, map[string]int{}
	}
	dir, ok := builds.dir[key]
	if !ok {
		var err error
		if dir, err = os.MkdirTemp("", "nashra-test-bin-*"); err != nil {
			t.Fatal(err)
		}
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		args := []string{"build", "-o", filepath.Join(dir, "nashra")}
		if len(tags) > 0 {
			args = append(args, "-tags", key)
		}
		if out, err := exec.Command(goTool, append(args, ".")...).CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			t.Fatalf("go build: %v\n%s", err, out)
		}
		builds.dir[key] = dir
	}
	builds.users[key]++
	t.Cleanup(func() {
		builds.Lock()
		defer builds.Unlock()
		if builds.users[key]--; builds.users[key] == 0 {
			os.RemoveAll(dir)
			delete(builds.dir, key)
		}
	})
	return filepath.Join(dir, "nashra")
}

// isolatedEnv is an environment in which nashra reads no configuration,
// data or state of the user running the tests.
func isolatedEnv(dir string, extra ...string) []string {
	env := []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
		"PATH=" + os.Getenv("PATH"),
		"TMPDIR=" + dir,
	}
	return append(env, extra...)
}

// feedServer serves n feeds of size items each; every request gives every
// item a new revision, so every refresh rewrites every item — long
// transactions for a kill to land in.
func feedServer(t *testing.T, n, size int) (*httptest.Server, []string) {
	srv, urls, _ := feedServerWatched(t, n, size)
	return srv, urls
}

// feedServerWatched is feedServer, also telling of every request on the
// channel it returns (without blocking).
func feedServerWatched(t *testing.T, n, size int) (*httptest.Server, []string, <-chan struct{}) {
	t.Helper()
	requests := make(chan struct{}, 1)
	var rev atomic.Int64
	body := strings.Repeat("<p>Lorem ipsum dolor sit amet, نص عربي للتجربة, consectetur adipiscing elit.</p>", 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case requests <- struct{}{}:
		default:
		}
		r1 := rev.Add(1)
		var b bytes.Buffer
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed %s</title><link>https://example.test/</link>`, r.URL.Path)
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range size {
			fmt.Fprintf(&b, "<item><guid>%s-%d</guid><title>Item %d revision %d</title><pubDate>%s</pubDate><description><![CDATA[%s<p>rev %d</p>]]></description></item>",
				r.URL.Path, i, i, r1, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), body, r1)
		}
		b.WriteString("</channel></rss>")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(b.Bytes())
	}))
	t.Cleanup(srv.Close)
	var urls []string
	for i := range n {
		urls = append(urls, fmt.Sprintf("%s/feed%d.xml", srv.URL, i))
	}
	return srv, urls, requests
}

func writeFeedsConfig(t *testing.T, path string, urls []string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("concurrency = 4\n")
	for _, u := range urls {
		fmt.Fprintf(&b, "\n[[feed]]\nurl = %q\n", u)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// marks reads every item's read and starred flags straight from the
// file, after checking its integrity. It opens the file the way a new
// nashra would (recovering the WAL of a killed one).
func marks(t *testing.T, db string) map[int64][2]bool {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	rows, err := conn.Query("SELECT id, read, starred FROM items")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64][2]bool{}
	for rows.Next() {
		var id int64
		var read, starred bool
		if err := rows.Scan(&id, &read, &starred); err != nil {
			t.Fatal(err)
		}
		out[id] = [2]bool{read, starred}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// mark sets an item's read and starred flags through the store, as the
// reader does.
func mark(t *testing.T, db string, id int64, read, starred bool) {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if err := st.SetRead(ctx, id, read); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(ctx, id, starred); err != nil {
		t.Fatal(err)
	}
}

// SIGKILL at any moment of a refresh leaves a database that passes its
// integrity check and keeps every read and star mark made before.
func TestRefreshSurvivesSIGKILL(t *testing.T) {
	t.Parallel()
	bin := buildNashra(t)
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "nashra.db"), filepath.Join(dir, "config.toml")
	_, urls, requests := feedServerWatched(t, 4, 200)
	writeFeedsConfig(t, cfg, urls)
	refresh := func() *exec.Cmd {
		cmd := exec.Command(bin, "refresh", "--db", db, "--config", cfg)
		cmd.Env = isolatedEnv(dir)
		return cmd
	}
	// started waits for the refresh to ask for its first feed: from then
	// on it fetches, parses and writes.
	started := func() time.Time {
		select {
		case <-requests:
		case <-time.After(10 * time.Second):
			t.Fatal("the refresh asked for no feed within 10s")
		}
		return time.Now()
	}

	// A first, complete refresh, timed from its first request: the kills
	// land within that time of their refresh's first request.
	first := refresh()
	var out bytes.Buffer
	first.Stdout, first.Stderr = &out, &out
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	begun := started()
	if err := first.Wait(); err != nil {
		t.Fatalf("first refresh: %v\n%s", err, out.String())
	}
	window := time.Since(begun)

	// Marks, as a reader would make them.
	want := marks(t, db)
	if len(want) != 4*200 {
		t.Fatalf("%d items after the first refresh, want %d", len(want), 4*200)
	}
	ids := make([]int64, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	rng := rand.New(rand.NewPCG(2026, 1))
	setMark := func() {
		id := ids[rng.IntN(len(ids))]
		m := [2]bool{rng.IntN(2) == 0, rng.IntN(2) == 0}
		mark(t, db, id, m[0], m[1])
		want[id] = m
	}
	for range 50 {
		setMark()
	}

	const runs = 20
	kills, finished, midWrite := 0, 0, 0
	for i := range runs {
		for len(requests) > 0 {
			<-requests
		}
		cmd := refresh()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		begun := started()
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			kills++
			// A write-ahead log left behind: the kill struck after the
			// refresh had begun writing, and the next open recovers it.
			if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 0 {
				midWrite++
			}
		} else if err == nil {
			finished++
			window = min(window, time.Since(begun)) // the machine is faster now
		} else {
			t.Errorf("refresh %d: %v", i, err)
		}
		got := marks(t, db)
		for id, m := range want {
			g, ok := got[id]
			if !ok {
				t.Fatalf("after kill %d: item %d is gone", i, id)
			}
			if g != m {
				t.Fatalf("after kill %d: item %d read/starred %v, want %v", i, id, g, m)
			}
		}
		setMark() // a mark made between two refreshes must survive the next kill too
	}
	t.Logf("%d refreshes killed while working (%d of them after they began writing), %d finished first (a refresh works for %v)", kills, midWrite, finished, window)
	if kills < runs/4 || midWrite == 0 {
		t.Errorf("only %d of %d refreshes were killed before they finished, %d after they began writing", kills, runs, midWrite)
	}
}

// Two nashra processes refreshing one database at once both succeed,
// while a third writes marks: SQLite's locking and the busy timeout
// serialise them, and nothing is corrupted.
func TestTwoProcessesShareTheDatabase(t *testing.T) {
	t.Parallel()
	bin := buildNashra(t)
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "nashra.db"), filepath.Join(dir, "config.toml")
	_, urls := feedServer(t, 3, 200)
	writeFeedsConfig(t, cfg, urls)
	var wg sync.WaitGroup
	outs := make([]string, 2)
	errs := make([]error, 2)
	for p := range 2 {
		wg.Go(func() {
			for range 3 {
				cmd := exec.Command(bin, "refresh", "--db", db, "--config", cfg)
				cmd.Env = isolatedEnv(dir)
				out, err := cmd.CombinedOutput()
				if err != nil {
					outs[p], errs[p] = string(out), err
					return
				}
			}
		})
	}
	// Meanwhile, marks: the reader's writes.
	wg.Go(func() {
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			st, err := store.Open(db)
			if err != nil {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			_ = st.SetRead(context.Background(), 1, true)
			st.Close()
		}
	})
	wg.Wait()
	for p := range 2 {
		if errs[p] != nil {
			t.Errorf("refresh %d: %v\n%s", p, errs[p], outs[p])
		}
	}
	if n := len(marks(t, db)); n != 3*200 {
		t.Errorf("%d items, want %d", n, 3*200)
	}
}

// A database written by a newer nashra is refused with one clear line,
// and left as it was.
func TestNewerDatabaseIsRefusedClearly(t *testing.T) {
	t.Parallel()
	bin := buildNashra(t)
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "nashra.db"), filepath.Join(dir, "config.toml")
	writeFeedsConfig(t, cfg, []string{"https://example.test/feed.xml"})
	conn, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("CREATE TABLE future (x); PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	before, _ := os.ReadFile(db)
	for _, args := range [][]string{
		{"refresh", "--db", db, "--config", cfg},
		{"--db", db, "testdata/hostile/rlo.xml"},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Env = isolatedEnv(dir)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		msg := stderr.String()
		if err == nil || strings.Count(msg, "\n") != 1 ||
			!strings.Contains(msg, "database schema is newer than this version of nashra") ||
			!strings.Contains(msg, "schema version 999") || !strings.Contains(msg, "upgrade nashra") {
			t.Errorf("nashra %s: %v\nstdout %q\nstderr %q", args[0], err, stdout.String(), msg)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the newer database was changed")
	}
}
