//go:build nashra_test_panic

package main

import tea "charm.land/bubbletea/v2"

// Built only for the PTY test of panic recovery (reader_pty_test.go): the
// model panics when the P key is pressed.
func init() {
	wrapModel = func(m tea.Model) tea.Model { return panicOnP{m} }
}

type panicOnP struct{ tea.Model }

func (p panicOnP) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "P" {
		panic("test panic: the P key\nsecond line")
	}
	m, cmd := p.Model.Update(msg)
	return panicOnP{m}, cmd
}
