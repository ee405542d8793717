package feed

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestProblemOf: each common way a fetch fails is told apart for the
// interface, through everything that wraps the error on its way (Fetch,
// the cleaning of messages), and its English message is unchanged.
func TestProblemOf(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/broken":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/slow":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		case "/big":
			fmt.Fprint(w, strings.Repeat("x", 4096))
		case "/page":
			fmt.Fprint(w, "<!doctype html><html><head><title>A page</title></head><body><p>Hello</p></body></html>")
		case "/empty":
		default:
			fmt.Fprint(w, atomDoc)
		}
	}))
	defer srv.Close()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/feed"
	ln.Close() // nothing listens there now: connection refused

	f := &Fetcher{Timeout: 300 * time.Millisecond, MaxBytes: 1024}
	for _, tc := range []struct {
		url     string
		problem Problem
		status  int
		message string
	}{
		{srv.URL + "/missing", ProblemHTTP, 404, "HTTP 404 Not Found"},
		{srv.URL + "/broken", ProblemHTTP, 503, "HTTP 503 Service Unavailable"},
		{srv.URL + "/slow", ProblemTimeout, 0, "timed out after 300ms waiting for a response"},
		{closed, ProblemUnreachable, 0, "connection refused"},
		{tlsSrv.URL, ProblemSecurity, 0, "TLS: certificate signed by an unknown authority"},
		{srv.URL + "/big", ProblemTooLarge, 0, "larger than 1 KiB"},
		{srv.URL + "/page", ProblemNotAFeed, 0, "not an RSS, Atom or JSON feed"},
		{srv.URL + "/empty", ProblemNotAFeed, 0, "empty document"},
		{srv.URL + "/feed", ProblemUnknown, 0, ""},
	} {
		_, err := f.Fetch(context.Background(), tc.url)
		problem, status := ProblemOf(err)
		if problem != tc.problem || status != tc.status {
			t.Errorf("%s: ProblemOf(%v) = %v, %d; want %v, %d", tc.url, err, problem, status, tc.problem, tc.status)
		}
		if tc.message != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.url+": "+tc.message)) {
			t.Errorf("%s: message %v, want it to start %q", tc.url, err, tc.message)
		}
	}
	if p, _ := ProblemOf(nil); p != ProblemUnknown {
		t.Errorf("ProblemOf(nil) = %v", p)
	}
}
