package main

// rx_cols.go names the models' columns for queries (UserCols.Username):
//go:generate go run github.com/rxgo/rxdb/cmd/rxcols

import (
	"time"

	"github.com/rxgo/rxdb/rx"
)

// User writes posts and comments. Posts is filled only when a query asks
// for it with With("Posts").
type User struct {
	rx.Model
	Username string `rx:"unique,size=64"`
	Posts    []Post // has-many: post.user_id points here
}

// Post belongs to its author, has comments, and carries tags through the
// post_tag link table.
type Post struct {
	rx.Model
	Title     string
	Body      string
	UserID    int64     `rx:"fk=user.id,ondelete=cascade"`
	CreatedAt time.Time `rx:"autocreate"`
	UpdatedAt time.Time `rx:"autoupdate"`

	User     *User     // belongs-to, through user_id
	Comments []Comment // has-many: comment.post_id
	Tags     []*Tag    `rx:"through=post_tag"` // many-to-many
}

// Comment belongs to a post and to the user who wrote it.
type Comment struct {
	rx.Model
	PostID    int64 `rx:"fk=post.id,ondelete=cascade"`
	UserID    int64 `rx:"fk=user.id,ondelete=cascade"`
	Body      string
	CreatedAt time.Time `rx:"autocreate"`

	User *User
}

// Tag labels posts; a tag in use cannot be deleted (restrict).
type Tag struct {
	rx.Model
	Label string  `rx:"unique,size=64"`
	Posts []*Post `rx:"through=post_tag"`
}

// PostTag links posts and tags.
type PostTag struct {
	PostID int64 `rx:"pk,fk=post.id,ondelete=cascade"`
	TagID  int64 `rx:"pk,fk=tag.id,ondelete=restrict"`
}

// Models are the blog's models, in any order: CreateAll creates the
// referenced tables first.
var Models = []any{&PostTag{}, &Comment{}, &Post{}, &Tag{}, &User{}}
