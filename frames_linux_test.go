package main

import (
	"os"
	"testing"
)

func TestSizedForTerminal(t *testing.T) {
	master, tty, err := openPTY(87, 23)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer master.Close()
	defer tty.Close()
	if got := sizedForTerminal(sizeRecorder{}, tty).(sizeRecorder); got.w != 87 || got.h != 23 {
		t.Errorf("in a terminal of 87×23 the model was given %d×%d", got.w, got.h)
	}
	file, err := os.CreateTemp(t.TempDir(), "not-a-terminal")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if got := sizedForTerminal(sizeRecorder{}, file).(sizeRecorder); got.w != 0 || got.h != 0 {
		t.Errorf("writing to a file the model was given %d×%d; want no size", got.w, got.h)
	}
}
