package sanitize

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// ExpandControlRefs replaces numeric character references to control
// characters — C0 other than tab, newline and carriage return, DEL, C1 —
// by the raw characters, for Document or Text to remove with the escape
// sequences they belong to. (Left to the parser, the C0 ones make it
// reject the feed, and the C1 ones are read as windows-1252, which would
// leave the rest of a sequence as visible text.)
func ExpandControlRefs(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	data := s
	var out []byte
	last := 0
	for i := 0; i+2 < len(data); i++ {
		if data[i] != '&' || data[i+1] != '#' {
			continue
		}
		j := i + 2
		base := 10
		if j < len(data) && (data[j] == 'x' || data[j] == 'X') {
			base = 16
			j++
		}
		k := j
		for k < len(data) && k-j < 8 && isDigit(data[k], base) {
			k++
		}
		if k == j || k >= len(data) || data[k] != ';' {
			continue
		}
		n, err := strconv.ParseUint(data[j:k], base, 32)
		if err != nil || !(n < 0x20 || (n >= 0x7f && n <= 0x9f)) || n == '\t' || n == '\n' || n == '\r' {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(data))
		}
		out = append(out, data[last:i]...)
		out = utf8.AppendRune(out, rune(n))
		last = k + 1
		i = k
	}
	if out == nil {
		return s
	}
	return string(append(out, data[last:]...))
}

func isDigit(c byte, base int) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
		return true
	}
	return false
}
