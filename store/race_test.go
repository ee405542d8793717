//go:build race

package store

// raceEnabled: the race detector makes everything several times slower,
// so tests that need work done within a time (the busy timeout) do less.
const raceEnabled = true
