package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// formatReport is the results as markdown: what was run, where, and one
// column per reader.
func formatReport(o options, fl floorResult, rs []result, load string) string {
	var b strings.Builder
	cmd := o.command
	if cmd == "" {
		cmd = "go run ./bench/tui " + strings.Join(osArgs(), " ")
	}
	fmt.Fprintf(&b, "Command: `%s`  \n", cmd)
	fmt.Fprintf(&b, "Machine: %s; load average %s  \n", machine(), load)
	fmt.Fprintf(&b, "Date: %s; pane %d×%d; %d runs after a warm-up run; medians, with the range in brackets.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), o.width, o.height, o.runs)

	b.WriteString("| |")
	for _, r := range rs {
		fmt.Fprintf(&b, " %s |", r.name)
	}
	b.WriteString("\n|---|")
	for range rs {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	row := func(label string, cell func(r result) string) {
		fmt.Fprintf(&b, "| %s |", label)
		for _, r := range rs {
			fmt.Fprintf(&b, " %s |", cell(r))
		}
		b.WriteString("\n")
	}
	row("start → first frame, ms", func(r result) string { return msCell(r.first) })
	row("start → headlines, ms", func(r result) string {
		if r.opened != "" {
			return msCell(r.head) + " ¹"
		}
		return msCell(r.head)
	})
	row("start → idle (start-up work done), ms", func(r result) string { return msCell(r.settled) })
	row(fmt.Sprintf("key press (%s) → screen changed, ms (median, p90 of %d)", o.key, o.runs*o.keys), func(r result) string {
		return fmt.Sprintf("%.1f, %.1f", ms(median(r.keys)), ms(percentile(r.keys, 90)))
	})
	row("500 × Down → last change, s", func(r result) string {
		c := secCell(r.down500)
		if !r.down500OK {
			c += " (501st item not seen selected!)"
		}
		return c
	})
	row("peak RSS, MiB", func(r result) string { return fmt.Sprintf("%.1f", float64(r.rssKiB)/1024) })

	fmt.Fprintf(&b, "\ntmux round-trip floor: capture-pane %.2f ms; a key to its echo in a `cat` pane %.2f ms, through `cat` in raw mode %.2f ms; start to a line `cat` prints from a file %.1f ms (medians of %d, %d, %d and %d).",
		ms(fl.capture), ms(fl.echo), ms(fl.rawEcho), ms(fl.start), 4*floorSamples, floorSamples, floorSamples, floorSamples/2)
	if fl.tea > 0 {
		fmt.Fprintf(&b, " A key press in bench/teafloor, a bubbletea program (the same bubbletea, at the same frame rate) whose Down changes the same three lines of a full screen as nashra's: %.1f ms (median of %d); its peak RSS, linking the libraries nashra is built on without using them: %.1f MiB; from start to its first frame: %.1f ms (median of %d).",
			ms(fl.tea), floorSamples, float64(fl.teaRSSKiB)/1024, ms(fl.teaStart), floorSamples/5)
	}
	for _, r := range rs {
		if r.opened != "" {
			fmt.Fprintf(&b, "\n¹ %s: starts on its feed list (the first frame, seen by %q); %s is sent the moment it shows, to open the all-items query feed, and headlines are seen by %q.",
				r.name, r.firstMarker, r.opened, r.headMarker)
		}
	}
	b.WriteString("\n")
	return b.String()
}

func msCell(ds []time.Duration) string {
	lo, hi := slices.Min(ds), slices.Max(ds)
	return fmt.Sprintf("%.1f (%.1f–%.1f)", ms(median(ds)), ms(lo), ms(hi))
}

func secCell(ds []time.Duration) string {
	lo, hi := slices.Min(ds), slices.Max(ds)
	return fmt.Sprintf("%.2f (%.2f–%.2f)", median(ds).Seconds(), lo.Seconds(), hi.Seconds())
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// percentile is the nearest-rank percentile.
func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	i := (p*len(s) + 99) / 100
	return s[max(i-1, 0)]
}
