package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// A command is one of nashra's subcommands (add, remove, import, export,
// feeds, refresh, items): it parses its own flags and returns the exit code.
// Each lives in its own cmd_*.go file and registers itself in init, so
// commands can be added without touching the others.
type command struct {
	summary string // one line for nashra --help
	run     func(e *env, args []string) int
}

// env is what a command may touch: standard streams and the environment,
// injectable for tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands = map[string]command{}

// errorf reports a failure in one line on stderr and returns code.
func (e *env) errorf(code int, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "nashra: "+format+"\n", args...)
	return code
}

// commandHelp lists the commands for nashra --help.
func commandHelp() string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "  nashra %-9s %s\n", n, commands[n].summary)
	}
	return b.String()
}
