package api

import "time"

// Todo is the model and, with its json tags, the API's representation.
// It declares its own key (rather than embedding rx.Model) to name it
// "id" in JSON as well.
type Todo struct {
	ID        int64     `json:"id" rx:"pk,autoincrement"`
	Title     string    `json:"title" rx:"size=200"`
	Done      bool      `json:"done" rx:"index"`
	Priority  int       `json:"priority"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

const maxTitle = 200

// now is the time stored in CreatedAt and UpdatedAt, at the microsecond
// precision all three databases keep.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
