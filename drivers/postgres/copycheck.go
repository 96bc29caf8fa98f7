package postgres

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// CopyStrings implements dialect.CopyChecker from the column types the
// server describes for table. CopyFrom sends binary, in which pgx writes
// a string as the bytes of the text for text, varchar, char, name, json
// and jsonb (the server then reads it as INSERT's text), parses it
// itself for a UUID (as the server does only in the canonical forms) and
// cannot encode it for any other type.
func (Driver) CopyStrings(ctx context.Context, driverConn any, table string, columns []string) ([]func(string) bool, error) {
	pc, err := begun(ctx, driverConn)
	if err != nil {
		return nil, err
	}
	quoted := make([]string, len(columns))
	for i, col := range columns {
		quoted[i] = pgx.Identifier{col}.Sanitize()
	}
	// Unnamed: nothing stays prepared on the connection (or behind a
	// transaction pooler).
	sd, err := pc.Prepare(ctx, "", "SELECT "+strings.Join(quoted, ", ")+" FROM "+pgx.Identifier{table}.Sanitize())
	if err != nil {
		return nil, err
	}
	if len(sd.Fields) != len(columns) {
		return nil, errors.New("postgres: COPY: the table's description has other columns")
	}
	out := make([]func(string) bool, len(columns))
	for i, f := range sd.Fields {
		switch f.DataTypeOID {
		case pgtype.TextOID, pgtype.VarcharOID, pgtype.BPCharOID, pgtype.NameOID, pgtype.JSONOID, pgtype.JSONBOID:
		case pgtype.UUIDOID:
			out[i] = canonicalUUID
		default:
			out[i] = never
		}
	}
	return out, nil
}

func never(string) bool { return false }

// canonicalUUID reports whether s is a UUID in a form that pgx parses as
// the server does: 32 hex digits, or 36 with hyphens after the 8th,
// 12th, 16th and 20th (pgx drops those four characters unread, and
// does not know the braces and other hyphens the server takes).
func canonicalUUID(s string) bool {
	switch len(s) {
	case 32:
	case 36:
		if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
			return false
		}
		s = s[:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	default:
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; !('0' <= s[i] && s[i] <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
