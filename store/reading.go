package store

import (
	"context"
	"fmt"
)

// ReadingPosition returns how far down an item the reader got, from 0 (the
// top) to 1 (the end), so reopening it returns there.
func (s *Store) ReadingPosition(ctx context.Context, id int64) (float64, error) {
	var pos float64
	if err := s.r.QueryRowContext(ctx, `SELECT position FROM items WHERE id = ?`, id).Scan(&pos); err != nil {
		return 0, fmt.Errorf("store: reading position of item %d: %w", id, err)
	}
	return pos, nil
}

// SetReadingPosition records how far down an item the reader got (0–1).
func (s *Store) SetReadingPosition(ctx context.Context, id int64, pos float64) error {
	pos = min(max(pos, 0), 1)
	if _, err := s.w.ExecContext(ctx, `UPDATE items SET position = ? WHERE id = ? AND position != ?`, pos, id, pos); err != nil {
		return fmt.Errorf("store: set reading position of item %d: %w", id, err)
	}
	return nil
}
