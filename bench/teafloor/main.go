// Command teafloor is the least a bubbletea program can do for a key press
// on a screen like nashra's: a full screen of lines with one selected,
// Down moving the selection. bench/tui times its key presses next to
// nashra's, with the same bubbletea (the copy in third_party/bubbletea) at
// the same frame rate, so that the difference is nashra's own work. It
// links the libraries nashra is built on without using them, so that its
// memory is the floor of that stack.
package main

import (
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	// Linked, not used: the libraries nashra is built on, so that the
	// program's size, start-up work and memory are those of the stack.
	_ "charm.land/bubbles/v2/viewport"
	_ "charm.land/glamour/v2"
	_ "github.com/JohannesKaufmann/html-to-markdown/v2"
	_ "github.com/mmcdole/gofeed"
	_ "modernc.org/sqlite"
)

type model struct {
	width, height, cursor int
}

var (
	selected = lipgloss.NewStyle().Reverse(true)
	plain    = lipgloss.NewStyle().Foreground(lipgloss.Color("252"))
)

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "ctrl+c":
			return m, tea.Quit
		case "down", "j":
			m.cursor++
		case "up", "k":
			m.cursor = max(m.cursor-1, 0)
		}
	}
	return m, nil
}

func (m model) View() tea.View {
	if m.height < 2 {
		return tea.NewView("")
	}
	// As in nashra's list, a key press changes three lines: the row that
	// loses the selection, the one that gets it, and the status bar.
	rows := m.height - 1
	lines := make([]string, m.height)
	for i := range rows {
		text := fmt.Sprintf(" teafloor: headline %d of a list like nashra's", i+1)
		text += strings.Repeat(" ", max(m.width-len(text), 0))
		if i == m.cursor%rows {
			lines[i] = selected.Render(text)
		} else {
			lines[i] = plain.Render(text)
		}
	}
	lines[rows] = selected.Render(fmt.Sprintf(" %d/20000", m.cursor+1))
	v := tea.NewView(strings.Join(lines, "\n"))
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(model{}, tea.WithFPS(120)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "teafloor:", err)
		os.Exit(1)
	}
}
