package rx

import (
	"context"
	"log/slog"
)

// LogOptions configures LogQueries. The zero value logs every statement
// at debug level without its arguments.
type LogOptions struct {
	// Level is the level of the log lines; nil means slog.LevelDebug.
	Level slog.Leveler
	// Args adds the bound values to each line. They are printed as they
	// are, so turn this on only where the data may be seen (on a
	// developer's machine): rx cannot tell which value is a user's
	// password or other personal data.
	Args bool
}

// LogQueries returns a QueryHook that logs each statement rx sends, after
// it ran, to logger (nil means slog.Default()): the SQL text, the number
// of arguments, the duration, the server when it is not the primary (a
// replica or read pool), the rows affected when known, and the error if
// any. Add it with db.AddQueryHook, or set Config.LogQueries.
//
// Lines are only built when logger is enabled for the level, so a hook
// left on in production costs little more than the check. The database
// URL and its password are never logged; errors reach the hook with the
// password redacted. A server's error message may quote a value, as
// MySQL's "Duplicate entry 'x' for key" does; it is logged as the server
// wrote it.
func LogQueries(logger *slog.Logger, opts LogOptions) QueryHook {
	if logger == nil {
		logger = slog.Default()
	}
	level := slog.LevelDebug
	if opts.Level != nil {
		level = opts.Level.Level()
	}
	return &queryLogger{logger: logger, level: level, args: opts.Args}
}

type queryLogger struct {
	logger *slog.Logger
	level  slog.Level
	args   bool
}

func (l *queryLogger) BeforeQuery(ctx context.Context, _ *QueryEvent) context.Context { return ctx }

func (l *queryLogger) AfterQuery(ctx context.Context, ev *QueryEvent) {
	if !l.logger.Enabled(ctx, l.level) {
		return
	}
	attrs := make([]slog.Attr, 0, 7)
	attrs = append(attrs,
		slog.String("sql", ev.Query),
		slog.Int("args", len(ev.Args)),
		slog.Duration("duration", ev.Duration))
	if ev.Server != "primary" {
		attrs = append(attrs, slog.String("server", ev.Server))
	}
	if l.args && len(ev.Args) > 0 {
		attrs = append(attrs, slog.Any("values", ev.Args))
	}
	if ev.RowsAffected >= 0 {
		attrs = append(attrs, slog.Int64("rows_affected", ev.RowsAffected))
	}
	if ev.Err != nil {
		attrs = append(attrs, slog.String("error", ev.Err.Error()))
	}
	l.logger.LogAttrs(ctx, l.level, "rx: query", attrs...)
}

// startLogging installs what Open's cfg asks to be logged, and says which
// database Open fell back to when the configuration named none: a loader
// that lost the URL would otherwise write to a stray ./rx.db unnoticed.
func (db *DB) startLogging(ctx context.Context, cfg Config) {
	db.SetN1(cfg.N1) // its warnings (nplusone.go)
	if cfg.LogQueries {
		opts := LogOptions{}
		if cfg.Logger == nil {
			// slog's default handler drops Debug: a user who turned the
			// log on and gave no logger must see it.
			opts.Level = slog.LevelInfo
		}
		db.AddQueryHook(LogQueries(db.logger, opts))
	}
	if cfg.defaultURL() {
		db.logger.LogAttrs(ctx, slog.LevelInfo, "rx: no database URL configured (Config.DBURL and DB_URL are empty): opened the default",
			slog.String("db_url", db.url))
	}
}
