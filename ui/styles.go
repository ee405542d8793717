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

// DefaultStyles suit a dark terminal, the common case; colours are from the
// 256-colour palette so they look the same in every terminal that has one.
func DefaultStyles() Styles {
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
