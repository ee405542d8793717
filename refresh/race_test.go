//go:build race

package refresh

// raceEnabled: the race detector makes everything several times slower,
// so tests that time what runs at once give it more time.
const raceEnabled = true
