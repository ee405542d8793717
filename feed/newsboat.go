package feed

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ParseNewsboatURLs reads newsboat's urls file: one feed per line, its URL
// first, then its tags separated by spaces. A token in double quotes may
// hold spaces ("world news"); a token starting with ~ is the feed's title
// ("~BBC عربي"); a lone ! (newsboat's "hidden") is dropped. Blank lines
// and # comments are ignored.
//
// newsboat's other kinds of entry are reported in Skipped and never acted
// on: query: feeds (views of other feeds) are skipped, and exec: and
// filter: feeds — which newsboat runs as commands — are unsupported, and
// nothing of them is ever executed.
func ParseNewsboatURLs(r io.Reader) (Import, error) {
	imp := Import{Format: "newsboat urls"}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		tokens := newsboatTokens(text)
		if len(tokens) == 0 {
			continue
		}
		u, skip := classifySource(tokens[0], true)
		if skip != nil {
			skip.Line = line
			imp.Skipped = append(imp.Skipped, *skip)
			continue
		}
		s := Subscription{URL: u}
		for _, t := range tokens[1:] {
			switch {
			case strings.HasPrefix(t, "~"):
				s.Title = strings.TrimSpace(t[1:])
			case t == "!":
			default:
				s.Tags = append(s.Tags, t)
			}
		}
		s.Tags = NormalizeTags(s.Tags)
		imp.Feeds = append(imp.Feeds, s)
	}
	if err := sc.Err(); err != nil {
		return Import{}, fmt.Errorf("line %d: %v", line+1, err)
	}
	return imp, nil
}

// newsboatTokens splits one line of a urls file into its tokens. Spaces
// separate tokens except within double quotes, where \" is a quote and \\
// a backslash; a # at the start of a token begins a comment.
func newsboatTokens(line string) []string {
	var tokens []string
	var cur strings.Builder
	inToken, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\'):
			i++
			cur.WriteByte(line[i])
		case c == '"':
			quoted = !quoted
			inToken = true
		case !quoted && (c == ' ' || c == '\t' || c == '\r'):
			if inToken {
				tokens = append(tokens, cur.String())
				cur.Reset()
				inToken = false
			}
		case !quoted && !inToken && c == '#':
			return tokens
		default:
			cur.WriteByte(c)
			inToken = true
		}
	}
	if inToken {
		tokens = append(tokens, cur.String())
	}
	return tokens
}
