package schema_test

import (
	"testing"

	"github.com/rxgo/rxdb/schema"
)

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"User": "user", "UserID": "user_id", "HTTPServer": "http_server", "BlogPost": "blog_post",
		"ID": "id", "OAuth2Token": "o_auth2_token", "already_snake": "already_snake",
	} {
		if got := schema.SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}
