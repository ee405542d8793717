package ui

import "charm.land/lipgloss/v2"

// Styles are the looks of the list and the chrome around it. Articles are
// styled by glamour.
type Styles struct {
	Header      lipgloss.Style
	HeaderView  lipgloss.Style
	Status      lipgloss.Style
	StatusError lipgloss.Style
	StatusHint  lipgloss.Style
	UnreadTitle lipgloss.Style
	ReadTitle   lipgloss.Style
	Marker      lipgloss.Style
	Meta        lipgloss.Style
	Selected    lipgloss.Style // laid over every part of the selected row
	Empty       lipgloss.Style
	HelpBox     lipgloss.Style
	HelpTitle   lipgloss.Style
	HelpKey     lipgloss.Style
	HelpDesc    lipgloss.Style
}

// DefaultStyles suit a dark terminal, the common case.
func DefaultStyles() Styles { return DarkStyles() }

// DarkStyles suit a dark terminal; colours are from the 256-colour palette
// so they look the same in every terminal that has one.
func DarkStyles() Styles {
	return Styles{
		Header:      lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("230")).Background(lipgloss.Color("62")),
		HeaderView:  lipgloss.NewStyle().Foreground(lipgloss.Color("189")).Background(lipgloss.Color("62")),
		Status:      lipgloss.NewStyle().Foreground(lipgloss.Color("252")).Background(lipgloss.Color("236")),
		StatusError: lipgloss.NewStyle().Foreground(lipgloss.Color("217")).Background(lipgloss.Color("236")),
		StatusHint:  lipgloss.NewStyle().Foreground(lipgloss.Color("244")).Background(lipgloss.Color("236")),
		UnreadTitle: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("255")),
		ReadTitle:   lipgloss.NewStyle().Foreground(lipgloss.Color("246")),
		Marker:      lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("39")),
		Meta:        lipgloss.NewStyle().Foreground(lipgloss.Color("243")),
		Selected:    lipgloss.NewStyle().Background(lipgloss.Color("238")),
		Empty:       lipgloss.NewStyle().Foreground(lipgloss.Color("244")).Italic(true),
		HelpBox:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(lipgloss.Color("62")).Padding(1, 2),
		HelpTitle:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("230")),
		HelpKey:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("117")),
		HelpDesc:    lipgloss.NewStyle().Foreground(lipgloss.Color("250")),
	}
}

// LightStyles suit a light terminal: the same roles, darker inks.
func LightStyles() Styles {
	return Styles{
		Header:      lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("231")).Background(lipgloss.Color("61")),
		HeaderView:  lipgloss.NewStyle().Foreground(lipgloss.Color("255")).Background(lipgloss.Color("61")),
		Status:      lipgloss.NewStyle().Foreground(lipgloss.Color("236")).Background(lipgloss.Color("254")),
		StatusError: lipgloss.NewStyle().Foreground(lipgloss.Color("124")).Background(lipgloss.Color("254")),
		StatusHint:  lipgloss.NewStyle().Foreground(lipgloss.Color("242")).Background(lipgloss.Color("254")),
		UnreadTitle: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("232")),
		ReadTitle:   lipgloss.NewStyle().Foreground(lipgloss.Color("243")),
		Marker:      lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("26")),
		Meta:        lipgloss.NewStyle().Foreground(lipgloss.Color("245")),
		Selected:    lipgloss.NewStyle().Background(lipgloss.Color("253")),
		Empty:       lipgloss.NewStyle().Foreground(lipgloss.Color("243")).Italic(true),
		HelpBox:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(lipgloss.Color("61")).Padding(1, 2),
		HelpTitle:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("232")),
		HelpKey:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("25")),
		HelpDesc:    lipgloss.NewStyle().Foreground(lipgloss.Color("237")),
	}
}

// PlainStyles honour NO_COLOR: no colour at all, only bold, italic and
// reverse video to tell unread, selected and chrome apart.
func PlainStyles() Styles {
	plain := lipgloss.NewStyle()
	return Styles{
		Header:      plain.Bold(true).Reverse(true),
		HeaderView:  plain.Reverse(true),
		Status:      plain.Reverse(true),
		StatusError: plain.Reverse(true).Bold(true),
		StatusHint:  plain.Reverse(true),
		UnreadTitle: plain.Bold(true),
		ReadTitle:   plain,
		Marker:      plain.Bold(true),
		Meta:        plain,
		Selected:    plain.Reverse(true),
		Empty:       plain.Italic(true),
		HelpBox:     plain.Border(lipgloss.RoundedBorder()).Padding(1, 2),
		HelpTitle:   plain.Bold(true),
		HelpKey:     plain.Bold(true),
		HelpDesc:    plain,
	}
}
