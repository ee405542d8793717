package store

import "testing"

func TestReadingPositionSurvivesReopen(t *testing.T) {
	path := dbPath(t)
	s := openAt(t, path)
	twoFeeds(t, s)
	it := mustItems(t, s, Query{Limit: 1})[0]
	if pos, err := s.ReadingPosition(ctx, it.ID); err != nil || pos != 0 {
		t.Fatalf("fresh item at %v, %v", pos, err)
	}
	if err := s.SetReadingPosition(ctx, it.ID, 0.42); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path)
	if pos, err := s.ReadingPosition(ctx, it.ID); err != nil || pos != 0.42 {
		t.Errorf("after reopening: %v, %v", pos, err)
	}
	s.SetReadingPosition(ctx, it.ID, 7)
	if pos, _ := s.ReadingPosition(ctx, it.ID); pos != 1 {
		t.Errorf("position is not clamped to 1: %v", pos)
	}
}
