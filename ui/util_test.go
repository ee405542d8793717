package ui

import (
	tea "charm.land/bubbletea/v2"

	"nashra/render"
)

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

func displayWidth(s string) int { return render.Width(s) }
