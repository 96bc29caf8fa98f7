package dialect

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// A database URL is parsed here rather than by url.Parse alone, because
// url.Parse cuts the authority at the first '/', '?' or '#': a password
// holding one ("app:hunter2/x@host") becomes a host and port, and
// url.Parse's errors ("invalid port \":hunter2\"") then repeat it. Here
// everything between "//" and the last '@' is the user information; it
// is checked on its own, and no error repeats any text of the URL, only
// byte offsets, since a part that fails to parse may be a password that
// lost its '@'.

// passwordHint ends every error about the user information.
const passwordHint = "write special characters of a user name or password (/ ? # % space and others) " +
	"percent-encoded: build the URL with url.UserPassword(user, password).String() or escape the " +
	"password with url.PathEscape (not QueryEscape, whose + is not a space here); " +
	"an @ in the database name or the query must be written %40"

// parseDatabaseURL parses raw into a URL without looking up a driver.
func parseDatabaseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("rx: empty database URL: set Config.DBURL or DB_URL, e.g. sqlite:///rx.db")
	}
	scheme, err := urlScheme(raw)
	if err != nil {
		return nil, err
	}
	start := len(scheme) + len("://")
	rest := raw[start:]
	var user *url.Userinfo
	if at := strings.LastIndexByte(rest, '@'); at >= 0 && !strings.HasPrefix(rest, "/") {
		if user, err = parseUserinfo(rest[:at], start); err != nil {
			return nil, err
		}
		start += at + 1
		rest = rest[at+1:]
	}
	u, err := url.Parse(scheme + "://" + rest)
	if err != nil {
		return nil, malformed(raw, start)
	}
	u.User = user
	return u, nil
}

// urlScheme returns raw's scheme, the text before "://", or an error that
// shows no part of raw unless it is a scheme rx knows: the text before a
// colon may be a user name ("root:pw@tcp(host)/db", a go-sql-driver DSN).
func urlScheme(raw string) (string, error) {
	if i := strings.Index(raw, "://"); i > 0 && validScheme(raw[:i]) {
		return raw[:i], nil
	}
	if i := strings.IndexByte(raw, ':'); i > 0 && validScheme(raw[:i]) && schemeKnown(raw[:i]) {
		s := raw[:i]
		return "", fmt.Errorf("rx: database URL with scheme %q is missing \"//\" after the scheme: write %s://user:password@host/database", s, s)
	}
	return "", errors.New("rx: database URL has no scheme: expected scheme://user:password@host:port/database, " +
		"e.g. sqlite:///rx.db or postgresql://user@host/db (a go-sql-driver DSN user:password@tcp(host)/db " +
		"is written mysql://user:password@host/db)")
}

// validScheme reports whether s is an RFC 3986 scheme.
func validScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// schemeKnown reports whether s (or its dialect part, before a '+') is a
// scheme rx knows or a driver registered.
func schemeKnown(s string) bool {
	s = strings.ToLower(s)
	if i := strings.IndexByte(s, '+'); i >= 0 {
		s = s[:i]
	}
	if _, ok := knownSchemes[s]; ok {
		return true
	}
	drivers.RLock()
	defer drivers.RUnlock()
	return drivers.byScheme[s] != nil
}

// parseUserinfo decodes the user information info, which starts at byte
// offset off of the URL. It refuses characters RFC 3986 does not allow
// there unencoded (as url.Parse does) and bad percent escapes, naming
// offsets only.
func parseUserinfo(info string, off int) (*url.Userinfo, error) {
	for i := 0; i < len(info); i++ {
		c := info[i]
		if c == '%' {
			if i+2 >= len(info) || !isHex(info[i+1]) || !isHex(info[i+2]) {
				return nil, fmt.Errorf("rx: malformed database URL: the user name or password (bytes %d to %d) "+
					"holds a %% at byte %d that does not start a %%XX escape: %s", off, off+len(info)-1, off+i, passwordHint)
			}
			continue
		}
		if !userinfoByte(c) {
			return nil, fmt.Errorf("rx: malformed database URL: the user name or password (bytes %d to %d) "+
				"holds a character at byte %d that must be percent-encoded: %s", off, off+len(info)-1, off+i, passwordHint)
		}
	}
	name, pw, hasPw := strings.Cut(info, ":")
	// Valid escapes were checked above: PathUnescape cannot fail.
	name, _ = url.PathUnescape(name)
	if !hasPw {
		return url.User(name), nil
	}
	pw, _ = url.PathUnescape(pw)
	return url.UserPassword(name, pw), nil
}

// userinfoByte reports whether c may appear unencoded in user
// information: RFC 3986's unreserved and sub-delims, ':' and, since the
// last '@' ends it, '@' (url.Parse's rule).
func userinfoByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// malformed explains why url.Parse refused raw's host, path or query,
// which start at byte start, by part and byte offset.
func malformed(raw string, start int) error {
	const prefix = "rx: malformed database URL: "
	const form = " (expected scheme://user:password@host:port/database?options)"
	for i := 0; i < len(raw); i++ {
		if raw[i] < 0x20 || raw[i] == 0x7f {
			return fmt.Errorf(prefix+"a control character at byte %d"+form, i)
		}
	}
	end := start + strings.IndexAny(raw[start:]+"/", "/?#")
	host := raw[start:end]
	if strings.HasPrefix(host, "[") && !strings.Contains(host, "]") {
		return fmt.Errorf(prefix+"the host at byte %d opens an IPv6 address with [ and does not close it with ]"+form, start)
	}
	if c := strings.LastIndexByte(host, ':'); c > strings.LastIndexByte(host, ']') {
		for _, r := range host[c+1:] {
			if r < '0' || r > '9' {
				return fmt.Errorf(prefix+"the port after the colon at byte %d is not a number; "+
					"a user:password must end with @ before the host, and %s"+form, start+c, passwordHint)
			}
		}
	}
	if off := badEscape(raw, start); off >= 0 {
		return fmt.Errorf(prefix+"the %% at byte %d does not start a %%XX escape (write a %% in a name as %%25)"+form, off)
	}
	if end > start {
		return fmt.Errorf(prefix+"the host (bytes %d to %d) holds a character a host name cannot"+form, start, end-1)
	}
	return fmt.Errorf(prefix+"the path or query from byte %d is malformed"+form, end)
}

// badEscape returns the offset of the first '%' from start that is not
// followed by two hex digits, or -1.
func badEscape(raw string, start int) int {
	for i := start; i < len(raw); i++ {
		if raw[i] == '%' && (i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2])) {
			return i
		}
	}
	return -1
}

// RedactURL returns the database URL raw with any password replaced by
// "xxxxx", reading the user information as ParseURL does (up to the last
// '@', so a password holding '/' or '#' is found). Text that does not
// parse is replaced whole, since it might hold a secret.
func RedactURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := parseDatabaseURL(raw)
	if err != nil {
		return "<malformed URL>"
	}
	return u.Redacted()
}
